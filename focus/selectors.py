"""Reads of the Autofocus list. Every function is keyword-only and typed.

Each read runs a fixed number of SQL statements whatever the list's length; page reads are
range queries on the (user, position) index.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Func, IntegerField, Min, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import User
from autofocus.errors import BadUserInput
from focus.models import Event, EventKind, Item, ItemState, Notebook

MIN_STATS_DAYS = 1
MAX_STATS_DAYS = 366


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


def dismissed_items(*, user: User) -> list[Item]:
    """DISMISSED items awaiting review, in position order."""
    return list(
        Item.objects.filter(user=user, state=ItemState.DISMISSED, deleted_at__isnull=True).order_by(
            "position"
        )
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


class _JSONArrayLength(Func):
    """Length of a JSON array column (the ids a page pass dismissed)."""

    function = "json_array_length"
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="jsonb_array_length", **extra_context)


@dataclass(frozen=True)
class StatsDay:
    """What one person did on one day of their own time zone (undone actions not counted)."""

    date: date
    created: int = 0
    completed: int = 0
    reentered: int = 0
    dismissed: int = 0


@dataclass(frozen=True)
class Stats:
    days: list[StatsDay]
    open_items: int
    dismissed_waiting: int
    oldest_open_days: int | None
    median_days_to_done: float | None
    first_pass_success_rate: float | None
    time_zone: str


def stats_for(*, user: User, days: int = 30) -> Stats:
    """The person's figures over the last `days` days (1 to 366) of their own time zone.

    * one row per day, oldest first, every day of the period (zeros included): tasks added,
      done, re-entered and dismissed that day; undone actions do not count;
    * open and dismissed-waiting tasks now, and the age in whole days of the oldest open one;
    * the median days from adding a line to crossing it out as done, over the period;
    * the share of page passes ("Nothing stands out") in the period that found something to
      do first (a task on the page was done or re-entered before moving on).

    Three SQL statements whatever the list's length: the events of the period grouped by
    local day, one aggregate over the open items, and the completions' ages.
    """
    if not MIN_STATS_DAYS <= days <= MAX_STATS_DAYS:
        raise BadUserInput(
            f"Statistics cover {MIN_STATS_DAYS} to {MAX_STATS_DAYS} days.", field="days"
        )
    zone = user.zone
    now = timezone.now()
    today = now.astimezone(zone).date()
    first_day = today - timedelta(days=days - 1)
    start = datetime.combine(first_day, time.min, tzinfo=zone)

    events = Event.objects.filter(user=user, undone_at__isnull=True, created_at__gte=start)
    rows = (
        events.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day")
        .annotate(
            created=Count("id", filter=Q(kind=EventKind.CREATE)),
            completed=Count("id", filter=Q(kind=EventKind.COMPLETE)),
            reentered=Count("id", filter=Q(kind=EventKind.REENTER)),
            dismissed=Sum(_JSONArrayLength("dismissed_ids"), filter=Q(kind=EventKind.NEXT_PAGE)),
            passes=Count("id", filter=Q(kind=EventKind.NEXT_PAGE)),
            passes_found=Count("id", filter=Q(kind=EventKind.NEXT_PAGE, prev_acted_on_page=True)),
        )
        .order_by("day")
    )
    by_day: dict[date, StatsDay] = {}
    passes = passes_found = 0
    for row in rows:
        day = row["day"]
        if isinstance(day, str):  # defensive: some SQLite builds hand dates back as text
            day = date.fromisoformat(day)
        by_day[day] = StatsDay(
            date=day,
            created=row["created"],
            completed=row["completed"],
            reentered=row["reentered"],
            dismissed=row["dismissed"] or 0,
        )
        passes += row["passes"]
        passes_found += row["passes_found"]
    series = [
        by_day.get(first_day + timedelta(days=n), StatsDay(date=first_day + timedelta(days=n)))
        for n in range(days)
    ]

    open_now = Item.objects.filter(user=user, deleted_at__isnull=True).aggregate(
        open_items=Count("id", filter=Q(state=ItemState.ACTIVE)),
        dismissed_waiting=Count("id", filter=Q(state=ItemState.DISMISSED)),
        oldest=Min("created_at", filter=Q(state=ItemState.ACTIVE)),
    )
    oldest = open_now["oldest"]
    oldest_open_days = None if oldest is None else (today - oldest.astimezone(zone).date()).days

    ages = [
        (done - added).total_seconds() / 86400
        for done, added in events.filter(kind=EventKind.COMPLETE, item__isnull=False)
        .annotate(added=F("item__created_at"))
        .values_list("created_at", "added")
    ]
    return Stats(
        days=series,
        open_items=open_now["open_items"],
        dismissed_waiting=open_now["dismissed_waiting"],
        oldest_open_days=oldest_open_days,
        median_days_to_done=round(statistics.median(ages), 1) if ages else None,
        first_pass_success_rate=round(passes_found / passes, 3) if passes else None,
        time_zone=user.time_zone,
    )
