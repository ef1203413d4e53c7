from datetime import timedelta
from functools import partial

import pytest

from autofocus.errors import BadUserInput
from autofocus.testing import at_once
from shortlinks.models import ShortLink
from shortlinks.services import is_local_path, shortlink_create, shortlink_follow

pytestmark = pytest.mark.django_db


def test_code_has_128_bits_and_only_its_hash_is_stored():
    created = shortlink_create(target="/login?sesame=abc", expires_in=timedelta(minutes=5))
    assert len(created.code) >= 22  # token_urlsafe(16)
    stored = ShortLink.objects.get()
    assert created.code not in stored.code_hash
    assert len(stored.code_hash) == 64
    assert created.url == f"http://testserver/s/{created.code}"


def test_follow_returns_target_and_counts_uses():
    created = shortlink_create(target="/dismissed", expires_in=timedelta(minutes=5))
    assert shortlink_follow(code=created.code) == "/dismissed"
    assert shortlink_follow(code=created.code) == "/dismissed"
    assert ShortLink.objects.get().use_count == 2


def test_use_limit():
    created = shortlink_create(target="/", expires_in=timedelta(minutes=5), max_uses=1)
    assert shortlink_follow(code=created.code) == "/"
    assert shortlink_follow(code=created.code) is None


def test_expired_and_unknown_codes():
    created = shortlink_create(target="/", expires_in=timedelta(seconds=-1))
    assert shortlink_follow(code=created.code) is None
    assert shortlink_follow(code="nope") is None
    assert shortlink_follow(code="") is None


@pytest.mark.parametrize(
    "target",
    [
        "//evil.com",
        "/\\evil.com",
        "https://evil.com/",
        "evil.com",
        "",
        "javascript:alert(1)",
        "/\tfoo",
        "///evil.com",
    ],
)
def test_only_local_paths_are_accepted(target):
    assert not is_local_path(target)
    with pytest.raises(BadUserInput):
        shortlink_create(target=target, expires_in=timedelta(minutes=5))
    assert not ShortLink.objects.exists()


def test_a_stored_foreign_target_is_never_followed():
    created = shortlink_create(target="/ok", expires_in=timedelta(minutes=5))
    # Even if a bad row got in, following re-checks it (the database refuses it too).
    ShortLink.objects.filter(pk=created.link.pk).update(target="/\\evil.com")
    assert shortlink_follow(code=created.code) is None


@pytest.mark.django_db(transaction=True)
def test_last_use_is_taken_once_under_concurrency():
    created = shortlink_create(target="/", expires_in=timedelta(minutes=5), max_uses=1)
    results = at_once([partial(shortlink_follow, code=created.code)] * 4)
    assert sorted(results, key=str) == ["/", None, None, None]
