import pytest
from django.core import mail

from accounts.models import User
from accounts.services import login_link_send, user_set_language, user_sign_in_or_up
from accounts.signals import user_signed_up
from accounts.tests.factories import UserFactory
from autofocus.errors import BadUserInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    calls: list[User] = []

    def receive(sender, *, user, **kwargs):
        calls.append(user)

    user_signed_up.connect(receive, dispatch_uid="test-receiver")
    yield calls
    user_signed_up.disconnect(dispatch_uid="test-receiver")


def test_sign_up_sends_user_signed_up_once_for_a_new_account_only(receiver):
    first = user_sign_in_or_up(email="ann@example.com", language="en", client_ip="10.0.0.1")
    again = user_sign_in_or_up(email="ann@example.com", language="en", client_ip="10.0.0.1")
    assert (first.created, again.created) == (True, False)
    assert receiver == [first.user]


def test_a_failing_receiver_undoes_the_sign_up():
    def fail(sender, **kwargs):
        raise RuntimeError("no list for you")

    user_signed_up.connect(fail, dispatch_uid="test-failing")
    try:
        with pytest.raises(RuntimeError):
            user_sign_in_or_up(email="ann@example.com", language="en", client_ip="10.0.0.1")
    finally:
        user_signed_up.disconnect(dispatch_uid="test-failing")
    assert not User.objects.exists()


def test_unknown_language_is_refused():
    user = UserFactory()
    with pytest.raises(BadUserInput):
        user_set_language(user=user, language="de")
    user.refresh_from_db()
    assert user.language == "en"


def test_language_changes():
    user = UserFactory()
    user_set_language(user=user, language="ru")
    user.refresh_from_db()
    assert user.language == "ru"


def test_login_emails_go_out_in_the_accounts_language(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_SEND_IN_BACKGROUND = False
    for email, language in (("ann@example.com", "en"), ("boris@example.com", "ru")):
        with django_capture_on_commit_callbacks(execute=True):
            login_link_send(user=User.objects.create_user(email, language=language))
    english, russian = mail.outbox
    assert english.subject == "Your Autofocus sign-in link"
    assert "expires in 15 minutes" in english.body
    assert russian.subject == "Ссылка для входа в Autofocus"
    assert "Войти в Autofocus" in russian.alternatives[0][0]
    assert '<html lang="ru">' in russian.alternatives[0][0]
