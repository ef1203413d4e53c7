"""The ASGI handler's lanes: a worker's long-lived threads, and the connections they keep."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.backends.signals import connection_created

from autofocus.asgi import LaneASGIHandler, Lanes
from autofocus.testing import asgi_get, asgi_scope


@pytest.fixture
def handler():
    handler = LaneASGIHandler(lanes=1)
    yield handler
    handler.lanes.close()


@pytest.fixture
def opened():
    """The threads that opened a database connection, in order."""
    threads: list[int] = []

    def note(sender, connection, **kwargs):
        threads.append(threading.get_ident())

    connection_created.connect(note)
    yield threads
    connection_created.disconnect(note)


@pytest.mark.django_db(transaction=True)
def test_requests_on_one_lane_share_one_database_connection(handler, opened):
    for _ in range(3):
        status, _, body = async_to_sync(asgi_get)(handler, "/healthz")
        assert status == 200, body
    assert threading.get_ident() not in opened  # the lane's own thread, not the caller's
    if connection.vendor == "postgresql":
        # CONN_MAX_AGE 0: each request takes a connection from the pool and gives it back.
        assert connection.settings_dict["CONN_MAX_AGE"] == 0
        assert len(opened) == 3 and len(set(opened)) == 1
    else:
        assert connection.settings_dict["CONN_MAX_AGE"] == 600
        assert len(opened) == 1


@pytest.mark.django_db(transaction=True)
def test_a_connection_past_its_age_is_replaced_at_the_next_request(handler, opened):
    # Every thread's connection shares this dict with the main thread's.
    age = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 0
    try:
        for _ in range(2):
            assert async_to_sync(asgi_get)(handler, "/healthz")[0] == 200
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = age
    # Closed (or given back to PostgreSQL's pool) by request_finished on the lane, then
    # opened (or taken) again.
    assert len(opened) == 2


@pytest.mark.django_db(transaction=True)
def test_a_request_enters_its_lane_once_and_is_finished_there(handler, monkeypatch):
    """request_started, the middleware and the view, and request_finished (which closes or
    keeps the lane's connections) run in one call on the lane, before the bytes are sent."""
    calls: list[str] = []
    submit = ThreadPoolExecutor.submit

    def counted(executor, *args, **kwargs):
        calls.append(executor._thread_name_prefix)
        return submit(executor, *args, **kwargs)

    monkeypatch.setattr(ThreadPoolExecutor, "submit", counted)
    seen: list[tuple[str, str]] = []

    def note(name):
        def receiver(**kwargs):
            seen.append((name, threading.current_thread().name))

        return receiver

    started, finished = note("started"), note("finished")
    request_started.connect(started)
    request_finished.connect(finished)
    try:
        for _ in range(2):
            seen.clear()
            calls.clear()
            status, _, body = async_to_sync(asgi_get)(handler, "/healthz")
            assert status == 200, body
            assert [name for name in calls if name.startswith("lane-")] == ["lane-1"]
            assert [name for name, _ in seen] == ["started", "finished"]
            assert seen[0][1] == seen[1][1] and seen[0][1].startswith("lane-")
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)


@pytest.mark.django_db(transaction=True)
def test_a_slow_upload_holds_no_lane(handler):
    """The body is read before a lane is taken: a client that sends it slowly keeps no
    thread from the other requests."""

    async def scenario() -> int:
        slow = ApplicationCommunicator(handler, asgi_scope("/healthz", method="POST"))
        await slow.send_input({"type": "http.request", "body": b"a", "more_body": True})
        await asyncio.sleep(0.05)
        status, _, _ = await asgi_get(handler, "/healthz")  # the only lane is free
        await slow.send_input({"type": "http.request", "body": b"b"})
        await slow.receive_output(10)
        await slow.wait(10)
        return status

    assert async_to_sync(scenario)() == 200


