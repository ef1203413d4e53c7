"""ASGI entry point (gunicorn with uvicorn workers, see the Procfile).

Every view and the database here are synchronous. Django's own ASGI handler runs each request's
synchronous code in a new thread (a `ThreadSensitiveContext` per request), so every request
opens a new database connection: SQLite re-runs its PRAGMAs, PostgreSQL takes one from the pool.
Here a worker keeps a few long-lived threads, its *lanes*, and runs each request's synchronous
code (the `request_started` receivers, the middleware chain and the view, closing the response)
on one free lane, as gunicorn's threaded workers do. A lane's database connection lives as long
as `CONN_MAX_AGE` says, from one request to the next.

Rules:
- at most `ASGI_THREADS` requests of a worker run their synchronous code at a time; the others
  wait for a lane in the order they came;
- a streaming response (the exports) keeps its lane until it ends, which can take as long as
  the client likes: the lane leaves the set at once, a new one takes its place, and the old one
  closes its database connections and stops when the response is closed;
- `request_started` and `request_finished` run on the lane, so `close_old_connections` sees the
  lane's connections: a connection past its age, broken, or left in a transaction is closed.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import django
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autofocus.settings")

# The lane of the request being handled (the handler marks it when the response streams).
_current: contextvars.ContextVar[_Lane] = contextvars.ContextVar("autofocus_lane")


class _Lane:
    """One long-lived thread; a single-thread executor so that every call of a request runs on
    the same thread, with the same database connections."""

    def __init__(self, number: int) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"lane-{number}")
        self.streaming = False


class Lanes:
    """A worker's lanes, handed out first come, first served, the most recently used first (its
    connection is the likeliest to be open)."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a worker needs at least one lane")
        self.size = size
        self._free: list[_Lane] = []
        self._waiters: deque[asyncio.Future[_Lane]] = deque()
        self._open = 0
        self._made = 0

    def _new(self) -> _Lane:
        self._open += 1
        self._made += 1
        return _Lane(self._made)

    async def acquire(self) -> _Lane:
        if self._free:
            return self._free.pop()
        if self._open < self.size:
            return self._new()
        waiter: asyncio.Future[_Lane] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release(waiter.result())  # handed over just as it was cancelled
            raise

    def release(self, lane: _Lane) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(lane)
                return
        self._free.append(lane)

    def retire(self, lane: _Lane) -> None:
        """Takes a lane out of the set for good (a streaming response keeps it); a waiting
        request gets a new one at once."""
        self._open -= 1
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(self._new())
                return

    @property
    def open(self) -> int:
        """Lanes in the set, busy or free (retired ones excepted)."""
        return self._open

    def close(self) -> None:
        """Closes the free lanes' database connections and stops their threads (tests, and
        anything else that drops a handler)."""
        while self._free:
            lane = self._free.pop()
            self._open -= 1
            lane.executor.submit(connections.close_all).result()
            lane.executor.shutdown()


def _close_and_stop(lane: _Lane) -> None:
    """Closes a retired lane's database connections on its own thread, then lets the thread
    end (joined from a short-lived thread: the event loop never waits for it)."""
    future = lane.executor.submit(connections.close_all)
    future.add_done_callback(lambda _: threading.Thread(target=lane.executor.shutdown).start())


def lanes_from_environment() -> int:
    return max(1, int(os.environ.get("ASGI_THREADS", "") or 4))


class LaneASGIHandler(ASGIHandler):
    """Django's ASGI handler with each request's synchronous code on one of the worker's lanes,
    and the middleware chain and the view entered in one thread hop.

    Django's own handler also runs each async-capable middleware in async mode and hands every
    sync hook, and then the view, to the thread separately (WhiteNoise, sync-only, adds more
    switches): about fifteen crossings between the event loop and the thread per request.
    Building the chain in sync mode, as under WSGI, and entering it once costs one.
    """

    def __init__(self, lanes: int | None = None) -> None:
        super().__init__()
        self.lanes = Lanes(lanes or lanes_from_environment())

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)
        chain = self._middleware_chain  # type: ignore[has-type]
        self._middleware_chain = sync_to_async(chain, thread_sensitive=True)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        lane = await self.lanes.acquire()
        token = _current.set(lane)
        try:
            async with ThreadSensitiveContext(executor=lane.executor):
                await self.handle(scope, receive, send)
        finally:
            _current.reset(token)
            if lane.streaming:
                _close_and_stop(lane)
            else:
                self.lanes.release(lane)

    async def run_get_response(self, request: Any) -> Any:
        response = await super().run_get_response(request)
        if response.streaming:
            lane = _current.get()
            lane.streaming = True
            self.lanes.retire(lane)
        return response


def get_application() -> LaneASGIHandler:
    django.setup(set_prefix=False)
    return LaneASGIHandler()


application = get_application()
