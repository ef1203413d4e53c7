"""Unit tests of the mail readers the stories use (no browser, no server)."""

from __future__ import annotations

import imaplib

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.filebased import EmailBackend

from functional_tests.mail import ImapMailbox, Mail, MailFolder, login_link

LINK = "https://stg.example.com/s/AbC_12-x"


def login_email(to: str = "ann@example.com") -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Your Autofocus sign-in link",
        body=f"Open this link:\n\n{LINK}\n",
        from_email="Autofocus <noreply@example.com>",
        to=[to],
    )
    message.attach_alternative(f'<p><a href="{LINK}">Sign in</a></p>', "text/html")
    return message


class FakeImap:
    """Just enough of imaplib.IMAP4 for ImapMailbox, holding messages by UID."""

    instances: list[FakeImap] = []
    store: dict[int, bytes] = {}

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.calls: list[tuple] = []
        FakeImap.instances.append(self)

    def login(self, user: str, password: str):
        self.calls.append(("login", user, password))
        return "OK", [b"logged in"]

    def select(self, mailbox: str, readonly: bool = False):
        self.calls.append(("select", mailbox, readonly))
        return "OK", [str(len(self.store)).encode()]

    def uid(self, command: str, *args: str):
        self.calls.append(("uid", command, *args))
        if command == "SEARCH":
            return "OK", [b" ".join(str(uid).encode() for uid in sorted(self.store))]
        uid = int(args[0])
        return "OK", [(f"{uid} (UID {uid} BODY[] {{n}}".encode(), self.store[uid]), b")"]

    def close(self):
        self.calls.append(("close",))

    def logout(self):
        self.calls.append(("logout",))


@pytest.fixture
def fake_imap(monkeypatch):
    FakeImap.instances = []
    FakeImap.store = {}
    monkeypatch.setattr(imaplib, "IMAP4_SSL", FakeImap)
    monkeypatch.setattr(imaplib, "IMAP4", FakeImap)
    return FakeImap


def test_imap_url_gives_host_port_credentials_and_folder():
    box = ImapMailbox("imaps://stories%40example.com:p%40ss@imap.example.com/Staging")
    assert (box.secure, box.host, box.port) == (True, "imap.example.com", 993)
    assert (box.user, box.password, box.folder) == ("stories@example.com", "p@ss", "Staging")
    plain = ImapMailbox("imap://u:p@localhost:1143")
    assert (plain.secure, plain.port, plain.folder) == (False, 1143, "INBOX")
    with pytest.raises(ValueError):
        ImapMailbox("pop3://u:p@localhost")


def test_imap_mailbox_reads_every_message_in_uid_order_without_marking_them(fake_imap):
    fake_imap.store = {
        12: login_email("bob@example.com").message().as_bytes(),
        7: login_email("ann@example.com").message().as_bytes(),
    }
    messages = ImapMailbox("imaps://u:p@imap.example.com/INBOX").messages()

    assert [message.to for message in messages] == [["ann@example.com"], ["bob@example.com"]]
    assert login_link(messages[0]) == LINK
    calls = fake_imap.instances[0].calls
    assert calls[0] == ("login", "u", "p")
    assert ("select", "INBOX", True) in calls  # read-only: nothing is marked as read
    assert ("uid", "FETCH", "7", "(BODY.PEEK[])") in calls
    assert calls[-2:] == [("close",), ("logout",)]


def test_imap_mailbox_logs_out_when_the_folder_is_missing(fake_imap, monkeypatch):
    monkeypatch.setattr(FakeImap, "select", lambda self, mailbox, readonly=False: ("NO", [b""]))
    with pytest.raises(AssertionError, match="cannot be opened"):
        ImapMailbox("imap://u:p@localhost/Nope").messages()


def test_mail_folder_reads_what_djangos_file_backend_wrote(tmp_path, settings):
    settings.EMAIL_FILE_PATH = str(tmp_path)
    backend = EmailBackend(file_path=str(tmp_path))
    backend.send_messages([login_email("ann@example.com"), login_email("bob@example.com")])
    backend.close()
    EmailBackend(file_path=str(tmp_path)).send_messages([login_email("cy@example.com")])

    messages = MailFolder(tmp_path).messages()

    assert [message.to for message in messages] == [
        ["ann@example.com"],
        ["bob@example.com"],
        ["cy@example.com"],
    ]
    assert messages[0].subject == "Your Autofocus sign-in link"
    assert login_link(messages[2]) == LINK


def test_outbox_messages_read_like_received_ones():
    mail = Mail.from_django(login_email())
    assert (mail.to, mail.subject) == (["ann@example.com"], "Your Autofocus sign-in link")
    assert login_link(mail) == LINK
