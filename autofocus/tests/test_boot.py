import json
import re

import pytest
from django.db import DatabaseError
from graphql import parse

from autofocus import boot
from autofocus.boot import boot_query
from autofocus.testing import GraphQLClient
from focus.models import ItemState, Notebook
from focus.tests.factories import ItemFactory, UserFactory, list_fill

pytestmark = pytest.mark.django_db

BOOT_DATA = re.compile(r'<script id="boot-data" type="application/json">(.*?)</script>', re.S)


def signed_in(user) -> GraphQLClient:
    client = GraphQLClient()
    client.force_login(user)
    return client


def answers(client: GraphQLClient, path: str = "/") -> list[dict] | None:
    response = client.client.get(path)
    assert response.status_code == 200
    found = BOOT_DATA.search(response.content.decode())
    return json.loads(found.group(1)) if found else None


def by_query(boot_answers: list[dict]) -> dict[tuple[str, str], dict]:
    return {(a["query"], json.dumps(a["variables"])): a["data"] for a in boot_answers}


def test_the_boot_queries_are_the_spas_documents_with_typenames_as_apollo_sends_them():
    document = boot_query("Items")
    assert document.startswith("query Items($page: Int) {")
    assert "fragment ItemFields on Item" in document
    # Every selection set but the operation's own asks for __typename, once.
    fragment = document[document.index("fragment ItemFields") :]
    assert fragment.count("__typename") == 1
    assert document[: document.index("fragment")].count("__typename") == 0
    parse(document)  # well formed
    assert "__typename" in boot_query("User") and "fragment UserFields on User" in boot_query(
        "User"
    )
    assert boot_query("DismissedCount") == "query DismissedCount {\n  dismissedCount\n}"


def test_a_signed_in_persons_page_answers_the_first_screens_questions_as_the_api_would():
    user = UserFactory()
    list_fill(user, 30, page_size=25)
    ItemFactory(user=user, text="waits for review", state=ItemState.DISMISSED)
    client = signed_in(user)

    found = by_query(answers(client))

    assert set(found) == {("User", "{}"), ("DismissedCount", "{}"), ("Items", '{"page": 1}')}
    assert found[("User", "{}")]["user"]["email"] == user.email
    assert found[("DismissedCount", "{}")] == {"dismissedCount": 1}
    assert len(found[("Items", '{"page": 1}')]["items"]) == 25
    # The very answers /graphql gives for the same documents.
    for name, variables in (("User", {}), ("DismissedCount", {}), ("Items", {"page": 1})):
        api = client.execute(boot_query(name), variables)
        assert api == {"data": found[(name, json.dumps(variables))]}


def test_a_page_asked_for_in_the_address_comes_beside_the_working_page():
    user = UserFactory()
    list_fill(user, 60, page_size=25)
    client = signed_in(user)

    pages = [
        a["variables"].get("page") for a in answers(client, "/?page=3") if a["query"] == "Items"
    ]
    assert pages == [1, 3]
    # A page past the end, or no number at all, brings only the working page.
    for address in ("/?page=4", "/?page=x", "/?page=-2", "/?page=99999999999999"):
        pages = [a["variables"]["page"] for a in answers(client, address) if a["query"] == "Items"]
        assert pages == [1], address


def test_other_screens_bring_who_is_signed_in_but_no_tasks():
    user = UserFactory()
    list_fill(user, 3)
    found = answers(signed_in(user), "/settings")
    assert [a["query"] for a in found] == ["User", "DismissedCount"]


def test_a_visitor_gets_no_data_and_nobody_sees_anothers_tasks():
    other = UserFactory()
    ItemFactory(user=other, text="the other person's secret")
    visitor_page = GraphQLClient().client.get("/").content.decode()
    assert "boot-data" not in visitor_page

    user = UserFactory()
    ItemFactory(user=user, text="mine")
    response = signed_in(user).client.get("/")
    page = response.content.decode()
    assert "mine" in page and "secret" not in page and str(other.email) not in page


def test_a_signed_in_persons_page_is_never_stored():
    user = UserFactory()
    response = signed_in(user).client.get("/")
    assert response["Cache-Control"] == "no-store"
    assert GraphQLClient().client.get("/")["Cache-Control"] == "no-cache"


def test_task_text_cannot_end_the_script_element():
    user = UserFactory()
    text = "</script><script>alert(1)</script> & <!--"
    ItemFactory(user=user, text=text)
    page = signed_in(user).client.get("/").content.decode()
    assert "<script>alert(1)" not in page
    found = BOOT_DATA.search(page)
    assert found
    items = by_query(json.loads(found.group(1)))
    assert items[("Items", '{"page": 1}')]["items"][0]["text"] == text


def test_without_the_database_the_page_still_comes_and_the_app_asks_for_itself(monkeypatch):
    user = UserFactory()
    Notebook.objects.get_or_create(user=user)
    client = signed_in(user)
    client.client.get("/")  # the session is read before the failure below

    def unavailable(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(boot, "_answer", unavailable)
    response = client.client.get("/")
    assert response.status_code == 200
    assert "boot-data" not in response.content.decode()
    assert '<div id="app" data-page="1">' in response.content.decode()


def test_a_refused_answer_leaves_the_whole_start_to_the_app(monkeypatch):
    user = UserFactory()
    list_fill(user, 3)
    real = boot._answer

    def refuse_items(request, name, variables):
        return None if name == "Items" else real(request, name, variables)

    monkeypatch.setattr(boot, "_answer", refuse_items)
    assert answers(signed_in(user)) is None
