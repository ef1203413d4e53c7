#!/usr/bin/env python3
"""Faults under load, with nothing lost (not a test suite: a script that checks and prints).

    python bench/faults.py [--scenario all|worker|postgres|sqlite] [--clients 16] [--seconds 8]

16 clients (threads), each signed in as its own user, add tasks and complete some of them
through `/graphql`, retrying what failed, while one fault happens:

  worker    PostgreSQL: one gunicorn worker is killed with SIGKILL mid-load (gunicorn
            starts another);
  postgres  PostgreSQL: the database server is restarted under load;
  sqlite    SQLite: two app processes serve one database file at once.

PostgreSQL is a private cluster this script creates (initdb in a temporary folder, its own
port) and removes at the end: the machine's own server is never touched. The app runs as in
production: the Procfile's gunicorn command with uvicorn workers, debug off.

A client retries an action whose outcome it knows was not applied; when it cannot know (no
answer, a 503, a broken connection), it first reads its list to see whether the action took
effect, then retries only if it did not: what a careful client does without idempotency keys.

After each scenario: every action a client saw acknowledged exists exactly once, positions
are unique per user, no client ever saw "database is locked" or INTERNAL_SERVER_ERROR, and
the app answered again within `--recovery` seconds of the fault. Prints the figures
(requests, errors by code, recovery time); exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import glob
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
HOST = "127.0.0.1"

CREATE = "mutation($t: String!) { createItem(text: $t) { item { id } } }"
COMPLETE = "mutation($id: ID!) { completeItem(id: $id) { item { id state } } }"
PAGES = "{ user { pages } }"
PAGE = "query($p: Int) { items(page: $p) { id text state } }"

SEED = """
import json, django
django.setup()
from django.test import Client
from accounts.models import User
from focus.services import list_start
sessions = {}
for n in range(%d):
    user = User.objects.create_user(f"client{n}@example.com", is_validated=True)
    list_start(user=user)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    sessions[user.email] = client.cookies["sessionid"].value
print(json.dumps(sessions))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def log(message: str) -> None:
    print(f"[faults +{time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


STARTED = time.monotonic()


# --- a private PostgreSQL cluster ----------------------------------------------------------


class PrivateCluster:
    """A throw-away PostgreSQL server: initdb into a temporary folder, on its own port."""

    def __init__(self) -> None:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not candidates:
            raise SystemExit("PostgreSQL binaries not found (/usr/lib/postgresql/*/bin/initdb)")
        self.bin = Path(candidates[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="autofocus-faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        # initdb refuses to run as root: run the server as the postgres user then.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres")

    def run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def start(self) -> None:
        self.run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        )
        self._ctl("start")
        log(f"private PostgreSQL cluster on port {self.port} ({self.data})")

    def _ctl(self, action: str) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses={HOST} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        self.run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-t",
            "30",
            "-m",
            "fast",
            action,
        )

    def restart(self, down: float) -> None:
        """Stops the server (fast: open connections are cut), leaves it down `down` seconds,
        starts it again."""
        self._ctl("stop")
        time.sleep(down)
        self._ctl("start")

    def url(self, database: str) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        self.run(
            str(self.bin / "createdb"), "-h", HOST, "-p", str(self.port), "-U", "postgres", name
        )

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._ctl("stop")
        shutil.rmtree(self.dir, ignore_errors=True)


# --- the app --------------------------------------------------------------------------------


def app_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "autofocus.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_SECRET_KEY": "faults-only-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": HOST,
            "SITE_URL": f"http://{HOST}",
            "DATABASE_URL": database_url,
            "RATELIMIT_ENABLED": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.pop("REDIS_URL", None)
    env.pop("ROLLBAR_ACCESS_TOKEN", None)
    return env


