"""Reads of the Autofocus list. Every function is keyword-only and typed.

Each read runs a fixed number of SQL statements whatever the list's length (export streams
in chunks); page reads are range queries on the (user, position) index.

Search matches a plain substring of the case-folded text (`focus.models.fold`, stored in
`Item.text_folded`), so "МАМЕ" finds "позвонить маме" on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import (
    Count,
    DateField,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, StrIndex, TruncDate
from django.utils import timezone

from accounts.models import User
from autofocus.errors import BadUserInput
from focus.formats import ExportedItem
from focus.models import MAX_PAGE_SIZE, Event, EventKind, Item, ItemState, Notebook, fold

SEARCH_MAX_RESULTS = 200
SEARCH_MAX_QUERY = 200
EXPORT_CHUNK = 2_000
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


DISMISSED_REVIEW_SIZE = MAX_PAGE_SIZE


def dismissed_items(*, user: User) -> list[Item]:
    """The first DISMISSED items awaiting review (at most a page's worth), in position
    order; the rest follow as these are restored or deleted."""
    return list(
        Item.objects.filter(user=user, state=ItemState.DISMISSED, deleted_at__isnull=True).order_by(
            "position"
        )[:DISMISSED_REVIEW_SIZE]
    )


def dismissed_count(*, user: User) -> int:
    """How many DISMISSED items wait for review (all of them, not only the first page's)."""
    return Item.objects.filter(
        user=user, state=ItemState.DISMISSED, deleted_at__isnull=True
    ).count()


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


class _JSONArrayLength(Func):
    """Length of a JSON array column (the ids a page pass dismissed)."""

    function = "json_array_length"
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="jsonb_array_length", **extra_context)


def _offsets(zone: ZoneInfo, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """The zone's UTC offsets (seconds) between two instants: [(from, offset), …], found by
    sampling each day and bisecting to the second where the offset changes (DST)."""

    def offset(moment: datetime) -> int:
        return int((moment.astimezone(zone).utcoffset() or timedelta()).total_seconds())

    start = start.astimezone(UTC)
    segments = [(start, offset(start))]
    moment = start
    while moment < end:
        later = min(moment + timedelta(days=1), end)
        if offset(later) != segments[-1][1]:
            low, high = moment, later
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset(middle) == segments[-1][1] else (low, middle)
            segments.append((high, offset(high)))
        moment = later
    return segments


class _LocalDate(Func):
    """The date of a timestamp in a time zone. PostgreSQL converts natively; on SQLite,
    Django's own conversion calls Python once per row, so the zone's offsets over the period
    are written into the SQL instead (a CASE per DST change) and SQLite's date() does the rest.
    """

    output_field = DateField()

    def __init__(self, expression: str, *, zone: ZoneInfo, start: datetime, end: datetime):
        super().__init__(TruncDate(expression, tzinfo=zone))
        self.column = expression
        self.zone, self.start, self.end = zone, start, end

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        return compiler.compile(self.source_expressions[0])

    def as_sqlite(self, compiler, connection, **extra_context):
        column, params = compiler.compile(F(self.column).resolve_expression(compiler.query))
        segments = _offsets(self.zone, self.start, self.end)
        shift = f"'{segments[-1][1]:+d} seconds'"
        if len(segments) > 1:
            whens, params = [], list(params)
            for (_since, seconds), (until, _next) in zip(segments, segments[1:], strict=False):
                whens.append(f"WHEN {column} < %s THEN '{seconds:+d} seconds'")
                params.append(connection.ops.adapt_datetimefield_value(until))
            shift = f"CASE {' '.join(whens)} ELSE {shift} END"
        return f"date({column}, {shift})", params


class _DaysBetween(Func):
    """Days (a float) from one timestamp to a later one, computed by the database: handing
    both timestamps to Python costs two datetime conversions per row."""

    output_field = FloatField()

    def __init__(self, start: str, end: str):
        super().__init__(F(start), F(end))

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        (start, start_params), (end, end_params) = (
            compiler.compile(e) for e in self.source_expressions
        )
        return f"EXTRACT(EPOCH FROM {end} - {start}) / 86400.0", [*end_params, *start_params]

    def as_sqlite(self, compiler, connection, **extra_context):
        (start, start_params), (end, end_params) = (
            compiler.compile(e) for e in self.source_expressions
        )
        return f"julianday({end}) - julianday({start})", [*end_params, *start_params]


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

    # No ordering: with the model's "-id" SQLite would walk the whole table backwards by rowid
    # to skip a sort rather than read the period from the index.
    events = Event.objects.filter(
        user=user, undone_at__isnull=True, created_at__gte=start
    ).order_by()
    rows = (
        events.annotate(day=_LocalDate("created_at", zone=zone, start=start, end=now))
        .values("day")
        .annotate(
            # An import adds all its tasks in one event, which counts them.
            created=Count("id", filter=Q(kind=EventKind.CREATE))
            + Coalesce(Sum("item_count", filter=Q(kind=EventKind.IMPORT)), 0),
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

    # One statement, three index reads: counts over the partial indexes of open and dismissed
    # lines, and the first open line by position, which is the oldest (positions only grow).
    mine = Item.objects.filter(user=OuterRef("pk"), deleted_at__isnull=True).order_by()

    def count_of(state: str) -> Subquery:
        # COUNT(*): no column to fetch, so the partial index alone answers.
        counted = mine.filter(state=state).annotate(
            n=Func(template="COUNT(*)", output_field=IntegerField())
        )
        return Subquery(counted.values("n"), output_field=IntegerField())

    open_now = (
        User.objects.filter(pk=user.pk)
        .values(
            open_items=count_of(ItemState.ACTIVE),
            dismissed_waiting=count_of(ItemState.DISMISSED),
            oldest=Subquery(
                mine.filter(state=ItemState.ACTIVE).order_by("position").values("created_at")[:1]
            ),
        )
        .get()
    )
    oldest = open_now["oldest"]
    oldest_open_days = None if oldest is None else (today - oldest.astimezone(zone).date()).days

    ages = list(
        events.filter(kind=EventKind.COMPLETE, item__isnull=False)
        .annotate(age=_DaysBetween("item__created_at", "created_at"))
        .values_list("age", flat=True)
    )
    return Stats(
        days=series,
        open_items=open_now["open_items"] or 0,
        dismissed_waiting=open_now["dismissed_waiting"] or 0,
        oldest_open_days=oldest_open_days,
        median_days_to_done=round(statistics.median(ages), 1) if ages else None,
        first_pass_success_rate=round(passes_found / passes, 3) if passes else None,
        time_zone=user.time_zone,
    )
