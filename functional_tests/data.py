"""Seeding lists straight through the services, for stories that are not about adding."""

from __future__ import annotations

from focus.models import Item
from focus.services import item_create


def seed(user, count: int, prefix: str = "Task") -> list[Item]:
    """Adds `count` tasks named "<prefix> 1", "<prefix> 2"… at the end of the user's list."""
    return [item_create(user=user, text=f"{prefix} {n}") for n in range(1, count + 1)]
