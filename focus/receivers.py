"""Receivers of other apps' signals (connected in focus.apps)."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from focus.services import list_erase, list_start


def start_list_of_new_account(sender: type[User], *, user: User, **kwargs: Any) -> None:
    """A new account gets its list, with the onboarding items, in the sign-up transaction."""
    list_start(user=user)


def erase_list_of_deleted_account(sender: type[User], *, user: User, **kwargs: Any) -> None:
    """A deleted account's list goes first, in batches (a cascade would load it whole)."""
    list_erase(user=user)
