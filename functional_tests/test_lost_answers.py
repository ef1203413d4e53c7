"""Story: Ann's connection drops answers on the way back (a laptop lid closed mid-request, a
train entering a tunnel). The server got each request; she never sees an answer, the app
sends it again, and the server still applies each action exactly once."""

from __future__ import annotations

import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from functional_tests.data import seed
from functional_tests.helpers import App

pytestmark = pytest.mark.django_db(transaction=True)

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"}
ANSWER_TIMEOUT = 40  # retries back off up to 15 s between attempts


class AnswerDroppingProxy(ThreadingHTTPServer):
    """Forwards every request to the server; for the GraphQL operations named in `drop`,
    lets the server answer the first one, then closes the connection without a word."""

    daemon_threads = True

    def __init__(self, target: tuple[str, int]) -> None:
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.target = target
        self.drop: set[str] = set()
        self.dropped: list[str] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def should_drop(self, body: bytes) -> str | None:
        try:
            name = json.loads(body or b"{}").get("operationName")
        except (ValueError, AttributeError):
            return None
        with self.lock:
            if name in self.drop:
                self.drop.discard(name)
                self.dropped.append(name)
                return name
        return None


class ProxyHandler(BaseHTTPRequestHandler):
    server: AnswerDroppingProxy

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection(*self.server.target, timeout=30)
        upstream.request(self.command, self.path, body=body or None, headers=headers)
        answer = upstream.getresponse()
        content = answer.read()
        upstream.close()
        if (
            self.command == "POST"
            and self.path.startswith("/graphql")
            and self.server.should_drop(body)
        ):
            self.close_connection = True  # the server applied it; the answer is lost
            return
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(content)
        self.close_connection = True

    do_GET = do_POST = do_HEAD = forward


@pytest.fixture
def proxy(site):
    """Between Chromium and the live server of this test run (it needs the in-process
    server, whose address it knows)."""
    host, port = site.url.removeprefix("http://").split(":")
    server = AnswerDroppingProxy((host, int(port)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_every_action_whose_answer_is_lost_is_applied_exactly_once(app, proxy, make_user):
    from focus.models import Event, Item, Notebook

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 7)
    shop = App(app.driver, proxy.url)
    shop.forget_everything()
    shop.sign_in_as(ann)
    shop.item("Task 5", page=1)

    def answered() -> None:
        shop.until(
            lambda d: not shop.pending_outbox(),
            "the action was not confirmed",
            timeout=ANSWER_TIMEOUT,
        )
        shop.settled()
        assert not shop.present("//*[@role='alert']//p"), shop.body_text()

    proxy.drop = {"CreateItem"}
    shop.type_into("New task", "Answer lost on the way")
    shop.click("Add")
    answered()
    assert Item.objects.filter(user=ann, text="Answer lost on the way").count() == 1
    shop.go_to_page(2)
    assert shop.item_texts(2) == ["Task 6", "Task 7", "Answer lost on the way"]
    shop.click("Back to the working page")

    proxy.drop = {"CompleteItem"}
    shop.click("Done", within=shop.item("Task 1", page=1))
    answered()
    assert Item.objects.get(user=ann, text="Task 1").state == "done"
    assert Event.objects.filter(user=ann, kind="complete").count() == 1
    assert shop.is_struck(shop.item("Task 1", page=1))

    proxy.drop = {"NextPage"}
    shop.click("Nothing stands out")
    answered()
    assert Event.objects.filter(user=ann, kind="next_page").count() == 1
    assert Notebook.objects.get(user=ann).working_page == 2
    shop.page_list(2)
    assert shop.current_page_number() == 2

    proxy.drop = {"Undo"}
    shop.click("Undo")
    answered()
    undone = Event.objects.filter(user=ann, undone_at__isnull=False)
    assert list(undone.values_list("kind", flat=True)) == ["next_page"]
    assert Notebook.objects.get(user=ann).working_page == 1
    shop.page_list(1)
    assert shop.current_page_number() == 1
    assert shop.is_struck(shop.item("Task 1", page=1))

    assert proxy.dropped == ["CreateItem", "CompleteItem", "NextPage", "Undo"]
    assert Item.objects.filter(user=ann).count() == 8
    # The screen matches the server after a fresh load.
    shop.reload()
    assert shop.item_texts(1) == ["Task 1", "Task 2", "Task 3", "Task 4", "Task 5"]
    assert shop.is_struck(shop.item("Task 1", page=1))
