"""Import (service and API), export downloads, and the round trip between them."""

import json

import pytest
from django.test import Client

from autofocus.testing import asgi_scope, error_codes
from focus import services
from focus.formats import MAX_IMPORT_ITEMS
from focus.models import Event, EventKind, Item, ItemState, Notebook
from focus.tests.factories import ItemFactory, UserFactory, list_fill

pytestmark = pytest.mark.django_db

IMPORT = """
mutation Import($data: String!, $format: ImportFormat!, $actionId: String) {
  importItems(data: $data, format: $format, actionId: $actionId) {
    imported
    user { page pages }
  }
}"""
PREVIEW = """
query Preview($data: String!, $format: ImportFormat) {
  importPreview(data: $data, format: $format) { format count items { text state repeats } }
}"""


def texts(user) -> list[str]:
    return list(
        Item.objects.filter(user=user, deleted_at__isnull=True)
        .order_by("position")
        .values_list("text", flat=True)
    )


def download(client: Client, kind: str):
    response = client.get(f"/export/autofocus.{kind}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode("utf-8")


# --- import service ------------------------------------------------------------------------


def test_import_appends_in_order_at_the_end_with_states(user):
    list_fill(user, 3)
    data = "- [ ] Позвонить маме\n- [x] Paid rent\nWater plants"
    assert services.items_import(user=user, data=data, format="MARKDOWN") == 3
    items = list(Item.objects.filter(user=user).order_by("position"))
    assert [(i.position, i.text, i.state) for i in items[3:]] == [
        (4, "Позвонить маме", ItemState.ACTIVE),
        (5, "Paid rent", ItemState.DONE),
        (6, "Water plants", ItemState.ACTIVE),
    ]
    assert Notebook.objects.get(user=user).next_position == 7
    assert Event.objects.filter(user=user, kind=EventKind.IMPORT).count() == 1


def test_one_undo_takes_the_whole_import_back(user):
    list_fill(user, 2, page_size=5)
    services.item_complete(user=user, item_id=Item.objects.get(user=user, position=1).pk)
    services.items_import(user=user, data="\n".join(f"New {n}" for n in range(12)), format="TEXT")
    assert Notebook.objects.get(user=user).pages == 3
    services.action_undo(user=user)
    assert texts(user) == ["Task 1", "Task 2"]
    notebook = Notebook.objects.get(user=user)
    assert (notebook.next_position, notebook.pages) == (3, 1)
    # The action before the import is still there to undo.
    assert Item.objects.get(user=user, position=1).state == ItemState.DONE


def test_an_import_into_a_finished_list_moves_the_working_page_to_its_tasks(user):
    list_fill(user, 5, page_size=5, states={n: ItemState.DONE for n in range(1, 6)})
    services.items_import(user=user, data="Fresh task", format="TEXT")
    assert Notebook.objects.get(user=user).working_page == 2


def test_an_import_over_the_limit_adds_nothing(user):
    list_fill(user, 1)
    data = "\n".join(f"Task {n}" for n in range(MAX_IMPORT_ITEMS + 1))
    with pytest.raises(Exception, match=f"Line {MAX_IMPORT_ITEMS + 1:,}"):
        services.items_import(user=user, data=data, format="TEXT")
    assert texts(user) == ["Task 1"]
    assert not Event.objects.filter(user=user).exists()


def test_imported_texts_are_searchable(user):
    services.items_import(user=user, data="ПОЗВОНИТЬ Маме", format="TEXT")
    assert Item.objects.get(user=user).text_folded == "позвонить маме"


# --- import API ----------------------------------------------------------------------------


def test_import_items_mutation(signed_in, user):
    result = signed_in.execute(
        IMPORT, {"data": "1. One\n2. Two", "format": "TEXT", "actionId": "a1b2c3d4-import"}
    )
    assert result == {"data": {"importItems": {"imported": 2, "user": {"page": 1, "pages": 1}}}}
    assert texts(user) == ["One", "Two"]


@pytest.mark.parametrize("action_id", ["short", "x" * 65, "has space!"])
def test_a_malformed_action_id_is_refused(signed_in, user, action_id):
    result = signed_in.execute(IMPORT, {"data": "One", "format": "TEXT", "actionId": action_id})
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert result["errors"][0]["extensions"]["field"] == "actionId"
    assert texts(user) == []


def test_a_bad_line_refuses_the_whole_import_and_names_it(signed_in, user):
    data = "text,state\nfine,DONE\nbroken,SOMETIME\n"
    result = signed_in.execute(IMPORT, {"data": data, "format": "CSV"})
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert result["errors"][0]["message"].startswith("Line 3:")
    assert result["errors"][0]["extensions"]["line"] == 3
    assert texts(user) == []


def test_preview_counts_detects_and_shows_the_first_ten(signed_in, user):
    data = "\n".join(f"- [{'x' if n % 2 else ' '}] Task {n}" for n in range(1, 15))
    preview = signed_in.execute(PREVIEW, {"data": data})["data"]["importPreview"]
    assert preview["format"] == "MARKDOWN" and preview["count"] == 14
    assert len(preview["items"]) == 10
    assert preview["items"][0] == {"text": "Task 1", "state": "DONE", "repeats": 0}
    assert not Item.objects.filter(user=user).exists()


def test_signed_out_import_and_preview_are_refused(gql):
    assert error_codes(gql.execute(IMPORT, {"data": "x", "format": "TEXT"})) == ["UNAUTHENTICATED"]
    assert error_codes(gql.execute(PREVIEW, {"data": "x"})) == ["UNAUTHENTICATED"]
    assert not Item.objects.exists()


# --- export --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["json", "csv", "md"])
def test_anonymous_export_is_forbidden_and_leaks_nothing(kind):
    ItemFactory(text="Secret task")
    response, body = download(Client(), kind)
    assert response.status_code == 403
    assert "Secret" not in body
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [("json", "application/json"), ("csv", "text/csv"), ("md", "text/markdown")],
)
def test_export_streams_a_dated_private_download(user, kind, content_type):
    list_fill(user, 3)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response, body = download(client, kind)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith(content_type)
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="autofocus-20')
    assert disposition.endswith(f'.{kind}"')
    assert "Task 3" in body


