"""Reading the login emails the server sent.

Three mailboxes, one interface (`messages()`: every message, oldest first):

* `Outbox`: Django's in-memory outbox, for the in-process live server;
* `MailFolder`: the folder of Django's file email backend (`EMAIL_FILE_PATH`), for a server
  on this machine (`FT_MAIL_DIR`);
* `ImapMailbox`: a test mailbox over IMAP (`FT_IMAP_URL`, e.g.
  `imaps://user:password@imap.example.com/INBOX`), for a real staging app.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

SHORT_LINK = re.compile(r"https?://[^\s\"'<>]+/s/[A-Za-z0-9_-]+")
# What Django's file backend writes after every message.
FILE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@dataclass(frozen=True)
class Mail:
    """A received message, the same whichever mailbox it came from."""

    to: list[str]
    subject: str
    body: str
    html: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def alternatives(self) -> list[tuple[str, str]]:
        """Like Django's EmailMultiAlternatives: the HTML part, when there is one."""
        return [(self.html, "text/html")] if self.html else []

    @classmethod
    def from_django(cls, message: Any) -> Mail:
        html = next(
            (content for content, kind in getattr(message, "alternatives", []) if "html" in kind),
            "",
        )
        return cls(to=list(message.to), subject=message.subject, body=message.body, html=html)

    @classmethod
    def from_bytes(cls, raw: bytes) -> Mail:
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        text = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        return cls(
            to=[address.strip() for address in str(parsed.get("To", "")).split(",") if address],
            subject=str(parsed.get("Subject", "")),
            body=text.get_content() if text is not None else "",
            html=html.get_content() if html is not None else "",
            headers={key: str(value) for key, value in parsed.items()},
        )


class Mailbox(Protocol):
    def messages(self) -> list[Mail]: ...


class Outbox:
    """Django's locmem outbox (the in-process server sends through it)."""

    def messages(self) -> list[Mail]:
        from django.core import mail

        return [Mail.from_django(message) for message in getattr(mail, "outbox", [])]


class MailFolder:
    """The folder Django's file backend writes to: one file per connection, each holding
    one or more messages, each followed by a line of 79 dashes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def messages(self) -> list[Mail]:
        if not self.path.is_dir():
            return []
        files = sorted(self.path.glob("*.log"), key=lambda file: (file.stat().st_mtime, file.name))
        found = []
        for file in files:
            for chunk in file.read_bytes().split(FILE_SEPARATOR):
                if chunk.strip():
                    found.append(Mail.from_bytes(chunk))
        return found


class ImapMailbox:
    """A mailbox read over IMAP with the standard library (read-only: nothing is marked)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("imap", "imaps"):
            raise ValueError(f"FT_IMAP_URL must start with imap:// or imaps://, not {url!r}")
        self.secure = parts.scheme == "imaps"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (993 if self.secure else 143)
        self.user = unquote(parts.username or "")
        self.password = unquote(parts.password or "")
        self.folder = unquote(parts.path.lstrip("/")) or "INBOX"

    def _connect(self) -> imaplib.IMAP4:
        connection = (
            imaplib.IMAP4_SSL(self.host, self.port)
            if self.secure
            else imaplib.IMAP4(self.host, self.port)
        )
        connection.login(self.user, self.password)
        status, _ = connection.select(self.folder, readonly=True)
        if status != "OK":
            connection.logout()
            raise AssertionError(f"IMAP folder {self.folder!r} cannot be opened")
        return connection

    def messages(self) -> list[Mail]:
        connection = self._connect()
        try:
            status, data = connection.uid("SEARCH", "ALL")
            if status != "OK":
                raise AssertionError(f"IMAP search failed: {data!r}")
            uids = sorted(int(uid) for uid in (data[0] or b"").split())
            found = []
            for uid in uids:
                status, parts = connection.uid("FETCH", str(uid), "(BODY.PEEK[])")
                raw = next(
                    (part[1] for part in parts if isinstance(part, tuple) and len(part) > 1),
                    None,
                )
                if status == "OK" and raw:
                    found.append(Mail.from_bytes(raw))
            return found
        finally:
            try:
                connection.close()
            finally:
                connection.logout()


def login_link(message: Mail) -> str:
    """The short login link of a login email (the same in its text and HTML parts)."""
    found = SHORT_LINK.findall(message.body)
    assert found, f"No short link in the email:\n{message.body}"
    html = message.alternatives[0][0] if message.alternatives else ""
    assert found[0] in html, "The HTML part should carry the same link"
    return found[0]
