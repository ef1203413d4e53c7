"""Deleting an account: everything of it goes, on every device, and the address starts over."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core import mail, serializers
from django.test import Client

from accounts.models import User, UserSession
from autofocus.models import RateCounter
from autofocus.ratelimit import _key, rate_limit_forget, rate_limit_hit
from autofocus.testing import GraphQLClient, error_codes
from shortlinks.models import ShortLink

pytestmark = pytest.mark.django_db

SIGN_IN = "mutation In($email: String!) { requestLoginLink(email: $email) { signedIn } }"
DELETE = "mutation Delete($email: String!) { deleteAccount(email: $email) { ok } }"
ME = "query { user { email } }"
CREATE = "mutation C($text: String!) { createItem(text: $text) { item { id } } }"
COMPLETE = "mutation D($id: ID!) { completeItem(id: $id) { item { id } } }"
IMPORT = 'mutation { importItems(data: "a\\nb", format: TEXT) { imported } }'
UNDO = "mutation { undo { ok } }"

IP_KEYS = {_key("login-ip", "127.0.0.1")}  # the address's counters go, the client IP's stay


@pytest.fixture
def outbox():
    return mail.outbox


def every_row() -> dict[str, set]:
    """The primary keys of every row of every table (many-to-many tables included)."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        query = model._default_manager.all()
        if model is RateCounter:
            query = query.exclude(key__in=IP_KEYS)
        rows[model._meta.label] = set(query.values_list("pk", flat=True))
    return rows


def busy_account(email: str, outbox) -> tuple[GraphQLClient, Client]:
    """Signs an address up, uses the list, asks for login links and signs in on a second
    device; returns both devices."""
    phone = GraphQLClient()
    assert phone.execute(SIGN_IN, {"email": email})["data"]["requestLoginLink"]["signedIn"]
    phone.execute(SIGN_IN, {"email": email})  # one more login link and rate-limit hit
    item_id = phone.execute(CREATE, {"text": "Позвонить маме"})["data"]["createItem"]["item"]["id"]
    phone.execute(COMPLETE, {"id": item_id})
    phone.execute(IMPORT)
    phone.execute(CREATE, {"text": "undone later"})
    phone.execute(UNDO)
    user = User.objects.get(pk=email)
    user.user_permissions.add(Permission.objects.first())
    laptop = Client()
    laptop.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return phone, laptop


def test_deleting_leaves_no_row_of_the_account_in_any_table(outbox):
    busy_account("bob@example.com", outbox)
    before = every_row()
    phone, laptop = busy_account("ann@example.com", outbox)
    assert UserSession.objects.filter(user_id="ann@example.com").count() == 2
    assert ShortLink.objects.filter(owner="ann@example.com").count() == 2
    assert RateCounter.objects.filter(key=_key("login-email", "ann@example.com")).exists()

    result = phone.execute(DELETE, {"email": "  Ann@Example.com "})

    assert result == {"data": {"deleteAccount": {"ok": True}}}
    after = every_row()
    assert {label: pks for label, pks in after.items() if pks != before[label]} == {}
    dump = serializers.serialize(
        "json", [row for m in apps.get_models() for row in m._default_manager.all()]
    )
    assert "ann@example.com" not in dump
    # Both devices are signed out.
    assert phone.execute(ME) == {"data": {"user": None}}
    assert laptop.get("/export/autofocus.json").status_code == 403


def test_a_mismatched_address_deletes_nothing(outbox):
    phone, _ = busy_account("ann@example.com", outbox)
    before = every_row()
    result = phone.execute(DELETE, {"email": "someone@example.com"})
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert every_row() == before
    assert phone.execute(ME) == {"data": {"user": {"email": "ann@example.com"}}}


def test_signed_out_deletion_is_refused(gql):
    User.objects.create_user("ann@example.com")
    assert error_codes(gql.execute(DELETE, {"email": "ann@example.com"})) == ["UNAUTHENTICATED"]
    assert User.objects.filter(pk="ann@example.com").exists()


def test_signing_in_again_starts_a_new_account_with_the_onboarding_tasks(outbox, settings):
    from focus.models import Item

    settings.LOGIN_RATE_PER_EMAIL = "3/h"
    phone, _ = busy_account("ann@example.com", outbox)  # two of the three sign-ins used
    phone.execute(DELETE, {"email": "ann@example.com"})
    again = GraphQLClient()
    assert again.execute(SIGN_IN, {"email": "ann@example.com"})["data"]["requestLoginLink"] == {
        "signedIn": True
    }
    user = User.objects.get(pk="ann@example.com")
    assert not user.is_validated
    texts = list(Item.objects.filter(user=user).values_list("text", flat=True))
    assert len(texts) == 6 and texts[0].startswith("Welcome!")
    # The address's counter started over: two more sign-ins are within 3/h.
    assert "errors" not in again.execute(SIGN_IN, {"email": "ann@example.com"})
    assert "errors" not in again.execute(SIGN_IN, {"email": "ann@example.com"})


def test_rate_counts_in_redis_are_forgotten_too(settings):
    settings.REDIS_URL = "redis://counted-in-the-cache"  # the test cache stands in for Redis
    assert [rate_limit_hit(scope="s", ident="a", rate="1/h") for _ in range(2)] == [True, False]
    rate_limit_forget(scope="s", ident="a", rate="1/h")
    assert rate_limit_hit(scope="s", ident="a", rate="1/h")


def test_a_long_list_is_erased_in_batches(monkeypatch):
    from focus import services
    from focus.models import Event, Item
    from focus.tests.factories import list_fill

    user = User.objects.create_user("ann@example.com")
    list_fill(user, 25)
    services.item_complete(user=user, item_id=Item.objects.get(user=user, position=3).pk)
    monkeypatch.setattr(services, "ERASE_BATCH", 10)
    services.list_erase(user=user)
    assert not Item.objects.filter(user=user).exists()
    assert not Event.objects.filter(user=user).exists()
