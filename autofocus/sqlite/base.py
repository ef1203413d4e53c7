"""Django's SQLite backend with writers that queue fairly.

SQLite lets one writer in at a time; the others sleep in its busy handler and retry at growing
intervals, so a writer that has waited long can lose again and again to newcomers (a long tail
of latency under concurrent writes). Here the writers of one process first wait their turn in
a first-come, first-served queue, and the writer at its head then takes an exclusive `flock`
on a lock file beside the database (`<database>-writer.lock`) before `BEGIN IMMEDIATE`: the
kernel wakes a process waiting for it as soon as the lock is free, where SQLite's busy handler
would sleep for up to 100 ms at a time while the other process's writers follow each other.

Rules:
- every transaction Django starts (`atomic()`, with `transaction_mode` IMMEDIATE) takes a turn;
  commit, rollback or closing the connection gives it to the next writer;
- a writer that waits longer than the busy timeout goes ahead anyway and lets SQLite decide,
  so that a transaction left open by mistake slows writers down but never blocks them forever;
- a process that dies holds no lock: the kernel drops its `flock`;
- an in-memory database has no lock file (one process only);
- `SQLITE_WRITE_QUEUE=0` turns the queue and the lock file off (the benchmark's "before").
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections import deque

from django.db.backends.sqlite3 import base


class WriteQueue:
    """A lock handed to its waiters in the order they asked for it."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Event] = deque()
        self._held = False

    def acquire(self, timeout: float) -> bool:
        """Waits for the turn; False when `timeout` seconds pass first (the turn is given up)."""
        with self._mutex:
            if not self._held and not self._waiters:
                self._held = True
                return True
            turn = threading.Event()
            self._waiters.append(turn)
        if turn.wait(timeout):
            return True
        with self._mutex:
            if turn.is_set():  # handed over just as the wait timed out
                return True
            self._waiters.remove(turn)
            return False

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().set()  # the lock passes straight to the next in line
            else:
                self._held = False


WRITERS = WriteQueue()


class ProcessLock:
    """An exclusive `flock` on a file, shared by every process that opens the same path.

    `flock` has no timeout, so a helper thread makes the blocking call; a writer that stops
    waiting leaves it there, and the helper lets the lock go as soon as it gets it. Only the
    head of a process's queue asks, so one helper per file is enough.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self._mutex = threading.Lock()
        self._asks: deque[tuple[threading.Event, list[bool]]] = deque()
        self._serving = False
        self._wake = threading.Event()
        self._helper: threading.Thread | None = None

    def acquire(self, timeout: float) -> bool:
        granted = threading.Event()
        abandoned = [False]
        with self._mutex:
            if not self._asks and not self._serving:
                try:
                    fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except BlockingIOError:
                    pass
            self._asks.append((granted, abandoned))
            if self._helper is None:
                self._helper = threading.Thread(
                    target=self._serve, name="sqlite-writer-lock", daemon=True
                )
                self._helper.start()
        self._wake.set()
        if granted.wait(timeout):
            return True
        with self._mutex:
            if granted.is_set():  # given just as the wait timed out
                return True
            abandoned[0] = True
            return False

    def _serve(self) -> None:
        while True:
            self._wake.wait()
            with self._mutex:
                if not self._asks:
                    self._wake.clear()
                    continue
                granted, abandoned = self._asks.popleft()
                self._serving = True
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            with self._mutex:
                self._serving = False
                if abandoned[0]:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)  # nobody waits for it any more
                else:
                    granted.set()

    def release(self) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_UN)


_process_locks: dict[str, ProcessLock] = {}
_process_locks_mutex = threading.Lock()


def _forget_locks() -> None:
    # A forked child shares its parent's open files, and with them its flocks: it opens its own.
    _process_locks.clear()


os.register_at_fork(after_in_child=_forget_locks)


def process_lock(database: str) -> ProcessLock | None:
    """The lock file of a database file; None for an in-memory database."""
    name = str(database)
    if not name or name == ":memory:" or "mode=memory" in name:
        return None
    path = os.path.abspath(name) + "-writer.lock"
    with _process_locks_mutex:
        lock = _process_locks.get(path)
        if lock is None:
            lock = _process_locks[path] = ProcessLock(path)
        return lock


def queue_enabled() -> bool:
    return os.environ.get("SQLITE_WRITE_QUEUE", "1") != "0"


class DatabaseWrapper(base.DatabaseWrapper):
    holds_turn = False
    holds_file: ProcessLock | None = None

    def _start_transaction_under_autocommit(self) -> None:
        if queue_enabled() and not self.holds_turn:
            timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 20))
            started = time.monotonic()
            self.holds_turn = WRITERS.acquire(timeout)
            lock = process_lock(self.settings_dict["NAME"]) if self.holds_turn else None
            left = timeout - (time.monotonic() - started)
            if lock is not None and lock.acquire(max(0.0, left)):
                self.holds_file = lock
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private, not in the stubs
        except BaseException:
            self._end_turn()
            raise

    def _end_turn(self) -> None:
        if self.holds_file is not None:
            lock, self.holds_file = self.holds_file, None
            lock.release()
        if self.holds_turn:
            self.holds_turn = False
            WRITERS.release()

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]  # private, not in the stubs
        finally:
            self._end_turn()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # private, not in the stubs
        finally:
            self._end_turn()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]  # private, not in the stubs
        finally:
            self._end_turn()
