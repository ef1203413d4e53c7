#!/usr/bin/env python3
"""Autofocus benchmark (not a test): the `items` query, `createItem` and `completeItem`
against two floors, on SQLite and on PostgreSQL.

    python bench/run.py --db both --duration 5 --rounds 3 --connections 16

For each database it seeds one heavy user with 100,000 items and 1,000 users with 50 items,
starts the production server with the Procfile's `web` command line (settings
`bench.settings`, bound to 127.0.0.1), drives it with wrk from a second process on loopback,
and prints requests/s, p50 and p99 latency beside two floors measured in the same run:

  floor1  a plain Django view doing the same page read (`/bench/items`), served the same way;
  floor2  that view under gunicorn's sync WSGI workers with persistent database connections.

Every load phase is bounded in time (--duration) and in count (--max-requests); every server
it starts is stopped on exit, Ctrl+C and errors included. Output also goes to
bench/results/last.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from graphql import (
    FieldNode,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Visitor,
    parse,
    print_ast,
    visit,
)

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
LUA = BENCH / "wrk" / "bench.lua"
HOST = "127.0.0.1"
# BENCH_PORT_BASE moves the servers' ports (base + 1 to base + 3), e.g. on a shared machine.
PORT_BASE = int(os.environ.get("BENCH_PORT_BASE", "8700"))
PORT_WSGI = PORT_BASE + 1
PORT_ASGI = PORT_BASE + 2
PORT_ASGI_NO_QUEUE = PORT_BASE + 3  # SQLite only: writers not queued (the "before")
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
# BENCH_PG_DB names the PostgreSQL database the benchmark creates and drops.
PG_DB = os.environ.get("BENCH_PG_DB", "autofocus_bench")
SEED_VERSION = "1"
# Only the benchmark's own throw-away database is signed with it.
SECRET_KEY = "autofocus-bench-only-secret-key-never-used-elsewhere-0123456789abcdef"

GRAPHQL_DIR = BENCH.parent / "frontend" / "src" / "graphql"


class _AddTypename(Visitor):
    """Adds `__typename` to every selection set below the operation, as Apollo does."""

    def enter_selection_set(self, node, key, parent, path, ancestors):
        if isinstance(parent, OperationDefinitionNode):
            return None
        if any(isinstance(s, FieldNode) and s.name.value == "__typename" for s in node.selections):
            return None
        typename = FieldNode(name=NameNode(value="__typename"), arguments=(), directives=())
        return SelectionSetNode(selections=(*node.selections, typename))


def spa_document(name: str, *fragments: str) -> str:
    """The SPA's own document `name` with its fragments, exactly as the app sends it."""
    text = "\n".join((GRAPHQL_DIR / f"{part}.graphql").read_text() for part in (name, *fragments))
    return print_ast(visit(parse(text), _AddTypename()))


ITEMS_QUERY = spa_document("Items", "ItemFields")
CREATE_MUTATION = spa_document("CreateItem", "ItemFields", "UserFields")
COMPLETE_MUTATION = spa_document("CompleteItem", "ItemFields", "UserFields")

ROWS = ("items", "createItem", "completeItem", "floor1", "floor2", "createFloor", "completeFloor")
# SQLite: createItem again on a server whose writers do not queue (SQLITE_WRITE_QUEUE=0),
# to show p50/p99 before and after the write queue (autofocus/sqlite/base.py).
SQLITE_ROWS = ("createItem/noQueue",)
# Each mutation's write floor: a plain Django view calling the same service under the sync
# WSGI floor server (bench/views.py).
WRITE_FLOORS = {"createItem": "createFloor", "completeItem": "completeFloor"}

_children: list[subprocess.Popen] = []


# --- processes ---------------------------------------------------------------------------


