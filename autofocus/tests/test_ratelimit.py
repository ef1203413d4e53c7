from functools import partial

import pytest

from autofocus.ratelimit import parse_rate, rate_limit_hit
from autofocus.testing import at_once


@pytest.mark.parametrize(
    "rate,expected",
    [("5/h", (5, 3600)), ("10/15m", (10, 900)), ("1/s", (1, 1)), ("100/d", (100, 86400))],
)
def test_parse_rate(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["5", "x/h", "5/y", "/h"])
def test_parse_rate_refuses_nonsense(rate):
    with pytest.raises(ValueError):
        parse_rate(rate)


@pytest.mark.django_db
def test_counts_per_scope_and_ident():
    assert [rate_limit_hit(scope="a", ident="x", rate="2/h") for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert rate_limit_hit(scope="a", ident="y", rate="2/h")
    assert rate_limit_hit(scope="b", ident="x", rate="2/h")


@pytest.mark.django_db(transaction=True)
def test_database_counter_loses_no_hit_under_concurrency():
    results = at_once([partial(rate_limit_hit, scope="race", ident="ip", rate="3/h")] * 6)
    assert sorted(results) == [False, False, False, True, True, True]


@pytest.mark.django_db
def test_redis_counter(settings):
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.exceptions.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (CI starts it)")
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }
    from django.core.cache import cache

    cache.clear()
    assert [rate_limit_hit(scope="r", ident="x", rate="2/h") for _ in range(3)] == [
        True,
        True,
        False,
    ]
    cache.clear()
