"""Reads of the Autofocus list. Every function is keyword-only and typed.

Each read runs a fixed number of SQL statements whatever the list's length; page reads are
range queries on the (user, position) index.
"""

from __future__ import annotations

from accounts.models import User
from autofocus.errors import BadUserInput
from focus.models import MAX_PAGE_SIZE, Item, ItemState, Notebook


def notebook_of(*, user: User) -> Notebook:
    """The user's list state; defaults (unsaved) for an account that has none yet.

    Cached on the user instance, so resolvers of one request share one query.
    """
    try:
        return user.notebook
    except Notebook.DoesNotExist:
        return Notebook(user=user)


def items_for_page(*, user: User, page: int | None = None) -> list[Item]:
    """A page's items in position order, every state; the working page by default.

    A page past the last one is empty; a page below 1 is a BAD_USER_INPUT error.
    """
    notebook = notebook_of(user=user)
    if page is None:
        page = notebook.working_page
    if page < 1:
        raise BadUserInput("Pages are numbered from 1.", field="page")
    if page > notebook.pages:
        return []
    first, last = notebook.page_range(page)
    return list(
        Item.objects.filter(
            user=user, position__gte=first, position__lte=last, deleted_at__isnull=True
        ).order_by("position")
    )


DISMISSED_REVIEW_SIZE = MAX_PAGE_SIZE


def dismissed_items(*, user: User) -> list[Item]:
    """The first DISMISSED items awaiting review (at most a page's worth), in position
    order; the rest follow as these are restored or deleted."""
    return list(
        Item.objects.filter(user=user, state=ItemState.DISMISSED, deleted_at__isnull=True).order_by(
            "position"
        )[:DISMISSED_REVIEW_SIZE]
    )


def first_active_position(*, user: User, start: int) -> int | None:
    """The position of the first ACTIVE item at or after `start`, if any."""
    return (
        Item.objects.filter(
            user=user, state=ItemState.ACTIVE, deleted_at__isnull=True, position__gte=start
        )
        .order_by("position")
        .values_list("position", flat=True)
        .first()
    )
