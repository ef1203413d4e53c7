"""ASGI entry point (gunicorn with uvicorn workers, see the Procfile).

Every view and the database here are synchronous. Django's own ASGI handler runs each request's
synchronous code in a new thread (a `ThreadSensitiveContext` per request), so every request
opens a new database connection: SQLite re-runs its PRAGMAs, PostgreSQL takes one from the pool.
Here a worker keeps a few long-lived threads, its *lanes*, and runs each request's synchronous
code (the `request_started` receivers, the middleware chain and the view, closing the response)
in one call on one free lane, as gunicorn's threaded workers do. A lane's database connection
lives as long as `CONN_MAX_AGE` says, from one request to the next.

Rules:
- a lane is taken once the request's body has arrived: a slow upload holds no thread;
- at most `ASGI_THREADS` requests of a worker run their synchronous code at a time; the others
  wait for a lane in the order they came;
- a streaming response (the exports) keeps its lane until it ends, which can take as long as
  the client likes: the lane leaves the set at once, a new one takes its place, and the old one
  closes its database connections and stops when the response is closed;
- `request_started` and `request_finished` run on the lane, so `close_old_connections` sees the
  lane's connections: a connection past its age, broken, or left in a transaction is closed;
- one person's GraphQL mutations take turns in a worker: a mutation waits, in the order it
  came and without a lane, while another of the same session (or API token) runs. Every write
  of a person queues on their notebook row anyway (`focus.services`); here the others wait
  holding no lane and no database connection, and the one that holds the row runs without
  the waiters' work beside it in the same process. Each extra lane busy beside it stretched
  the time the row stays locked (PostgreSQL, 16 connections writing one list: the lock was
  held 7-9 ms with 4 lanes a worker against 3-5 ms with one, `bench/README.md`). Reads, and
  other people's requests, take lanes as before.
"""

from __future__ import annotations

import asyncio
import gc
import os
import re
import threading
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, nullcontext
from typing import Any

import django
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.db import connections
from django.http import FileResponse
from django.http.cookie import parse_cookie
from django.urls import set_script_prefix

from autofocus.api_clients import bearer_credentials

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autofocus.settings")


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