def test_waiters_get_lanes_in_the_order_they_came():
    async def scenario() -> list[str]:
        lanes = Lanes(1)
        first = await lanes.acquire()
        order: list[str] = []

        async def wait(name: str) -> None:
            lane = await lanes.acquire()
            order.append(name)
            await asyncio.sleep(0)
            lanes.release(lane)

        tasks = []
        for name in "abc":
            tasks.append(asyncio.create_task(wait(name)))
            await asyncio.sleep(0)  # each one waits before the next arrives
        assert lanes.open == 1 and not order
        lanes.release(first)
        await asyncio.gather(*tasks)
        lanes.close()
        return order

    assert asyncio.run(scenario()) == ["a", "b", "c"]


def test_a_retired_lane_is_replaced_for_the_next_waiter():
    async def scenario() -> None:
        lanes = Lanes(1)
        streaming = await lanes.acquire()
        waiter = asyncio.create_task(lanes.acquire())
        await asyncio.sleep(0)
        assert not waiter.done()
        lanes.retire(streaming)
        lane = await asyncio.wait_for(waiter, 1)
        assert lane is not streaming and lanes.open == 1
        lanes.release(lane)
        lanes.close()
        streaming.executor.shutdown()

    asyncio.run(scenario())


def test_a_cancelled_waiter_does_not_keep_the_lane():
    async def scenario() -> None:
        lanes = Lanes(1)
        lane = await lanes.acquire()
        waiter = asyncio.create_task(lanes.acquire())
        await asyncio.sleep(0)
        waiter.cancel()
        await asyncio.sleep(0)
        lanes.release(lane)
        assert await asyncio.wait_for(lanes.acquire(), 1) is lane
        lanes.release(lane)
        lanes.close()

    asyncio.run(scenario())


def test_start_up_objects_are_left_out_of_full_collections():
    import gc

    from graphene_django.settings import graphene_settings

    from autofocus.asgi import freeze_start_up_objects

    freeze_start_up_objects()
    try:
        assert gc.get_freeze_count() > 10_000
        # The schema is loaded before the freeze (not at the first request), and frozen.
        assert "SCHEMA" in vars(graphene_settings)
        schema = graphene_settings.SCHEMA.graphql_schema
        assert gc.is_tracked(schema)
        assert id(schema) not in {id(thing) for thing in gc.get_objects()}
    finally:
        gc.unfreeze()


# --- one person's mutations take turns ---------------------------------------------------

MUTATION_BODY = (
    b'{"query": "mutation CreateItem($text: String!) { createItem(text: $text) { id } }"}'
)
QUERY_BODY = b'{"query": "query Items { items { id } }"}'


def _headers(*, session: str = "", token: str = "") -> list[tuple[bytes, bytes]]:
    from django.conf import settings

    headers = []
    if session:
        headers.append(
            (b"cookie", f"csrftoken=x; {settings.SESSION_COOKIE_NAME}={session}".encode())
        )
    if token:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    return headers


def _body(data: bytes):
    import io

    return io.BytesIO(data)


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "key"),
    [
        ("POST", "/graphql", _headers(session="s1"), MUTATION_BODY, "session:s1"),
        ("POST", "/graphql", _headers(session="s1", token="t1"), MUTATION_BODY, "token:t1"),
        ("POST", "/graphql", _headers(token="t1"), MUTATION_BODY, "token:t1"),
        (
            "POST",
            "/graphql",
            [(b"cookie", b"a=1"), *_headers(session="s2")],
            MUTATION_BODY,
            "session:s2",
        ),
        ("POST", "/graphql", _headers(session="s1"), QUERY_BODY, None),
        ("POST", "/graphql", [], MUTATION_BODY, None),  # nobody's: no turn
        ("POST", "/graphql", [(b"authorization", b"Basic eDp5")], MUTATION_BODY, None),
        ("GET", "/graphql", _headers(session="s1"), MUTATION_BODY, None),
        ("POST", "/login", _headers(session="s1"), MUTATION_BODY, None),
    ],
)
def test_whose_turn_a_request_takes(method, path, headers, body, key):
    from autofocus.asgi import writer_key

    body_file = _body(body)
    assert writer_key(asgi_scope(path, method=method, headers=headers), body_file) == key
    assert body_file.read() == body  # left for the request to read