def test_export_holds_only_the_users_items_not_deleted_in_order(user):
    list_fill(user, 4, page_size=5)
    ItemFactory(text="Someone else's")
    services.item_delete(user=user, item_id=Item.objects.get(user=user, position=2).pk)
    services.item_complete(user=user, item_id=Item.objects.get(user=user, position=3).pk)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    document = json.loads(download(client, "json")[1])
    assert [(i["position"], i["text"], i["state"]) for i in document["items"]] == [
        (1, "Task 1", "ACTIVE"),
        (3, "Task 3", "DONE"),
        (4, "Task 4", "ACTIVE"),
    ]
    assert document["pageSize"] == 5 and document["language"] == "en"
    done = document["items"][1]
    assert done["changedAt"] > done["createdAt"]


def test_round_trip_json_to_import_to_json(user):
    list_fill(user, 6, page_size=5)
    item = Item.objects.get(user=user, position=2)
    services.item_edit(user=user, item_id=item.pk, text='Позвонить маме, "срочно" 🍕')
    services.item_reenter(user=user, item_id=item.pk)
    services.item_complete(user=user, item_id=Item.objects.get(user=user, position=1).pk)
    Item.objects.filter(user=user, position=6).update(state=ItemState.DISMISSED)
    first = Client()
    first.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    original = json.loads(download(first, "json")[1])

    other = UserFactory()
    services.items_import(user=other, data=json.dumps(original), format="JSON")
    second = Client()
    second.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    copied = json.loads(download(second, "json")[1])

    def kept(document):
        return [(i["text"], i["state"], i["repeats"]) for i in document["items"]]

    assert kept(copied) == kept(original)
    assert ('Позвонить маме, "срочно" 🍕', "REENTERED", 0) in kept(copied)
    assert ('Позвонить маме, "срочно" 🍕', "ACTIVE", 1) in kept(copied)


def test_export_reads_the_list_in_a_fixed_number_of_queries(user, django_assert_max_num_queries):
    list_fill(user, 300)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    with django_assert_max_num_queries(8):
        response, body = download(client, "csv")
    assert body.count("\r\n") == 301