class Turns:
    """One holder per key at a time; the others wait in the order they came (an asyncio lock
    is fair). A key's lock lives while someone holds it or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}  # holder and waiters, per key

    @asynccontextmanager
    async def turn(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key], self._locks[key]

    def __len__(self) -> int:
        """Keys held or waited for now."""
        return len(self._locks)

    def waiting(self, key: str) -> int:
        """How many wait for the key."""
        lock = self._locks.get(key)
        return self._users.get(key, 0) - (1 if lock and lock.locked() else 0)


_MUTATION = re.compile(rb"\bmutation\b")


def writer_key(scope: dict[str, Any], body_file: Any) -> str | None:
    """Whose turn a request takes: a POST to `/graphql` whose body names a mutation, keyed by
    its API token or its session cookie; None for everything else.

    The body is only searched for the word: a query that merely mentions it (in a task's
    text, say) waits for its turn too, which changes nothing but its order.
    """
    if scope["method"] != "POST" or scope["path"] != "/graphql":
        return None
    cookies: list[str] = []
    authorization = ""
    for name, value in scope["headers"]:
        if name == b"authorization":
            authorization = value.decode("latin-1")
        elif name == b"cookie":  # HTTP/2 may split the cookies over several headers
            cookies.append(value.decode("latin-1"))
    if token := bearer_credentials(authorization):
        key = "token:" + token
    elif session := parse_cookie("; ".join(cookies)).get(settings.SESSION_COOKIE_NAME):
        key = "session:" + session
    else:
        return None
    body = body_file.read(settings.GRAPHQL_MAX_BODY_BYTES + 1)
    body_file.seek(0)
    return key if _MUTATION.search(body) else None


def _close_and_stop(lane: _Lane) -> None:
    """Closes a retired lane's database connections on its own thread, then lets the thread
    end (joined from a short-lived thread: the event loop never waits for it)."""
    future = lane.executor.submit(connections.close_all)
    future.add_done_callback(lambda _: threading.Thread(target=lane.executor.shutdown).start())


def lanes_from_environment() -> int:
    return max(1, int(os.environ.get("ASGI_THREADS", "") or 4))


class LaneASGIHandler(ASGIHandler):
    """Django's ASGI handler with each request's synchronous code on one of the worker's lanes,
    entered once per request.

    Django's own handler crosses between the event loop and the request's thread several
    times a request: `request_started`, every async-capable middleware's sync hooks and the
    view (WhiteNoise, sync-only, adds more), closing the response; and it runs a task that
    listens for the client's disconnect beside the view. Here the middleware chain is built
    in sync mode, as under WSGI, and `request_started`, the request object, the chain and
    the view, and closing a complete response (`request_finished`) run in one call on the
    lane; the event loop then only sends the bytes. A streaming response is sent as Django
    sends it (listening for a disconnect, each chunk of a sync iterator on the lane) and
    closed on its lane at the end.
    """

    def __init__(self, lanes: int | None = None) -> None:
        super().__init__()
        self.lanes = Lanes(lanes or lanes_from_environment())
        self.turns = Turns()

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        try:
            set_script_prefix(get_script_prefix(scope))
            key = writer_key(scope, body_file)
            async with self.turns.turn(key) if key else nullcontext():
                await self.run_on_lane(scope, body_file, receive, send)
        finally:
            body_file.close()

    async def run_on_lane(
        self, scope: dict[str, Any], body_file: Any, receive: Any, send: Any
    ) -> None:
        lane = await self.lanes.acquire()
        try:
            async with ThreadSensitiveContext(executor=lane.executor):
                respond = sync_to_async(self.respond, thread_sensitive=True)
                response = await respond(scope, body_file)
                if response.streaming:
                    lane.streaming = True
                    self.lanes.retire(lane)
                    await self.stream(response, receive, send)
                else:
                    await self.send_response(response, send)
        finally:
            if lane.streaming:
                _close_and_stop(lane)
            else:
                self.lanes.release(lane)

    def respond(self, scope: dict[str, Any], body_file: Any) -> Any:
        """On the lane: the whole request but sending the bytes. A complete response comes
        back closed (its `request_finished` has run); a streaming one open."""
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, response = self.create_request(scope, body_file)
        if request is not None:
            response = self.get_response(request)
            response._handler_class = self.__class__  # type: ignore[attr-defined]
            if isinstance(response, FileResponse):
                response.block_size = self.chunk_size
        assert response is not None
        if not response.streaming:
            response.close()
        return response

    async def stream(self, response: Any, receive: Any, send: Any) -> None:
        """Sends a streaming response until it ends or the client goes away, then closes it
        on the lane."""
        sending = asyncio.create_task(self.send_response(response, send))
        listening = asyncio.create_task(self.listen_for_disconnect(receive))
        try:
            await asyncio.wait((sending, listening), return_when=asyncio.FIRST_COMPLETED)
        finally:
            listening.cancel()
            sending.cancel()
            outcomes = await asyncio.gather(sending, listening, return_exceptions=True)
            await sync_to_async(response.close, thread_sensitive=True)()
        if isinstance(outcomes[0], Exception):
            raise outcomes[0]


def freeze_start_up_objects() -> None:
    """Leaves what start-up loaded (settings, apps, models, the URLconf and its views, the GraphQL
    schema: some 90,000 objects that live as long as the worker) out of the garbage collector's
    full collections, which otherwise walk all of them every few thousand requests (about
    45 ms, every lane of the worker stalled meanwhile). Objects made later are collected as
    before."""
    from django.urls import get_resolver
    from graphene_django.settings import graphene_settings

    get_resolver().url_patterns  # noqa: B018  # imports the URLconf and the views
    graphene_settings.SCHEMA  # noqa: B018  # imports the schema (otherwise at the first request)
    gc.collect()
    gc.freeze()


def get_application() -> LaneASGIHandler:
    django.setup(set_prefix=False)
    handler = LaneASGIHandler()
    freeze_start_up_objects()
    return handler


application = get_application()