def prepare(database_url: str, clients: int) -> dict[str, str]:
    env = app_env(database_url)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    out = subprocess.run(
        [PYTHON, "-c", SEED % clients],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


class Server:
    """The Procfile's `web` command on a port of its own."""

    def __init__(self, database_url: str, workers: int, log_path: Path) -> None:
        self.port = free_port()
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "autofocus.asgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "uvicorn_worker.UvicornWorker",
                "--graceful-timeout",
                "2",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=app_env(database_url),
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the app server exited; see {log_path}")
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/healthz", headers={"Host": HOST})
                if connection.getresponse().status == 200 and len(self.workers()) >= workers:
                    return
            time.sleep(0.2)
        raise SystemExit(f"the app server did not start; see {log_path}")

    def workers(self) -> list[int]:
        children = []
        for stat in glob.glob("/proc/[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                text = Path(stat).read_text()
                ppid = int(text.rsplit(")", 1)[1].split()[1])
                if ppid == self.process.pid:
                    children.append(int(Path(stat).parent.name))
        return sorted(children)

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


# --- clients --------------------------------------------------------------------------------


class Unknown(Exception):
    """No definite answer: the action may or may not have been applied."""


@dataclass
class Stats:
    requests: int = 0
    codes: collections.Counter = field(default_factory=collections.Counter)
    successes: list[float] = field(default_factory=list)  # monotonic times of answered calls
    forbidden: list[str] = field(default_factory=list)
    lock = threading.Lock()

    def note(self, code: str, message: str = "") -> None:
        with self.lock:
            self.requests += 1
            self.codes[code] += 1
            if code == "ok":
                self.successes.append(time.monotonic())
            if code == "INTERNAL_SERVER_ERROR" or "database is locked" in message.lower():
                self.forbidden.append(f"{code}: {message}")


class Client(threading.Thread):
    def __init__(
        self, email: str, session: str, ports: list[int], stats: Stats, stop: threading.Event
    ) -> None:
        super().__init__(daemon=True)
        self.email = email
        self.ports = ports
        self.stats = stats
        self.stop = stop
        self.csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret
        self.cookie = f"sessionid={session}; csrftoken={self.csrf}"
        self.created: dict[str, str | None] = {}  # acknowledged text -> item id
        self.completed: set[str] = set()
        self.sequence = 0
        self.random = random.Random(email)

    def call(self, query: str, variables: dict) -> dict:
        """One request: the payload's data, or an exception: Unknown when the outcome is
        not known, ValueError for a definite refusal."""
        body = json.dumps({"query": query, "variables": variables})
        port = self.random.choice(self.ports)
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
            connection.request(
                "POST",
                "/graphql",
                body=body,
                headers={
                    "Host": HOST,
                    "Content-Type": "application/json",
                    "Cookie": self.cookie,
                    "X-CSRFToken": self.csrf,
                },
            )
            response = connection.getresponse()
            text = response.read().decode()
            connection.close()
        except (OSError, http.client.HTTPException) as error:
            self.stats.note(f"no answer ({type(error).__name__})")
            raise Unknown(str(error)) from None
        try:
            result = json.loads(text)
        except ValueError:
            self.stats.note(f"HTTP {response.status} (not JSON)", text[:200])
            raise Unknown(text[:200]) from None
        errors = result.get("errors") or []
        if errors:
            code = errors[0].get("extensions", {}).get("code", "?")
            self.stats.note(code, errors[0].get("message", ""))
            if response.status in (502, 503, 504) or code in (
                "SERVICE_UNAVAILABLE",
                "INTERNAL_SERVER_ERROR",
            ):
                raise Unknown(code)
            raise ValueError(code)
        self.stats.note("ok")
        return result["data"]

    def patiently(self, query: str, variables: dict) -> dict:
        """A read, repeated until it is answered."""
        while True:
            try:
                return self.call(query, variables)
            except (Unknown, ValueError):
                time.sleep(0.2)

    def find(self, text: str) -> dict | None:
        pages = self.patiently(PAGES, {})["user"]["pages"]
        for page in range(pages, max(0, pages - 2), -1):
            for item in self.patiently(PAGE, {"p": page})["items"]:
                if item["text"] == text:
                    return item
        return None

    def create(self) -> None:
        self.sequence += 1
        text = f"{self.email} #{self.sequence}"
        while True:
            try:
                self.created[text] = self.call(CREATE, {"t": text})["createItem"]["item"]["id"]
                return
            except Unknown:
                time.sleep(0.2)
                item = self.find(text)
                if item is not None:  # it was applied after all
                    self.created[text] = item["id"]
                    return

    def complete(self, text: str) -> None:
        item_id = self.created[text]
        while True:
            try:
                self.call(COMPLETE, {"id": item_id})
            except Unknown:
                time.sleep(0.2)
                continue
            except ValueError as refused:
                if str(refused) != "CONFLICT":  # CONFLICT: done by an earlier attempt
                    raise
            self.completed.add(text)
            return

    def run(self) -> None:
        while not self.stop.is_set():
            open_ones = [t for t in self.created if t not in self.completed]
            if open_ones and self.random.random() < 0.3:
                self.complete(self.random.choice(open_ones))
            else:
                self.create()


# --- checks ---------------------------------------------------------------------------------


def rows(database_url: str, sql: str) -> list[tuple]:
    if database_url.startswith("sqlite"):
        with contextlib.closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            return db.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as db:
        return db.execute(sql).fetchall()


def check(
    database_url: str,
    clients: list[Client],
    stats: Stats,
    fault_at: float,
    recovered_by: float,
    limit: float,
) -> tuple[list[str], dict]:
    problems = []
    counts = collections.Counter(
        (user, text)
        for user, text in rows(
            database_url, "SELECT user_id, text FROM focus_item WHERE deleted_at IS NULL"
        )
    )
    states = {
        (user, text): state
        for user, text, state in rows(
            database_url, "SELECT user_id, text, state FROM focus_item WHERE deleted_at IS NULL"
        )
    }
    acknowledged = 0
    for client in clients:
        for text in client.created:
            acknowledged += 1
            if counts[(client.email, text)] != 1:
                problems.append(f"{text!r} exists {counts[(client.email, text)]} times")
        for text in client.completed:
            acknowledged += 1
            if states.get((client.email, text)) != "done":
                problems.append(f"{text!r} was acknowledged done but is not")
    duplicates = rows(
        database_url,
        "SELECT user_id, position, COUNT(*) FROM focus_item GROUP BY user_id, position "
        "HAVING COUNT(*) > 1",
    )
    if duplicates:
        problems.append(f"positions not unique: {duplicates[:5]}")
    problems += [f"a client saw {seen}" for seen in stats.forbidden[:5]]
    after = [t for t in stats.successes if t > recovered_by]
    recovery = (after[0] - recovered_by) if after else float("inf")
    before = [t for t in stats.successes if t <= fault_at]
    gap_start = before[-1] if before else fault_at
    first_after_fault = [t for t in stats.successes if t > fault_at]
    if recovery > limit:
        problems.append(f"no answer within {limit}s after the fault (took {recovery:.1f}s)")
    figures = {
        "requests": stats.requests,
        "acknowledged actions": acknowledged,
        "answers by code": dict(stats.codes.most_common()),
        "recovery s": round(recovery, 2),
        "longest pause s": round(
            max(
                (b - a for a, b in zip(stats.successes, stats.successes[1:], strict=False)),
                default=0,
            ),
            2,
        ),
        "first answer after the fault s": round(first_after_fault[0] - fault_at, 2)
        if first_after_fault
        else None,
        "last answer before it s": round(fault_at - gap_start, 2),
    }
    return problems, figures


# --- scenarios ------------------------------------------------------------------------------


def drive(
    database_url: str,
    sessions: dict[str, str],
    ports: list[int],
    seconds: float,
    fault,
    limit: float,
) -> tuple[list[str], dict]:
    stats = Stats()
    stop = threading.Event()
    clients = [Client(email, session, ports, stats, stop) for email, session in sessions.items()]
    for client in clients:
        client.start()
    time.sleep(seconds / 2)
    fault_at = time.monotonic()
    recovered_by = fault() or fault_at
    time.sleep(max(seconds / 2, recovered_by + 3 - time.monotonic()))
    stop.set()
    for client in clients:
        client.join(timeout=120)
    stuck = [c.email for c in clients if c.is_alive()]
    problems, figures = check(database_url, clients, stats, fault_at, recovered_by, limit)
    if stuck:
        problems.append(f"clients still waiting at the end: {stuck}")
    return problems, figures


def scenario_worker(cluster: PrivateCluster, args, work: Path) -> tuple[list[str], dict]:
    cluster.create_database("faults_worker")
    url = cluster.url("faults_worker")
    sessions = prepare(url, args.clients)
    server = Server(url, 2, work / "worker.log")
    try:

        def fault() -> float:
            victim = server.workers()[0]
            os.kill(victim, signal.SIGKILL)
            log(f"killed gunicorn worker {victim} with SIGKILL")
            return time.monotonic()

        problems, figures = drive(url, sessions, [server.port], args.seconds, fault, args.recovery)
        workers = server.workers()
        figures["workers after"] = len(workers)
        if len(workers) < 2:
            problems.append("gunicorn did not start a new worker")
        return problems, figures
    finally:
        server.stop()


def scenario_postgres(cluster: PrivateCluster, args, work: Path) -> tuple[list[str], dict]:
    cluster.create_database("faults_restart")
    url = cluster.url("faults_restart")
    sessions = prepare(url, args.clients)
    server = Server(url, 2, work / "postgres.log")
    try:

        def fault() -> float:
            started = time.monotonic()
            cluster.restart(args.down)
            back = time.monotonic()
            log(f"restarted PostgreSQL under load ({back - started:.1f}s down)")
            return back

        return drive(url, sessions, [server.port], args.seconds, fault, args.recovery)
    finally:
        server.stop()


def scenario_sqlite(args, work: Path) -> tuple[list[str], dict]:
    url = f"sqlite:///{work / 'faults.sqlite3'}"
    sessions = prepare(url, args.clients)
    servers = [Server(url, 1, work / f"sqlite-{n}.log") for n in (1, 2)]
    try:
        log(f"two app processes on one SQLite file, ports {[s.port for s in servers]}")
        return drive(
            url,
            sessions,
            [s.port for s in servers],
            args.seconds,
            lambda: time.monotonic(),
            args.recovery,
        )
    finally:
        for server in servers:
            server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scenario", choices=["all", "worker", "postgres", "sqlite"], default="all"
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8, help="load per scenario")
    parser.add_argument(
        "--down", type=float, default=2, help="seconds PostgreSQL stays down in its restart"
    )
    parser.add_argument(
        "--recovery", type=float, default=10, help="seconds within which the app must answer again"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="autofocus-faults-"))
    results: dict[str, tuple[list[str], dict]] = {}
    cluster = None
    try:
        if args.scenario in ("all", "worker", "postgres"):
            cluster = PrivateCluster()
            cluster.start()
        if args.scenario in ("all", "worker"):
            log("scenario: SIGKILL a gunicorn worker (PostgreSQL)")
            results["worker"] = scenario_worker(cluster, args, work)
        if args.scenario in ("all", "postgres"):
            log("scenario: restart PostgreSQL under load")
            results["postgres"] = scenario_postgres(cluster, args, work)
        if args.scenario in ("all", "sqlite"):
            log("scenario: two app processes, one SQLite file")
            results["sqlite"] = scenario_sqlite(args, work)
    finally:
        if cluster is not None:
            cluster.stop()
    failed = False
    print()
    for name, (problems, figures) in results.items():
        print(f"== {name}: {'FAILED' if problems else 'ok'}")
        for key, value in figures.items():
            print(f"   {key}: {value}")
        for problem in problems:
            print(f"   !! {problem}")
        failed |= bool(problems)
    print(f"\nlogs: {work}")
    if not failed:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
