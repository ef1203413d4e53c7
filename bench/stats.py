#!/usr/bin/env python3
"""How long the `stats` query takes for the benchmark's heavy user (not a test).

    .venv/bin/python bench/stats.py --db both

Seeds the benchmark's heavy user (100,000 items in the states bench/seed.py gives them, added
over about a year) with the events that produced them (an add per item, a completion or
re-entry for the lines crossed out, a page pass every 25 lines), then times in-process, on
a warm connection:

  stats      focus.selectors.stats_for(days=30) and (days=366), what the Stats screen asks;
  floor      focus.selectors.items_for_page(), the page read every list request makes.

It prints the median and p95 in milliseconds and the ratio of each to the floor measured in
the same run. The goal is a median under 50 ms. Each database runs in its own process
(SQLite in bench/results/, PostgreSQL in the throw-away database `autofocus_bench_stats`).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = "autofocus_bench_stats"
GOAL_MS = 50.0


def _database_url(db: str, reuse: bool) -> str:
    if db == "sqlite":
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / "stats.sqlite3"
        if not reuse:
            for leftover in RESULTS.glob("stats.sqlite3*"):
                leftover.unlink()
        return f"sqlite:///{path}"
    import psycopg

    if reuse:
        return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB}"

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_DB}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB}"


def _seed() -> object:
    """The heavy user with its items and events; returns the user."""
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from bench.seed import (
        BATCH,
        HEAVY_DONE_UP_TO,
        HEAVY_EMAIL,
        HEAVY_ITEMS,
        PAGE_SIZE,
        _heavy_state,
        _text,
    )
    from focus.models import Event, EventKind, Item, Notebook, page_of

    # Bench only: let bulk_create keep the times given instead of stamping "now".
    for model in (Item, Event):
        model._meta.get_field("created_at").auto_now_add = False
    rng = random.Random(20240601)
    now = timezone.now()
    step = timedelta(days=365) / HEAVY_ITEMS
    with transaction.atomic():
        user = User.objects.create(
            email=HEAVY_EMAIL,
            is_validated=True,
            time_zone="Europe/Berlin",
            date_joined=now - timedelta(days=366),
        )
        working = page_of(position=HEAVY_DONE_UP_TO + 1, page_size=PAGE_SIZE)
        Notebook.objects.create(
            user=user, page_size=PAGE_SIZE, working_page=working, next_position=HEAVY_ITEMS + 1
        )
        items = []
        for position in range(1, HEAVY_ITEMS + 1):
            state, repeats, deleted = _heavy_state(rng, position)
            items.append(
                Item(
                    user=user,
                    position=position,
                    text=_text(rng, position),
                    state=state,
                    repeats=repeats,
                    created_at=now - step * (HEAVY_ITEMS - position + 1),
                    deleted_at=now if deleted else None,
                )
            )
        Item.objects.bulk_create(items, batch_size=BATCH)
        ids = dict(Item.objects.filter(user=user).values_list("position", "id"))
        events = []

        def event(kind: str, position: int, at, **extra) -> None:
            events.append(
                Event(
                    user=user,
                    kind=kind,
                    item_id=ids[position],
                    created_at=at,
                    prev_working_page=1,
                    prev_page_size=PAGE_SIZE,
                    prev_next_position=position,
                    prev_acted_on_page=extra.pop("acted", False),
                    **extra,
                )
            )

        for item in items:
            event(EventKind.CREATE, item.position, item.created_at)
            later = item.created_at + timedelta(hours=rng.uniform(1, 24 * 20))
            if later >= now:
                continue
            if item.state == "done":
                event(EventKind.COMPLETE, item.position, later, prev_state="active")
            elif item.state == "reentered":
                event(EventKind.REENTER, item.position, later, prev_state="active")
            if item.position % PAGE_SIZE == 0:
                dismissed = [ids[p] for p in range(item.position - 3, item.position + 1)]
                event(
                    EventKind.NEXT_PAGE,
                    item.position,
                    later,
                    acted=rng.random() < 0.7,
                    dismissed_ids=dismissed if rng.random() < 0.3 else [],
                )
        Event.objects.bulk_create(events, batch_size=BATCH)
    return user, len(events)


def _time(call, repeat: int) -> list[float]:
    call()  # warm the connection and the caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def run_one(db: str, repeat: int, reuse: bool) -> None:
    os.environ["DATABASE_URL"] = _database_url(db, reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "autofocus-bench-only-secret-key")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("DJANGO_HTTPS", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from accounts.models import User
    from bench.seed import HEAVY_EMAIL
    from focus.models import Event
    from focus.selectors import items_for_page, stats_for

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    user = User.objects.filter(pk=HEAVY_EMAIL).first() if reuse else None
    if user is not None:
        events = Event.objects.filter(user=user).count()
    else:
        user, events = _seed()
    from django.db import connection

    with connection.cursor() as cursor:  # statistics as autovacuum / a settled database has
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"{db}: 100,000 items and {events:,} events ready in {time.monotonic() - started:.0f} s")
    floor = _time(lambda: items_for_page(user=user), repeat)
    rows = [("floor: items_for_page", floor)]
    for days in (30, 366):
        rows.append(
            (
                f"stats_for(days={days})",
                # The year-long figure is slow by nature: a few calls are enough.
                _time(lambda d=days: stats_for(user=user, days=d), repeat if days <= 30 else 5),
            )
        )
    floor_median = statistics.median(floor)
    print(f"{'':24} {'median ms':>10} {'p95 ms':>8} {'vs floor':>9}")
    for name, samples in rows:
        median = statistics.median(samples)
        p95 = sorted(samples)[int(len(samples) * 0.95) - 1]
        print(f"{name:24} {median:10.1f} {p95:8.1f} {median / floor_median:8.1f}x")
    worst = max(statistics.median(s) for n, s in rows if n.startswith("stats_for(days=30)"))
    verdict = "under" if worst < GOAL_MS else "OVER"
    print(f"{db}: stats(days: 30) median {worst:.1f} ms, {verdict} the {GOAL_MS:.0f} ms goal\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per figure (30)")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the databases seeded by an earlier run"
    )
    parser.add_argument("--one", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one, args.repeat, args.reuse)
        return
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        reuse = ["--reuse"] if args.reuse else []
        subprocess.run(
            [sys.executable, __file__, "--one", db, "--repeat", str(args.repeat), *reuse],
            check=True,
        )


if __name__ == "__main__":
    main()
