"""Helpers shared by the test suites: a GraphQL client that goes through CSRF like the SPA."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client, TestCase


class GraphQLClient:
    """Posts to /graphql exactly as the SPA does: CSRF cookie from the shell, X-CSRFToken."""

    def __init__(self, client: Client | None = None, **client_kwargs: Any) -> None:
        self.client = client or Client(enforce_csrf_checks=True, **client_kwargs)

    def csrf_token(self) -> str:
        if "csrftoken" not in self.client.cookies:
            self.client.get("/")
        return self.client.cookies["csrftoken"].value

    def execute(self, query: str, variables: dict | None = None, **extra: Any) -> dict:
        # Login emails leave when the transaction commits; tests run inside one.
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/graphql",
                data=json.dumps({"query": query, "variables": variables or {}}),
                content_type="application/json",
                headers={"X-CSRFToken": self.csrf_token(), **extra.pop("headers", {})},
                **extra,
            )
        assert response.status_code in (200, 400), response.content
        return response.json()

    def force_login(self, user) -> None:
        self.client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")


def error_codes(result: dict) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in result.get("errors", [])]


def at_once(calls: list) -> list:
    """Runs the callables at the same moment, each in its own thread with its own database
    connection; returns their results in order and re-raises the first error."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def work(index: int, call) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # reported by the calling thread
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=work, args=(index, call)) for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def asgi_scope(
    path: str, *, method: str = "GET", headers: list[tuple[bytes, bytes]] | None = None
) -> dict[str, Any]:
    """The scope of an HTTP request to `path`, as a server passes it to an ASGI application."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"localhost"), *(headers or [])],
        "client": ("127.0.0.1", 5000),
        "server": ("localhost", 80),
    }


async def asgi_get(
    application: Any, path: str, *, headers: list[tuple[bytes, bytes]] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """A GET request through an ASGI application, as a server makes it; status, headers
    (lower-case names) and the whole body."""
    from asgiref.testing import ApplicationCommunicator

    communicator = ApplicationCommunicator(application, asgi_scope(path, headers=headers))
    await communicator.send_input({"type": "http.request", "body": b""})
    start = await communicator.receive_output(10)
    body = b""
    while True:
        message = await communicator.receive_output(10)
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await communicator.wait(10)
    names = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], names, body
