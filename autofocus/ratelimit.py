"""Fixed-window rate limits that hold across every worker and process.

Counts live in Redis when `REDIS_URL` is set (atomic INCR through Django's cache), and in the
database otherwise: an UPDATE ... SET count = count + 1 takes the row lock, so concurrent
requests never lose a hit. (Django's database cache has no atomic increment, which is why
the database path counts rows of its own.)
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/h' -> (5, 3600); '10/15m' -> (10, 900)."""
    count, _, period = rate.partition("/")
    unit = period[-1:]
    multiplier = int(period[:-1]) if period[:-1] else 1
    if not count.isdigit() or unit not in PERIODS:
        raise ValueError(f"Invalid rate {rate!r}: expected like '5/h' or '10/15m'")
    return int(count), multiplier * PERIODS[unit]


def _hit_database(key: str, window: int, period: int) -> int:
    from autofocus.models import RateCounter

    with transaction.atomic():
        updated = RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        key=key, window=window, count=1, expires=(window + 1) * period
                    )
                RateCounter.objects.filter(key=key, window__lt=window).delete()
                return 1
            except IntegrityError:
                RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        return RateCounter.objects.values_list("count", flat=True).get(key=key, window=window)


def _hit_cache(key: str, window: int, period: int) -> int:
    from django.core.cache import cache

    cache_key = f"ratelimit:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period + 1)
        return 1


def _key(scope: str, ident: str) -> str:
    return hashlib.sha256(f"{scope}\0{ident}".encode()).hexdigest()


def rate_limit_hit(*, scope: str, ident: str, rate: str) -> bool:
    """Counts one hit; returns True while the caller is within `rate`."""
    if not settings.RATELIMIT_ENABLED:
        return True
    limit, period = parse_rate(rate)
    window = int(time.time()) // period
    key = _key(scope, ident)
    count = (
        _hit_cache(key, window, period)
        if settings.REDIS_URL
        else _hit_database(key, window, period)
    )
    return count <= limit


def client_ip(request) -> str:
    """The client's address; behind the proxy, the last hop it appended to X-Forwarded-For."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and settings.BEHIND_PROXY:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limit_retry_after(*, rate: str) -> int:
    """Seconds until the current window of `rate` ends: when a refused caller may try again."""
    _, period = parse_rate(rate)
    return max(1, period - int(time.time()) % period)


def rate_limit_forget(*, scope: str, ident: str, rate: str) -> None:
    """Drops the counts of one key (in the database and, when used, Redis)."""
    from django.core.cache import cache

    from autofocus.models import RateCounter

    _, period = parse_rate(rate)
    key = _key(scope, ident)
    RateCounter.objects.filter(key=key).delete()
    if settings.REDIS_URL:
        window = int(time.time()) // period
        cache.delete_many([f"ratelimit:{key}:{w}" for w in (window - 1, window, window + 1)])
