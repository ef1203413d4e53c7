#!/usr/bin/env python3
"""CPU cost of the worst request `/graphql` accepts and of refused ones (not a test).

    python bench/limits.py [--repeat 30]

Runs the whole request in this process (middleware, CSRF, session, view, SQLite on a
throw-away file), so `time.process_time()` counts all the server's work for it. Prints, for
each request, the median CPU milliseconds over --repeat runs and the ratio to the baseline
measured in the same run: the SPA's own `Items` query on a full page of 100 tasks. The
goals: the worst accepted request at most 50 ms, a refused one at most 5 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = Path(tempfile.mkdtemp(prefix="autofocus-limits-")) / "bench.sqlite3"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "autofocus.settings",
        "AUTOFOCUS_TESTING": "1",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "RATELIMIT_ENABLED": "0",
        "LOG_LEVEL": "ERROR",
    }
)

SPA = ROOT / "frontend" / "src" / "graphql"
ITEM = "id text state repeats position page createdAt version"


def spa_document(name: str) -> str:
    text = (SPA / f"{name}.graphql").read_text()
    for fragment in ("ItemFields", "UserFields"):
        if f"...{fragment}" in text:
            text += "\n" + (SPA / f"{fragment}.graphql").read_text()
    return text


def aliased_pages(count: int, fields: str = "id") -> str:
    """`count` aliased page reads in one document."""
    return (
        "{ "
        + " ".join(f"p{n}: items(page: {n % 10 + 1}) {{ {fields} }}" for n in range(count))
        + " }"
    )


def cases() -> list[tuple[str, str, str | bytes, int]]:
    """(kind, label, body, expected HTTP status)."""
    items = spa_document("Items")
    body = lambda query, **v: json.dumps({"query": query, "variables": v})  # noqa: E731
    return [
        ("baseline", "SPA Items query, page of 100", body(items, page=1), 200),
        (
            "accepted",
            "working page + 10 aliased pages, ids (cost 1,111)",
            body("{ items { id } " + aliased_pages(10)[1:]),
            200,
        ),
        (
            "accepted",
            "1 page, all fields + 3 pages of ids (cost 1,104)",
            body(f"{{ a: items(page: 1) {{ {ITEM} }} " + aliased_pages(3)[1:]),
            200,
        ),
        (
            "accepted",
            "dismissedItems, 100 tasks (cost 801)",
            body(spa_document("DismissedItems")),
            200,
        ),
        (
            "accepted",
            "9 aliased users in inline fragments (137 tokens)",
            body(
                "{ "
                + " ".join(
                    f"... on Query {{ u{n}: user {{ email page pages pageSize language }} }}"
                    for n in range(9)
                )
                + " }"
            ),
            200,
        ),
        (
            "refused",
            "440 KB of __typename (body limit)",
            body("{ " + "__typename " * 40000 + "}"),
            413,
        ),
        (
            "refused",
            "60 KB of __typename (token limit)",
            body("{ " + "__typename " * 5400 + "}"),
            400,
        ),
        ("refused", "20 aliased pages (cost and alias limits)", body(aliased_pages(20)), 400),
        ("refused", "140 x __typename (repeat limit)", body("{ " + "__typename " * 150 + "}"), 400),
        ("refused", "batched body", json.dumps([{"query": items}] * 50), 400),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User
    from focus.models import Item, Notebook

    call_command("migrate", verbosity=0)
    user = User.objects.create_user("bench@example.com", is_validated=True)
    Notebook.objects.create(user=user, page_size=100, next_position=1001)
    Item.objects.bulk_create(
        Item(
            user=user,
            position=p,
            text=f"Task {p} " + "x" * 60,
            state="dismissed" if p > 900 else "active",
        )
        for p in range(1, 1001)
    )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    rows = []
    baseline = None
    for kind, label, body, status in cases():
        timings = []
        for _ in range(args.repeat):
            started = time.process_time()
            response = client.post("/graphql", data=body, content_type="application/json")
            timings.append((time.process_time() - started) * 1000)
            assert response.status_code == status, (
                label,
                response.status_code,
                response.content[:300],
            )
        median = statistics.median(timings)
        if baseline is None:
            baseline = median
        rows.append((kind, label, status, median, max(timings)))

    print(f"CPU per request, median of {args.repeat} (ms); ratio to the baseline\n")
    print(f"{'kind':9} {'request':48} {'HTTP':>4} {'median':>8} {'max':>8} {'ratio':>6}")
    for kind, label, status, median, worst in rows:
        print(
            f"{kind:9} {label:48} {status:>4} {median:8.2f} {worst:8.2f} {median / baseline:6.2f}"
        )
    accepted = max(m for k, _, _, m, _ in rows if k != "refused")
    refused = max(m for k, _, _, m, _ in rows if k == "refused")
    print(
        f"\nworst accepted {accepted:.2f} ms (goal <= 50), "
        f"worst refused {refused:.2f} ms (goal <= 5)"
    )


if __name__ == "__main__":
    main()
