"""Django's SQLite backend with writers that queue fairly.

SQLite lets one writer in at a time; the others sleep in its busy handler and retry at growing
intervals, so a writer that has waited long can lose again and again to newcomers (a long tail
of latency under concurrent writes). Here the writers of one process first wait their turn in
a first-come, first-served queue, and only the writer at its head runs `BEGIN IMMEDIATE`: at
most one writer per process contends for SQLite's lock, and in the order they came.

Rules:
- every transaction Django starts (`atomic()`, with `transaction_mode` IMMEDIATE) takes a turn;
  commit, rollback or closing the connection gives it to the next writer;
- a writer that waits longer than the busy timeout goes ahead anyway and lets SQLite decide,
  so that a transaction left open by mistake slows writers down but never blocks them forever;
- `SQLITE_WRITE_QUEUE=0` turns the queue off (the benchmark's "before").
"""

from __future__ import annotations

import os
import threading
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


def queue_enabled() -> bool:
    return os.environ.get("SQLITE_WRITE_QUEUE", "1") != "0"


class DatabaseWrapper(base.DatabaseWrapper):
    holds_turn = False

    def _start_transaction_under_autocommit(self) -> None:
        if queue_enabled() and not self.holds_turn:
            timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 20))
            self.holds_turn = WRITERS.acquire(timeout)
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private, not in the stubs
        except BaseException:
            self._end_turn()
            raise

    def _end_turn(self) -> None:
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
