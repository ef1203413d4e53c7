"""Short links: create and follow. Keyword-only, typed."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from autofocus.errors import BadUserInput
from shortlinks.models import ShortLink


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def is_local_path(target: str) -> bool:
    """True only for a path on this site: no scheme, no host, no backslash tricks."""
    if not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


@dataclass(frozen=True)
class CreatedShortLink:
    link: ShortLink
    code: str

    @property
    def path(self) -> str:
        return reverse("shortlinks:follow", kwargs={"code": self.code})

    @property
    def url(self) -> str:
        return f"{settings.SITE_URL}{self.path}"


def shortlink_create(
    *, target: str, expires_in: timedelta, max_uses: int | None = None, owner: str = ""
) -> CreatedShortLink:
    if not is_local_path(target):
        raise BadUserInput("A short link can only lead to a path on this site.", field="target")
    code = secrets.token_urlsafe(16)  # 128 bits
    link = ShortLink.objects.create(
        code_hash=code_hash(code),
        target=target,
        expires_at=timezone.now() + expires_in,
        max_uses=max_uses,
        owner=owner,
    )
    return CreatedShortLink(link=link, code=code)


def shortlinks_delete_owned(*, owner: str) -> int:
    """Removes every link of an owner, expired or not; returns how many."""
    if not owner:
        return 0
    deleted, _ = ShortLink.objects.filter(owner=owner).delete()
    return deleted


def shortlink_follow(*, code: str) -> str | None:
    """Counts one use and returns the target, or None for unknown, expired or used-up codes."""
    if not code or len(code) > 64:
        return None
    now = timezone.now()
    link = ShortLink.objects.filter(code_hash=code_hash(code), expires_at__gt=now).first()
    if link is None or not is_local_path(link.target):
        return None
    uses = ShortLink.objects.filter(pk=link.pk)
    if link.max_uses is not None:
        uses = uses.filter(use_count__lt=F("max_uses"))
    # The conditional UPDATE is the check: two concurrent follows cannot both take the last use.
    if not uses.update(use_count=F("use_count") + 1):
        return None
    return link.target


def shortlinks_purge_expired() -> int:
    deleted, _ = ShortLink.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
