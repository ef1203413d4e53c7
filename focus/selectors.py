"""Reads of the Autofocus list. Every function is keyword-only and typed.

Each read runs a fixed number of SQL statements whatever the list's length (export streams
in chunks); page reads are range queries on the (user, position) index.

Search matches a plain substring of the case-folded text (`focus.models.fold`, stored in
`Item.text_folded`), so "МАМЕ" finds "позвонить маме" on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, StrIndex

from accounts.models import User
from autofocus.errors import BadUserInput
from focus.formats import ExportedItem
from focus.models import MAX_PAGE_SIZE, Event, Item, ItemState, Notebook, fold

SEARCH_MAX_RESULTS = 200
SEARCH_MAX_QUERY = 200
EXPORT_CHUNK = 2_000


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


def items_search(*, user: User, query: str, first: int = 50) -> list[Item]:
    """Items (every state, deleted ones excepted) whose text contains `query`, ignoring case
    in any script, in position order; at most `first` (1 to 200). A blank query finds nothing.
    """
    if not 1 <= first <= SEARCH_MAX_RESULTS:
        raise BadUserInput(f"`first` must be between 1 and {SEARCH_MAX_RESULTS}.", field="first")
    needle = fold(query.strip())
    if not needle:
        return []
    if len(needle) > SEARCH_MAX_QUERY:
        raise BadUserInput(
            f"Please search for at most {SEARCH_MAX_QUERY} characters.", field="query"
        )
    items = Item.objects.filter(user=user, deleted_at__isnull=True)
    if connection.vendor == "postgresql":
        # LIKE '%...%' (wildcards escaped), which the trigram index of migration 0002 serves.
        items = items.filter(text_folded__contains=needle)
    else:
        # INSTR: a plain substring test, faster than LIKE, over the user's rows (read through
        # the (user, position) index).
        items = items.alias(found_at=StrIndex("text_folded", Value(needle))).filter(found_at__gt=0)
    return list(items.defer("text_folded").order_by("position")[:first])


def items_export(*, user: User) -> Iterator[ExportedItem]:
    """Every item not deleted, in position order, read in chunks so that memory does not grow
    with the list. `changed_at` is when the last action not undone touched the item (its
    creation when none did)."""
    last_action = (
        Event.objects.filter(item=OuterRef("pk"), undone_at__isnull=True)
        .order_by("-id")
        .values("created_at")[:1]
    )
    rows = (
        Item.objects.filter(user=user, deleted_at__isnull=True)
        .annotate(changed_at=Coalesce(Subquery(last_action), F("created_at")))
        .order_by("position")
        .values_list("position", "text", "state", "repeats", "created_at", "changed_at")
    )
    for position, text, state, repeats, created_at, changed_at in rows.iterator(
        chunk_size=EXPORT_CHUNK
    ):
        yield ExportedItem(position, text, state, repeats, created_at, changed_at)
