"""Writes to the Autofocus list. Every function is keyword-only and typed."""

from __future__ import annotations

from accounts.models import User


def list_start(*, user: User) -> None:
    """Prepares a new account's list (called once, when the account is created)."""