def test_turns_are_taken_one_at_a_time_per_key_in_the_order_they_came():
    from autofocus.asgi import Turns

    async def scenario() -> list[str]:
        turns = Turns()
        order: list[str] = []
        release = asyncio.Event()

        async def take(name: str, key: str) -> None:
            async with turns.turn(key):
                order.append(name)
                if name == "first":
                    await release.wait()

        first = asyncio.create_task(take("first", "ann"))
        await asyncio.sleep(0)
        tasks = []
        for name in "abc":
            tasks.append(asyncio.create_task(take(name, "ann")))
            await asyncio.sleep(0)  # each one waits before the next arrives
        await take("bob", "bob")  # another key does not wait
        gone = asyncio.create_task(take("gone", "ann"))
        await asyncio.sleep(0)
        assert turns.waiting("ann") == 4
        gone.cancel()  # a waiter that leaves takes no turn
        await asyncio.sleep(0)
        assert turns.waiting("ann") == 3 and order == ["first", "bob"]
        release.set()
        await asyncio.gather(first, *tasks, gone, return_exceptions=True)
        assert len(turns) == 0  # nothing kept once every turn is over
        return order

    assert asyncio.run(scenario()) == ["first", "bob", "a", "b", "c"]


@pytest.mark.django_db(transaction=True)
def test_a_persons_mutation_waits_without_a_lane_while_their_other_one_runs(monkeypatch):
    """Two lanes: Ann's first mutation holds one; her second waits for its turn, so her
    query and Bob's mutation take the other lane meanwhile and are answered."""
    from django.http import HttpResponse

    handler = LaneASGIHandler(lanes=2)
    release = threading.Event()
    started: list[bytes] = []

    def respond(scope, body_file):
        name = dict(scope["headers"])[b"x-name"]
        started.append(name)
        if name == b"ann-1":
            release.wait(10)
        return HttpResponse(name)

    monkeypatch.setattr(handler, "respond", respond)

    def request(name: str, body: bytes, **who) -> ApplicationCommunicator:
        headers = [(b"x-name", name.encode()), *_headers(**who)]
        scope = asgi_scope("/graphql", method="POST", headers=headers)
        return ApplicationCommunicator(handler, scope)

    async def answer(communicator: ApplicationCommunicator, body: bytes) -> bytes:
        await communicator.send_input({"type": "http.request", "body": body})
        start = await communicator.receive_output(10)
        assert start["status"] == 200
        return (await communicator.receive_output(10))["body"]

    async def scenario() -> None:
        first = asyncio.create_task(
            answer(request("ann-1", MUTATION_BODY, session="a"), MUTATION_BODY)
        )
        while not started:
            await asyncio.sleep(0.01)
        second = asyncio.create_task(
            answer(request("ann-2", MUTATION_BODY, session="a"), MUTATION_BODY)
        )
        while not handler.turns.waiting("session:a") and b"ann-2" not in started:
            await asyncio.sleep(0.01)
        assert await answer(request("ann-q", QUERY_BODY, session="a"), QUERY_BODY) == b"ann-q"
        assert await answer(request("bob-1", MUTATION_BODY, session="b"), MUTATION_BODY) == b"bob-1"
        assert started == [b"ann-1", b"ann-q", b"bob-1"] and not second.done()
        release.set()
        assert await first == b"ann-1"
        assert await second == b"ann-2"
        assert started[-1] == b"ann-2" and len(handler.turns) == 0

    try:
        async_to_sync(scenario)()
    finally:
        release.set()
        handler.lanes.close()
