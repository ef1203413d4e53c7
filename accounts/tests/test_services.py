from datetime import timedelta
from functools import partial

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.selectors import api_token_list
from accounts.services import (
    MAX_API_TOKENS,
    api_token_create,
    api_token_hash,
    api_token_revoke,
    api_token_use,
    login_link_send,
    user_set_language,
    user_sign_in_or_up,
)
from accounts.signals import user_signed_up
from accounts.tests.factories import UserFactory
from autofocus.errors import BadUserInput, Conflict, NotFound
from autofocus.testing import at_once

pytestmark = pytest.mark.django_db


def test_a_token_has_the_prefix_and_256_random_bits_and_only_its_hash_is_stored():
    user = UserFactory()
    created = api_token_create(user=user, name="laptop script", scope="write")
    assert created.token.startswith("af_")
    assert len(created.token) == 3 + 43  # token_urlsafe(32): 256 bits
    stored = ApiToken.objects.get()
    assert stored.token_hash == api_token_hash(created.token)
    assert created.token not in stored.token_hash
    assert created.token[3:] not in str(stored.__dict__)
    assert (stored.name, stored.scope, stored.user) == ("laptop script", "write", user)
    assert stored.last_used_at is None and stored.revoked_at is None


def test_two_tokens_never_share_a_secret():
    user = UserFactory()
    tokens = {api_token_create(user=user, name=f"t{n}", scope="read").token for n in range(5)}
    assert len(tokens) == 5


@pytest.mark.parametrize(
    ("name", "scope", "field"),
    [
        ("", "read", "name"),
        ("   ", "read", "name"),
        ("x" * 101, "read", "name"),
        ("ok", "admin", "scope"),
    ],
)
def test_bad_names_and_scopes_are_refused(name, scope, field):
    with pytest.raises(BadUserInput) as refused:
        api_token_create(user=UserFactory(), name=name, scope=scope)
    assert refused.value.field == field
    assert ApiToken.objects.count() == 0


def test_the_name_is_trimmed_and_unique_among_live_tokens_whatever_the_case():
    user = UserFactory()
    first = api_token_create(user=user, name="  Phone   shortcut ", scope="read")
    assert first.api_token.name == "Phone shortcut"
    with pytest.raises(BadUserInput, match="already have a token called"):
        api_token_create(user=user, name="phone SHORTCUT", scope="write")
    # Another account, or the name of a revoked token, is free.
    api_token_create(user=UserFactory(), name="Phone shortcut", scope="read")
    api_token_revoke(user=user, token_id=first.api_token.pk)
    api_token_create(user=user, name="Phone shortcut", scope="read")


def test_an_account_has_at_most_twenty_live_tokens():
    user = UserFactory()
    tokens = [
        api_token_create(user=user, name=f"t{n}", scope="read") for n in range(MAX_API_TOKENS)
    ]
    with pytest.raises(Conflict, match="at most 20 tokens"):
        api_token_create(user=user, name="one more", scope="read")
    api_token_revoke(user=user, token_id=tokens[0].api_token.pk)
    api_token_create(user=user, name="one more", scope="read")
    assert api_token_list(user=user).count() == MAX_API_TOKENS


@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_never_pass_the_limit():
    user = UserFactory()
    for n in range(MAX_API_TOKENS - 1):
        api_token_create(user=user, name=f"t{n}", scope="read")

    def create(name: str) -> str:
        try:
            api_token_create(user=user, name=name, scope="read")
            return "created"
        except Conflict:
            return "refused"

    results = at_once([partial(create, "a"), partial(create, "b"), partial(create, "c")])
    assert sorted(results) == ["created", "refused", "refused"]
    assert api_token_list(user=user).count() == MAX_API_TOKENS


def test_a_token_authenticates_its_user_until_revoked():
    user = UserFactory()
    created = api_token_create(user=user, name="script", scope="write")
    used = api_token_use(token=created.token)
    assert used is not None and used.user == user and used.scope == "write"
    api_token_revoke(user=user, token_id=created.api_token.pk)
    assert api_token_use(token=created.token) is None


@pytest.mark.parametrize(
    "token",
    ["", "af_", "af_short", "gh_" + "a" * 43, "af_" + "a" * 44, "af_" + "a" * 42 + "!", None],
)
def test_malformed_tokens_authenticate_nobody(token):
    api_token_create(user=UserFactory(), name="script", scope="write")
    assert api_token_use(token=token) is None


def test_an_unknown_token_or_an_inactive_account_authenticates_nobody():
    user = UserFactory()
    created = api_token_create(user=user, name="script", scope="write")
    assert api_token_use(token="af_" + "A" * 43) is None
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert api_token_use(token=created.token) is None


def test_deleting_the_account_deletes_its_tokens():
    user = UserFactory()
    created = api_token_create(user=user, name="script", scope="write")
    user.delete()
    assert ApiToken.objects.count() == 0
    assert api_token_use(token=created.token) is None


def test_last_use_is_written_at_most_once_a_minute(django_assert_num_queries):
    user = UserFactory()
    created = api_token_create(user=user, name="script", scope="read")
    start = timezone.now()
    with django_assert_num_queries(2):  # the look-up and the first note of use
        api_token_use(token=created.token, now=start)
    assert ApiToken.objects.get().last_used_at == start
    with django_assert_num_queries(1):  # the look-up only
        api_token_use(token=created.token, now=start + timedelta(seconds=59))
    assert ApiToken.objects.get().last_used_at == start
    later = start + timedelta(seconds=61)
    api_token_use(token=created.token, now=later)
    assert ApiToken.objects.get().last_used_at == later


def test_only_the_owner_revokes_a_live_token():
    ann, bob = UserFactory(), UserFactory()
    created = api_token_create(user=ann, name="script", scope="read")
    for token_id in (created.api_token.pk, "nope", "", 10**9):
        with pytest.raises(NotFound):
            api_token_revoke(
                user=bob if token_id == created.api_token.pk else ann, token_id=token_id
            )
    assert api_token_use(token=created.token) is not None
    api_token_revoke(user=ann, token_id=str(created.api_token.pk))
    with pytest.raises(NotFound):
        api_token_revoke(user=ann, token_id=created.api_token.pk)


def test_the_list_shows_live_tokens_newest_first():
    ann = UserFactory()
    old = api_token_create(user=ann, name="old", scope="read").api_token
    ApiToken.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    api_token_create(user=ann, name="new", scope="write")
    gone = api_token_create(user=ann, name="gone", scope="write").api_token
    api_token_revoke(user=ann, token_id=gone.pk)
    api_token_create(user=UserFactory(), name="bob's", scope="write")
    assert [t.name for t in api_token_list(user=ann)] == ["new", "old"]


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
    assert "Войти в Autofocus" in str(russian.alternatives[0][0])
    assert '<html lang="ru">' in str(russian.alternatives[0][0])