def _stop(proc: subprocess.Popen) -> None:
    """Stops a server we started, with its workers (it leads its own process group)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    if proc in _children:
        _children.remove(proc)


def _stop_all(*_args) -> None:
    for proc in list(_children):
        _stop(proc)


def _on_signal(signum, _frame):
    _stop_all()
    raise SystemExit(128 + signum)


def base_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("AUTOFOCUS_TESTING", None)
    env.pop("BENCH_CONN_MAX_AGE", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    return env


def procfile_web() -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return line[len("web:") :].strip()
    raise SystemExit("Procfile has no web line")


def server_commands(web: str | None = None) -> tuple[str, str]:
    """(ASGI, WSGI floor) shell command lines, both read from the Procfile's web line.

    The only change to the production line is the bind address: 127.0.0.1 instead of
    0.0.0.0, so that nothing listens beyond loopback. The floor swaps the ASGI application
    and the worker class (and threads) for the WSGI application and gunicorn's default sync
    workers, turns its control socket off and drops `--reuse-port`; every other flag (workers,
    access log, forwarded IPs) stays.
    """
    web = web or procfile_web()
    asgi = re.sub(r"--bind\s+0\.0\.0\.0:", f"--bind {HOST}:", web)
    if f"--bind {HOST}:" not in asgi:
        raise SystemExit(f"cannot find --bind 0.0.0.0:PORT in the Procfile's web line: {web}")
    wsgi = asgi.replace("autofocus.asgi:application", "autofocus.wsgi:application")
    wsgi = re.sub(r"\s--worker-class\s+\S+", "", wsgi)
    wsgi = re.sub(r"\s-k\s+\S+", "", wsgi)
    wsgi = re.sub(r"\s--threads[=\s]+\S+", "", wsgi)  # more than one thread means gthread
    # Sync workers take one connection at a time from the shared queue, their best; with a
    # queue each (SO_REUSEPORT) a connection could wait behind a busy worker.
    wsgi = wsgi.replace(" --reuse-port", "")
    # Its own control socket stays off so that it never takes the production server's.
    return asgi, wsgi + " --no-control-socket"


def _port_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) == 0


def start_server(command: str, *, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    # With --reuse-port a leftover server on the port would share it silently.
    if _port_taken(port):
        raise SystemExit(f"something already listens on {HOST}:{port}; stop it first")
    env = dict(env, PORT=str(port))
    with log.open("ab") as out:
        out.write(f"\n$ PORT={port} {command}\n".encode())
        out.flush()
        proc = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=out,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    _children.append(proc)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as resp:
                if resp.status == 200:
                    return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    _stop(proc)
    raise SystemExit(f"the server did not answer /healthz within 60 s; see {log}")


_TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(pgid: int) -> float:
    """CPU time (user + system) used so far by every live process of a server's group.

    A server's workers live as long as it does, so the difference over a phase is what the
    phase cost the server, however busy the rest of the machine was meanwhile.
    """
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / _TICKS


def run(cmd: list[str], env: dict[str, str], *, timeout: float) -> str:
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"{shlex.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


# --- databases ---------------------------------------------------------------------------


def _migrations_digest() -> str:
    digest = sha256(SEED_VERSION.encode())
    for path in sorted(ROOT.glob("*/migrations/0*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update((BENCH / "seed.py").read_bytes())
    return digest.hexdigest()[:12]


def migrate_and_seed(env: dict[str, str], meta: Path) -> None:
    run([sys.executable, "manage.py", "migrate", "--noinput"], env, timeout=300)
    print(
        "  "
        + run([sys.executable, "-m", "bench.seed", "--meta", str(meta)], env, timeout=600).strip(),
        flush=True,
    )


def prepare_sqlite() -> tuple[str, dict]:
    """A fresh copy of the seeded SQLite file (seeded once per seed version and schema)."""
    key = _migrations_digest()
    seeded = RESULTS / f"seed-{key}.sqlite3"
    meta = RESULTS / f"seed-{key}.json"
    if not (seeded.exists() and meta.exists()):
        for old in RESULTS.glob("seed-*"):
            old.unlink()
        building = RESULTS / "seed-building.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        env = base_env(f"sqlite:///{building}")
        migrate_and_seed(env, meta)
        # Fold the write-ahead log into the file so that one copy is the whole database.
        import sqlite3

        with sqlite3.connect(building) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.rename(seeded)
        for suffix in ("-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
    else:
        print(f"  reusing {seeded.relative_to(ROOT)}", flush=True)
    work = RESULTS / "run.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(seeded, work)
    return f"sqlite:///{work}", json.loads(meta.read_text())


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def prepare_postgres() -> tuple[str, dict]:
    """A new `autofocus_bench` database, migrated and seeded."""
    _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    _pg_admin(f"CREATE DATABASE {PG_DB}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB}"
    meta = RESULTS / "postgres.json"
    migrate_and_seed(base_env(url), meta)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return url, json.loads(meta.read_text())


def drop_postgres() -> None:
    try:
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    except Exception as error:  # noqa: BLE001 - best effort on the way out
        print(f"  could not drop {PG_DB}: {error}", file=sys.stderr)


# --- load --------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    port: int
    server: int  # the server's process group, for its CPU time
    method: str
    path: str
    body: str | None = None
    ids: bool = False


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad: int
    socket_errors: int
    bad_sample: str
    cpu_ms: float = 0.0  # server CPU time per request


def graphql_body(query: str, variables: dict, operation: str) -> str:
    return json.dumps({"operationName": operation, "variables": variables, "query": query})


def wrk(
    phase: Phase, args, meta: dict, *, seconds: float, ids_file: Path | None, log: Path
) -> Result:
    body_file = "-"
    if phase.body is not None:
        body_file = str(RESULTS / f"body-{phase.name.replace('/', '-')}.json")
        Path(body_file).write_text(phase.body)
    cookie = (
        f"{meta['session_cookie']}={meta['session_key']}; "
        f"{meta['csrf_cookie']}={meta['csrf_token']}"
    )
    cmd = [
        args.wrk,
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{int(seconds)}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        "-H",
        f"Cookie: {cookie}",
        "-H",
        f"X-CSRFToken: {meta['csrf_token']}",
        "-H",
        "Content-Type: application/json",
        "-H",
        "Accept: application/json",
        f"http://{HOST}:{phase.port}",
        "--",
        phase.method,
        phase.path,
        body_file,
        str(ids_file) if ids_file else "-",
        str(args.max_requests),
        str(args.threads),
        str(args.connections),
    ]
    cpu_before = server_cpu_seconds(phase.server) if phase.server else 0.0
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    cpu = server_cpu_seconds(phase.server) - cpu_before if phase.server else 0.0
    with log.open("a") as out:
        out.write(f"\n$ {shlex.join(cmd)}\n{done.stdout}{done.stderr}")
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCHJSON ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed for {phase.name}:\n{done.stdout}\n{done.stderr}")
    data = json.loads(line[len("BENCHJSON ") :])
    return Result(
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        requests=data["requests"],
        bad=data["bad"] + data["non_2xx"],
        socket_errors=data["socket_errors"],
        bad_sample=data["bad_sample"],
        cpu_ms=1000 * cpu / max(1, data["requests"]),
    )


def check(phase: Phase, meta: dict) -> None:
    """One request by hand before the load: the phase must answer 200 without errors."""
    if phase.ids:
        return  # each id completes once; the load's own response check covers it
    request = urllib.request.Request(
        f"http://{HOST}:{phase.port}{phase.path}",
        method=phase.method,
        data=phase.body.replace("%N%", "0").encode() if phase.body else None,
        headers={
            "Cookie": f"{meta['session_cookie']}={meta['session_key']}; "
            f"{meta['csrf_cookie']}={meta['csrf_token']}",
            "X-CSRFToken": meta["csrf_token"],
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as resp:
        payload = json.loads(resp.read())
    if "errors" in payload or not payload.get("data"):
        raise SystemExit(f"{phase.name}: unexpected answer {str(payload)[:500]}")


def measure(phase: Phase, args, meta: dict, ids_file: Path | None, log: Path) -> Result:
    result = wrk(phase, args, meta, seconds=args.duration, ids_file=ids_file, log=log)
    flag = f"  ({result.bad} bad responses: {result.bad_sample[:200]})" if result.bad else ""
    print(
        f"    {phase.name:<13} {result.rps:9.0f} req/s  p50 {result.p50_ms:7.2f} ms  "
        f"p99 {result.p99_ms:7.2f} ms  "
        f"cpu {result.cpu_ms:5.2f} ms/req  n={result.requests}{flag}",
        flush=True,
    )
    return result


def bench_database(name: str, args) -> dict[str, Result]:
    """Both servers run side by side (an idle one costs nothing); every round measures each
    phase once, in turn, so that a slow spell of the machine hits all rows alike. Each row
    reports its median round (by requests/s)."""
    print(f"\n== {name} ==", flush=True)
    url, meta = prepare_sqlite() if name == "sqlite" else prepare_postgres()
    env = base_env(url)
    log = RESULTS / f"{name}.log"
    log.write_text("")
    asgi_cmd, wsgi_cmd = server_commands(args.web)
    ids = meta["active_ids"]
    chunk = len(ids) // args.rounds
    rounds: dict[str, list[Result]] = {}
    try:
        wsgi = start_server(
            wsgi_cmd, port=PORT_WSGI, env=dict(env, BENCH_CONN_MAX_AGE="600"), log=log
        ).pid
        asgi = start_server(asgi_cmd, port=PORT_ASGI, env=env, log=log).pid
        no_queue = 0
        if name == "sqlite":
            no_queue = start_server(
                asgi_cmd, port=PORT_ASGI_NO_QUEUE, env=dict(env, SQLITE_WRITE_QUEUE="0"), log=log
            ).pid
        phases = [
            Phase("floor2", PORT_WSGI, wsgi, "GET", "/bench/items"),
            Phase("floor1", PORT_ASGI, asgi, "GET", "/bench/items"),
            Phase(
                "items", PORT_ASGI, asgi, "POST", "/graphql", graphql_body(ITEMS_QUERY, {}, "Items")
            ),
            Phase(
                "createItem",
                PORT_ASGI,
                asgi,
                "POST",
                "/graphql",
                graphql_body(CREATE_MUTATION, {"text": "Benchmark task %N%"}, "CreateItem"),
            ),
            Phase(
                "completeItem",
                PORT_ASGI,
                asgi,
                "POST",
                "/graphql",
                graphql_body(COMPLETE_MUTATION, {"id": "%ID%"}, "CompleteItem"),
                ids=True,
            ),
            Phase(
                "createFloor",
                PORT_WSGI,
                wsgi,
                "POST",
                "/bench/create",
                json.dumps({"variables": {"text": "Benchmark task %N%"}}),
            ),
            Phase(
                "completeFloor",
                PORT_WSGI,
                wsgi,
                "POST",
                "/bench/complete",
                json.dumps({"variables": {"id": "%ID%"}}),
                ids=True,
            ),
        ]
        if no_queue:
            phases.append(
                Phase(
                    "createItem/noQueue",
                    PORT_ASGI_NO_QUEUE,
                    no_queue,
                    "POST",
                    "/graphql",
                    graphql_body(CREATE_MUTATION, {"text": "Benchmark task %N%"}, "CreateItem"),
                )
            )
        id_phases = [phase.name for phase in phases if phase.ids]
        for phase in phases:
            check(phase, meta)
            if args.warmup > 0 and not phase.ids:
                wrk(phase, args, meta, seconds=args.warmup, ids_file=None, log=log)
        for round_ in range(args.rounds):
            print(f"  round {round_ + 1}/{args.rounds}", flush=True)
            # Each round and each phase that completes tasks gets ids nobody else has used.
            share = chunk // len(id_phases)
            ids_files: dict[str, Path] = {}
            for index, phase_name in enumerate(id_phases):
                start = round_ * chunk + index * share
                ids_files[phase_name] = RESULTS / f"{name}-active-ids-{phase_name}.txt"
                ids_files[phase_name].write_text(
                    "\n".join(map(str, ids[start : start + share])) + "\n"
                )
            for phase in phases:
                rounds.setdefault(phase.name, []).append(
                    measure(phase, args, meta, ids_files.get(phase.name), log)
                )
    finally:
        _stop_all()
        if name == "postgres" and not args.keep_db:
            drop_postgres()
    return {
        row: sorted(results, key=lambda r: r.rps)[len(results) // 2]
        for row, results in rounds.items()
    } | {f"{row}/rounds": [r.rps for r in results] for row, results in rounds.items()}


def table(name: str, results: dict[str, Result]) -> str:
    f1, f2 = results["floor1"].rps, results["floor2"].rps
    c1, c2 = results["floor1"].cpu_ms, results["floor2"].cpu_ms
    lines = [
        f"{name}: {platform_line()}",
        f"{'':<13} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs floor1':>10} {'vs floor2':>10}"
        f" {'vs write floor':>15} {'cpu ms/req':>11} {'cpu vs f1':>10} {'cpu vs f2':>10}",
    ]
    for row in ROWS + tuple(r for r in SQLITE_ROWS if r in results):
        r = results[row]
        cpu = f" {r.cpu_ms:11.2f} {c1 / r.cpu_ms:10.2f} {c2 / r.cpu_ms:10.2f}" if r.cpu_ms else ""
        note = f"  ({r.bad} bad)" if r.bad else ""
        if r.socket_errors:
            note += f"  ({r.socket_errors} socket errors)"
        floor = WRITE_FLOORS.get(row.split("/")[0])
        write = f"{r.rps / results[floor].rps:15.2f}" if floor else f"{'':>15}"
        lines.append(
            f"{row:<13} {r.rps:8.0f} {r.p50_ms:8.2f} {r.p99_ms:8.2f} "
            f"{r.rps / f1:10.2f} {r.rps / f2:10.2f} {write}{cpu}{note}"
        )
    return "\n".join(lines)


_ARGS = None


def platform_line() -> str:
    a = _ARGS
    line = (
        f"{os.cpu_count()} CPUs, wrk -t{a.threads} -c{a.connections} -d{a.duration}s x "
        f"{a.rounds} rounds (median), WEB_CONCURRENCY={os.environ.get('WEB_CONCURRENCY', '2')}"
    )
    if a.web:
        line += f"\n  web: {a.web}"
    return line


def main() -> None:
    global _ARGS
    parser = argparse.ArgumentParser(description="Autofocus benchmark (see bench/README.md).")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--duration", type=int, default=5, help="seconds per phase in each round")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of all phases; each row reports its median round",
    )
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per phase")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="upper bound on requests per measurement"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep autofocus_bench afterwards")
    parser.add_argument(
        "--web",
        help="a server command line to try instead of the Procfile's "
        "web line (same form: $PORT, --bind 0.0.0.0:...)",
    )
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk")
    args = parser.parse_args()
    _ARGS = args
    if not shutil.which(args.wrk):
        raise SystemExit("wrk is not installed: apt-get update && apt-get install -y wrk")
    if not 0 < args.duration <= 120 or not 1 <= args.rounds <= 10:
        raise SystemExit("--duration must be 1 to 120 seconds, --rounds 1 to 10")
    RESULTS.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    dbs = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    all_results: dict[str, dict[str, Result]] = {}
    try:
        for db in dbs:
            all_results[db] = bench_database(db, args)
    finally:
        _stop_all()
    print()
    for db, results in all_results.items():
        print(table(db, results))
        print()
    (RESULTS / "last.json").write_text(
        json.dumps(
            {
                db: {k: v if isinstance(v, list) else vars(v) for k, v in r.items()}
                for db, r in all_results.items()
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
