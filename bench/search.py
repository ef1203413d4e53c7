#!/usr/bin/env python3
"""Search and export on the benchmark's 100,000-item user (not a test; about a minute).

    python bench/search.py --db both [--pg-db autofocus_bench] [--repeat 30]

Seeds (or reuses) the same databases as bench/run.py, then, in one process with the
production settings, times through the whole GraphQL stack (Django's test client: CSRF,
session, the view, the resolver, the SQL):

  searchItems  a few queries: a rare word (scans the whole list), a common word (stops after
               50 matches), a Cyrillic word in capitals that nothing contains (the worst case);
  floor        the `items` query of the working page, measured in the same run, so the ratio
               search / floor says what searching costs beside the app's cheapest read.

and the JSON, CSV and Markdown exports of the whole list: seconds, size and the peak of Python
memory (tracemalloc) while streaming them, beside the size of the file.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {
    "rare word": "landlord insurance",
    "common word": "call",
    "Cyrillic, no match": "ПОЗВОНИТЬ МАМЕ",
}


def _measure(repeat: int) -> dict:
    import django

    django.setup()
    import tracemalloc

    from django.test import Client

    from accounts.models import User
    from bench.run import spa_document
    from bench.seed import HEAVY_EMAIL

    user = User.objects.get(pk=HEAVY_EMAIL)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def post(query: str, variables: dict) -> dict:
        response = client.post(
            "/graphql",
            data=json.dumps({"query": query, "variables": variables}),
            content_type="application/json",
        )
        body = response.json()
        assert "errors" not in body, body
        return body

    def timed(query: str, variables: dict) -> tuple[list[float], dict]:
        body = post(query, variables)  # warm up
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            post(query, variables)
            times.append((time.perf_counter() - started) * 1000)
        return times, body

    def summary(times: list[float]) -> dict:
        ordered = sorted(times)
        return {
            "median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        }

    floor_times, _ = timed(spa_document("Items", "ItemFields"), {})
    floor = summary(floor_times)
    search_doc = spa_document("SearchItems", "ItemFields")
    searches = {}
    for label, text in QUERIES.items():
        times, body = timed(search_doc, {"query": text, "first": 50})
        result = summary(times)
        result["results"] = len(body["data"]["searchItems"])
        result["ratio_to_floor"] = round(result["median_ms"] / floor["median_ms"], 2)
        searches[f"{label}: {text!r}"] = result

    exports = {}
    for kind in ("json", "csv", "md"):
        started = time.perf_counter()
        response = client.get(f"/export/autofocus.{kind}")
        size = sum(len(chunk) for chunk in response.streaming_content)
        seconds = time.perf_counter() - started
        # Memory in a second pass: tracing slows Python down several times.
        tracemalloc.start()
        response = client.get(f"/export/autofocus.{kind}")
        for _chunk in response.streaming_content:
            pass
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        exports[kind] = {
            "seconds": round(seconds, 2),
            "mb": round(size / 1e6, 1),
            "peak_python_mb": round(peak / 1e6, 1),
        }
    items = user.items.filter(deleted_at__isnull=True).count()
    return {"items": items, "floor": floor, "search": searches, "export": exports}


def _report(name: str, figures: dict) -> None:
    floor = figures["floor"]
    print(f"\n{name}: {figures['items']:,} items of the heavy user")
    print(
        f"  floor (items query){'':<39}median {floor['median_ms']:7.2f} ms  "
        f"p95 {floor['p95_ms']:7.2f}"
    )
    for label, result in figures["search"].items():
        print(
            f"  searchItems {label:<38} median {result['median_ms']:7.2f} ms  "
            f"p95 {result['p95_ms']:7.2f}  x{result['ratio_to_floor']:<5} "
            f"({result['results']} results)"
        )
    for kind, result in figures["export"].items():
        print(
            f"  export .{kind:<4} {result['seconds']:5.2f} s  {result['mb']:5.1f} MB  "
            f"peak Python memory {result['peak_python_mb']:.1f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pg-db", default=os.environ.get("BENCH_PG_DB", "autofocus_bench"))
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(args.repeat)))
        return

    sys.path.insert(0, str(ROOT))
    from bench import run

    run.PG_DB = args.pg_db
    run.RESULTS.mkdir(exist_ok=True)
    names = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    try:
        for name in names:
            print(f"preparing {name}", flush=True)
            url, _meta = run.prepare_sqlite() if name == "sqlite" else run.prepare_postgres()
            output = subprocess.run(
                [sys.executable, "-m", "bench.search", "--measure", "--repeat", str(args.repeat)],
                env=run.base_env(url),
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=600,
                check=True,
            ).stdout
            _report(name, json.loads(output.strip().splitlines()[-1]))
    finally:
        if "postgres" in names:
            run.drop_postgres()


if __name__ == "__main__":
    main()
