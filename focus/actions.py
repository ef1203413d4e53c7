"""Client-made action ids: a list mutation is applied once, however often it is sent.

Rules:

* An action id is 8 to 64 characters of ``[A-Za-z0-9_-]``; anything else is BAD_USER_INPUT.
* The first call with an id applies the action and records the id, with what its answer
  needs, in the same transaction. Any later call by the same user with the same id applies
  nothing and answers like the first call did (the item as it is now, the same dismissed
  count), without an error, even after the action was undone.
* The same id sent with another mutation is BAD_USER_INPUT; the same id from another user is
  unrelated.
* (user, action id) is unique in the database: when two calls with one id race, the second
  one (refused, or stopped by the constraint) is rolled back whole and answers from the first
  one's record.
* Without an id the action is applied as usual.
* Records are kept ``ACTION_KEEP_DAYS`` days, then removed by ``clean_actions``.

Every list mutation, present or future, goes through ``action_once`` with the ``Outcome``
that fits its answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from django.db import IntegrityError
from django.utils import timezone

from accounts.models import User
from autofocus.errors import AppError, BadUserInput
from autofocus.transactions import attempt
from focus.models import ACTION_ID_PATTERN, Action, Item

ACTION_KEEP_DAYS = 30
_ACTION_ID = re.compile(ACTION_ID_PATTERN)

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """How to record what an action's answer needs, and to rebuild it for a replay."""

    encode: Callable[[T], dict[str, Any]]
    decode: Callable[[User, dict[str, Any]], T]


def _item_encode(item: Item) -> dict[str, Any]:
    return {
        "item": {
            "id": item.pk,
            "position": item.position,
            "text": item.text,
            "state": item.state,
            "repeats": item.repeats,
            "created_at": item.created_at.isoformat(),
        }
    }


def _item_decode(user: User, result: dict[str, Any]) -> Item:
    """The item as it is now; as it was answered when it is gone (a create undone since)."""
    saved = result["item"]
    item = Item.objects.filter(user=user, pk=saved["id"]).first()
    if item is not None:
        return item
    return Item(
        pk=saved["id"],
        user=user,
        position=saved["position"],
        text=saved["text"],
        state=saved["state"],
        repeats=saved["repeats"],
        created_at=datetime.fromisoformat(saved["created_at"]),
    )


ITEM = Outcome[Item](encode=_item_encode, decode=_item_decode)
"""Answers with an item (the one acted on, created or copied)."""

COUNT = Outcome[int](encode=lambda n: {"count": n}, decode=lambda user, r: int(r["count"]))
"""Answers with a number (how many items were dismissed)."""

NOTHING = Outcome[object](encode=lambda _: {}, decode=lambda user, r: None)
"""Answers with nothing but success."""

USER = Outcome[User](encode=lambda _: {}, decode=lambda user, r: user)
"""Answers with the user as they are now."""


def action_id_clean(action_id: str) -> str:
    if not isinstance(action_id, str) or not _ACTION_ID.fullmatch(action_id):
        raise BadUserInput(
            "An action id is 8 to 64 letters, digits, dashes or underscores.", field="actionId"
        )
    return action_id


def _replay(user: User, record: Action, operation: str, outcome: Outcome[T]) -> T:
    if record.operation != operation:
        raise BadUserInput("This action id was already used for another action.", field="actionId")
    return outcome.decode(user, record.result)


def action_once(
    *,
    user: User,
    action_id: str | None,
    operation: str,
    apply: Callable[[], T],
    outcome: Outcome[T],
) -> T:
    """Applies `apply()` once per (user, action id) and answers every call alike."""
    if action_id is None:
        return apply()
    key = action_id_clean(action_id)
    record = Action.objects.filter(user=user, action_id=key).first()
    if record is not None:
        return _replay(user, record, operation, outcome)
    try:
        with attempt():
            result = apply()
            Action.objects.create(
                user=user, action_id=key, operation=operation, result=outcome.encode(result)
            )
    except (IntegrityError, AppError):
        # A concurrent call with the same id committed first (this one then found the list
        # changed, or could not record the id): this one is rolled back whole.
        record = Action.objects.filter(user=user, action_id=key).first()
        if record is None:
            raise
        return _replay(user, record, operation, outcome)
    return result


def actions_purge(*, days: int = ACTION_KEEP_DAYS) -> int:
    """Removes action ids recorded more than `days` days ago; returns how many."""
    removed, _ = Action.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=days)
    ).delete()
    return removed