def test_under_asgi_the_export_streams_chunk_by_chunk(user, monkeypatch):
    """Served by the ASGI handler, the response is an async iterator fed one chunk at a time
    (Django would read a synchronous one whole into a list first)."""
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    from focus import views

    monkeypatch.setattr(views, "CHUNK_CHARS", 200)
    list_fill(user, 40)
    client = AsyncClient()

    async def fetch():
        await client.aforce_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = await client.get("/export/autofocus.csv")
        assert response.is_async
        return [chunk async for chunk in response.streaming_content]

    chunks = async_to_sync(fetch)()
    assert len(chunks) > 5
    assert b"".join(chunks).decode("utf-8-sig").count("\r\n") == 41


def session_cookie(user) -> str:
    """A Cookie header value that signs `user` in, for requests made straight to the ASGI app."""
    from django.conf import settings

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@pytest.mark.django_db(transaction=True)
def test_the_production_asgi_handler_streams_an_export_on_a_lane_of_its_own(monkeypatch):
    """The export keeps its lane (thread and connection) for as long as it streams: the
    lane leaves the worker's set, a new one serves the next request, and the old one closes
    its connection and stops."""
    import threading

    from asgiref.sync import async_to_sync
    from django.db.backends.signals import connection_created

    from autofocus.asgi import LaneASGIHandler
    from autofocus.testing import asgi_get
    from focus import views

    monkeypatch.setattr(views, "CHUNK_CHARS", 200)
    user = UserFactory()
    list_fill(user, 40)
    cookie = session_cookie(user)
    handler = LaneASGIHandler(lanes=1)
    opened: list[threading.Thread] = []

    def note(sender, connection, **kwargs):
        opened.append(threading.current_thread())

    connection_created.connect(note)
    try:
        status, headers, body = async_to_sync(asgi_get)(
            handler, "/export/autofocus.csv", headers=[(b"cookie", cookie.encode())]
        )
        assert status == 200 and headers["content-type"].startswith("text/csv")
        assert body.decode("utf-8-sig").count("\r\n") == 41
        assert handler.lanes.open == 0  # the streaming lane left the set
        assert async_to_sync(asgi_get)(handler, "/healthz")[0] == 200
        assert handler.lanes.open == 1  # a new one took its place
    finally:
        connection_created.disconnect(note)
        handler.lanes.close()
    # The export's thread, then the new lane's; the export's has stopped.
    assert len(opened) == 2 and opened[0] is not opened[1]
    opened[0].join(5)
    assert not opened[0].is_alive()


@pytest.mark.django_db(transaction=True)
def test_an_export_stops_when_the_client_goes_away(monkeypatch):
    """A download the client leaves half-way stops reading the list: the response is closed
    on its lane (request_finished) and the lane's thread ends."""
    import asyncio
    import threading

    from asgiref.sync import async_to_sync
    from asgiref.testing import ApplicationCommunicator
    from django.core.signals import request_finished

    from autofocus.asgi import LaneASGIHandler
    from focus import views

    monkeypatch.setattr(views, "CHUNK_CHARS", 50)
    batched = views._batched
    sent: list[bytes] = []

    def counted(parts):
        for chunk in batched(parts):
            sent.append(chunk)
            yield chunk

    monkeypatch.setattr(views, "_batched", counted)
    user = UserFactory()
    list_fill(user, 200)
    cookie = session_cookie(user)
    handler = LaneASGIHandler(lanes=1)
    finished: list[threading.Thread] = []

    def note(**kwargs):
        finished.append(threading.current_thread())

    async def scenario() -> None:
        scope = asgi_scope("/export/autofocus.csv", headers=[(b"cookie", cookie.encode())])
        app = ApplicationCommunicator(handler, scope)
        await app.send_input({"type": "http.request", "body": b""})
        assert (await app.receive_output(10))["status"] == 200
        assert (await app.receive_output(10))["more_body"]
        await app.send_input({"type": "http.disconnect"})
        await app.wait(10)
        await asyncio.sleep(0)

    request_finished.connect(note)
    try:
        async_to_sync(scenario)()
    finally:
        request_finished.disconnect(note)
        handler.lanes.close()
    assert len(sent) < 20  # of about 200 chunks
    assert len(finished) == 1 and finished[0].name.startswith("lane-")
    finished[0].join(5)
    assert not finished[0].is_alive()
