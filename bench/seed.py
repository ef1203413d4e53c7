"""Seeds the benchmark database: one heavy user with 100,000 items, 1,000 users with 50.

Run by bench/run.py as `python -m bench.seed --meta FILE` on a migrated, empty database
(DATABASE_URL and DJANGO_SETTINGS_MODULE=bench.settings in the environment). It writes FILE:
JSON with the heavy user's session cookie, a CSRF token and the ids of its ACTIVE items in
position order from the working page on (what `completeItem` is driven with).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

HEAVY_EMAIL = "heavy@bench.example"
HEAVY_ITEMS = 100_000
HEAVY_DONE_UP_TO = 60_000  # positions up to here are worked through; the rest is open
USERS = 1_000
USER_ITEMS = 50
PAGE_SIZE = 25
BATCH = 5_000

WORDS = (
    "call email write review plan book fix clean buy pay read send check ask update draft "
    "order tidy sort file prepare phone renew cancel water garden report invoice taxes "
    "dentist car kitchen sink shelf printer budget slides meeting notes letter gift parcel "
    "mum dad landlord bank insurance passport train tickets groceries laundry recipe"
).split()


def _text(rng: random.Random, n: int) -> str:
    words = rng.sample(WORDS, rng.randint(2, 9))
    words[0] = words[0].capitalize()
    return " ".join(words) + ("" if rng.random() < 0.7 else f" (#{n})")


def _heavy_state(rng: random.Random, position: int) -> tuple[str, int, bool]:
    """(state, repeats, deleted) of one of the heavy user's items."""
    if position > HEAVY_DONE_UP_TO:
        return "active", (1 if rng.random() < 0.05 else 0), False
    roll = rng.random()
    if roll < 0.80:
        return "done", 0, False
    if roll < 0.92:
        return "reentered", rng.randint(0, 3), False
    if roll < 0.97:
        return "dismissed", 0, False
    return "done", 0, True


def seed() -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone

    from accounts.models import User
    from accounts.sessions import session_key_for
    from focus.models import Item, Notebook, page_of

    rng = random.Random(20240601)
    now = timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        users = [User(email=HEAVY_EMAIL, is_validated=True, date_joined=now - timedelta(days=900))]
        users += [
            User(
                email=f"user{n:04d}@bench.example",
                is_validated=True,
                language="ru" if n % 5 == 0 else "en",
                date_joined=now - timedelta(days=n % 400),
            )
            for n in range(USERS)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)

        heavy = users[0]
        notebooks = [
            Notebook(
                user=heavy,
                page_size=PAGE_SIZE,
                working_page=page_of(position=HEAVY_DONE_UP_TO + 1, page_size=PAGE_SIZE),
                next_position=HEAVY_ITEMS + 1,
            )
        ]
        for user in users[1:]:
            # Each light user is somewhere in their 50 items.
            done = rng.randint(0, USER_ITEMS - 1)
            notebooks.append(
                Notebook(
                    user=user,
                    page_size=PAGE_SIZE,
                    working_page=page_of(position=done + 1, page_size=PAGE_SIZE),
                    next_position=USER_ITEMS + 1,
                )
            )
        Notebook.objects.bulk_create(notebooks, batch_size=BATCH)

        batch: list[Item] = []

        def add(item: Item) -> None:
            batch.append(item)
            if len(batch) >= BATCH:
                Item.objects.bulk_create(batch)
                batch.clear()

        for position in range(1, HEAVY_ITEMS + 1):
            state, repeats, deleted = _heavy_state(rng, position)
            add(
                Item(
                    user=heavy,
                    position=position,
                    text=_text(rng, position),
                    state=state,
                    repeats=repeats,
                    deleted_at=now if deleted else None,
                )
            )
        for user, notebook in zip(users[1:], notebooks[1:], strict=True):
            first_open = (notebook.working_page - 1) * PAGE_SIZE + 1
            for position in range(1, USER_ITEMS + 1):
                state = "active" if position >= first_open or rng.random() < 0.1 else "done"
                add(Item(user=user, position=position, text=_text(rng, position), state=state))
        if batch:
            Item.objects.bulk_create(batch)

        active_ids = list(
            Item.objects.filter(user=heavy, state="active", deleted_at__isnull=True)
            .order_by("position")
            .values_list("pk", flat=True)
        )

        session_key = session_key_for(heavy)

    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_key": session_key,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "csrf_token": _get_new_csrf_string(),
        "heavy_email": HEAVY_EMAIL,
        "active_ids": active_ids,
        "rows": {"users": len(users), "items": Item.objects.count()},
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meta", required=True, type=Path, help="where to write the JSON")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    meta = seed()
    args.meta.write_text(json.dumps(meta))
    print(
        f"seeded {meta['rows']['items']:,} items for {meta['rows']['users']:,} users "
        f"in {meta['seconds']} s",
        flush=True,
    )


if __name__ == "__main__":
    main()
