import importlib

import pytest

from autofocus.testing import error_codes
from focus.models import Event, EventKind, Item, ItemState, Notebook
from focus.tests.factories import ItemFactory, UserFactory, list_fill

pytestmark = pytest.mark.django_db

ITEM_FIELDS = "id text state repeats position page createdAt version"
USER_FIELDS = "email page pages pageSize language"

USER = f"query {{ user {{ {USER_FIELDS} }} }}"
ITEMS = f"query Items($page: Int) {{ items(page: $page) {{ {ITEM_FIELDS} }} }}"
DISMISSED = f"query {{ dismissedItems {{ {ITEM_FIELDS} }} }}"
DISMISSED_COUNT = "query { dismissedCount }"
CREATE = f"""
mutation Create($text: String!) {{
  createItem(text: $text) {{ item {{ {ITEM_FIELDS} }} user {{ {USER_FIELDS} }} }}
}}"""
COMPLETE = f"""
mutation Complete($id: ID!) {{
  completeItem(id: $id) {{ item {{ {ITEM_FIELDS} }} user {{ {USER_FIELDS} }} }}
}}"""
REENTER = f"""
mutation Reenter($id: ID!) {{
  reenterItem(id: $id) {{ item {{ {ITEM_FIELDS} }} user {{ {USER_FIELDS} }} }}
}}"""
RESTORE = f"""
mutation Restore($id: ID!) {{
  restoreItem(id: $id) {{ item {{ {ITEM_FIELDS} }} user {{ {USER_FIELDS} }} }}
}}"""
EDIT = f"""
mutation Edit($id: ID!, $text: String!) {{
  editItem(id: $id, text: $text) {{ item {{ {ITEM_FIELDS} }} user {{ {USER_FIELDS} }} }}
}}"""
DELETE = f"mutation Delete($id: ID!) {{ deleteItem(id: $id) {{ ok user {{ {USER_FIELDS} }} }} }}"
NEXT_PAGE = f"mutation {{ nextPage {{ dismissed user {{ {USER_FIELDS} }} }} }}"
UNDO = f"mutation {{ undo {{ ok user {{ {USER_FIELDS} }} }} }}"
SETTINGS = f"""
mutation Settings($pageSize: Int, $language: String) {{
  updateSettings(pageSize: $pageSize, language: $language) {{ user {{ {USER_FIELDS} }} }}
}}"""
CREATE_THEN_COMPLETE = """
mutation Both($text: String!, $id: ID!) {
  createItem(text: $text) { item { id } }
  completeItem(id: $id) { item { id } }
}"""
COMPLETE_THEN_CREATE = """
mutation Both($text: String!, $id: ID!) {
  completeItem(id: $id) { item { id } }
  createItem(text: $text) { item { id } }
}"""


def item_at(user, position: int) -> Item:
    return Item.objects.get(user=user, position=position)


def gid(user, position: int) -> str:
    return str(item_at(user, position).id)


SIGNED_OUT_CALLS = [
    ("items", ITEMS, {}),
    ("dismissedItems", DISMISSED, {}),
    ("createItem", CREATE, {"text": "x"}),
    ("completeItem", COMPLETE, {"id": "1"}),
    ("reenterItem", REENTER, {"id": "1"}),
    ("restoreItem", RESTORE, {"id": "1"}),
    ("editItem", EDIT, {"id": "1", "text": "x"}),
    ("deleteItem", DELETE, {"id": "1"}),
    ("nextPage", NEXT_PAGE, {}),
    ("undo", UNDO, {}),
    ("updateSettings", SETTINGS, {"pageSize": 10}),
]


@pytest.mark.parametrize(("field", "document", "variables"), SIGNED_OUT_CALLS)
def test_signed_out_calls_are_unauthenticated(gql, field, document, variables):
    ItemFactory(id=1)
    result = gql.execute(document, variables)
    assert error_codes(result) == ["UNAUTHENTICATED"]
    assert result["data"] is None or result["data"][field] is None
    assert Item.objects.get(id=1).state == ItemState.ACTIVE
    assert not Event.objects.exists()


def test_user_has_page_pages_and_page_size(signed_in, user):
    list_fill(user, 12, page_size=5, working_page=2)
    assert signed_in.execute(USER)["data"]["user"] == {
        "email": user.email,
        "page": 2,
        "pages": 3,
        "pageSize": 5,
        "language": "en",
    }


def test_items_of_the_working_page_by_default(signed_in, user):
    list_fill(user, 12, page_size=5, working_page=2, states={7: ItemState.DONE})
    items = signed_in.execute(ITEMS)["data"]["items"]
    assert [item["position"] for item in items] == [6, 7, 8, 9, 10]
    assert items[1]["state"] == "DONE"
    first = items[0]
    assert first["id"] == gid(user, 6)
    assert (first["text"], first["state"], first["repeats"], first["page"]) == (
        "Task 6",
        "ACTIVE",
        0,
        2,
    )
    assert first["createdAt"].startswith(str(item_at(user, 6).created_at.year))


def test_items_of_a_chosen_page_and_out_of_range(signed_in, user):
    list_fill(user, 12, page_size=5)
    result = signed_in.execute(ITEMS, {"page": 3})
    assert [item["position"] for item in result["data"]["items"]] == [11, 12]
    assert signed_in.execute(ITEMS, {"page": 4}) == {"data": {"items": []}}
    assert error_codes(signed_in.execute(ITEMS, {"page": 0})) == ["BAD_USER_INPUT"]


def test_dismissed_items(signed_in, user):
    list_fill(user, 8, page_size=5, states={4: ItemState.DISMISSED, 2: ItemState.DISMISSED})
    result = signed_in.execute(DISMISSED)["data"]["dismissedItems"]
    assert [(item["position"], item["state"]) for item in result] == [
        (2, "DISMISSED"),
        (4, "DISMISSED"),
    ]


def test_dismissed_count_counts_all_of_them_past_the_listed_hundred(signed_in, user):
    list_fill(user, 130, page_size=5, states={p: ItemState.DISMISSED for p in range(1, 121)})
    Item.objects.filter(user=user, position=1).update(deleted_at="2026-01-01T00:00:00Z")
    list_fill(UserFactory(), 3, states={1: ItemState.DISMISSED})
    assert len(signed_in.execute(DISMISSED)["data"]["dismissedItems"]) == 100
    assert signed_in.execute(DISMISSED_COUNT) == {"data": {"dismissedCount": 119}}


def test_dismissed_count_needs_a_signed_in_person(gql):
    assert error_codes(gql.execute(DISMISSED_COUNT)) == ["UNAUTHENTICATED"]


def test_create_item(signed_in, user):
    list_fill(user, 5, page_size=5, states={p: ItemState.DONE for p in range(1, 6)})
    result = signed_in.execute(CREATE, {"text": "  Buy milk  "})["data"]["createItem"]
    assert result["item"]["text"] == "Buy milk"
    assert (result["item"]["position"], result["item"]["page"], result["item"]["state"]) == (
        6,
        2,
        "ACTIVE",
    )
    assert (result["user"]["page"], result["user"]["pages"]) == (2, 2)
    assert Item.objects.get(id=result["item"]["id"]).text == "Buy milk"


def test_a_mutation_reads_who_is_asking_before_its_write_transaction(signed_in, user):
    """On SQLite one writer holds the lock at a time: the session and the user are read
    before the mutation's transaction begins, not while other writers wait."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in.csrf_token()  # the shell page, fetched first, reads the session too
    with CaptureQueriesContext(connection) as captured:
        signed_in.execute(CREATE, {"text": "Buy milk"})
    sql = [query["sql"] for query in captured.captured_queries]
    # Tests run inside a transaction, so the mutation's own one is a savepoint.
    begin = next(i for i, text in enumerate(sql) if text.startswith("SAVEPOINT"))
    session = next(i for i, text in enumerate(sql) if "accounts_usersession" in text)
    account = next(i for i, text in enumerate(sql) if 'FROM "accounts_user"' in text)
    assert session < begin and account < begin


@pytest.mark.parametrize("text", ["", "   ", "z" * 1001])
def test_create_item_refuses_bad_text(signed_in, user, text):
    result = signed_in.execute(CREATE, {"text": text})
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert result["errors"][0]["extensions"]["field"] == "text"
    assert result["data"]["createItem"] is None
    assert not Item.objects.exists()


def test_complete_item(signed_in, user):
    list_fill(user, 6, page_size=5)
    result = signed_in.execute(COMPLETE, {"id": gid(user, 1)})["data"]["completeItem"]
    assert result["item"]["state"] == "DONE"
    assert result["item"]["id"] == gid(user, 1)
    assert result["user"]["page"] == 1
    again = signed_in.execute(COMPLETE, {"id": gid(user, 1)})
    assert error_codes(again) == ["CONFLICT"]


def test_completing_the_last_active_item_moves_the_working_page(signed_in, user):
    list_fill(user, 6, page_size=5, states={p: ItemState.DONE for p in range(1, 5)})
    result = signed_in.execute(COMPLETE, {"id": gid(user, 5)})["data"]["completeItem"]
    assert result["user"]["page"] == 2


def test_reenter_item_returns_the_copy(signed_in, user):
    list_fill(user, 6, page_size=5)
    result = signed_in.execute(REENTER, {"id": gid(user, 3)})["data"]["reenterItem"]
    assert (result["item"]["position"], result["item"]["repeats"], result["item"]["text"]) == (
        7,
        1,
        "Task 3",
    )
    assert result["item"]["id"] != gid(user, 3)
    assert item_at(user, 3).state == ItemState.REENTERED


def test_restore_item_returns_the_copy(signed_in, user):
    list_fill(user, 6, page_size=5, states={2: ItemState.DISMISSED})
    result = signed_in.execute(RESTORE, {"id": gid(user, 2)})["data"]["restoreItem"]
    assert (result["item"]["position"], result["item"]["state"]) == (7, "ACTIVE")
    assert item_at(user, 2).state == ItemState.REENTERED
    assert error_codes(signed_in.execute(RESTORE, {"id": gid(user, 2)})) == ["CONFLICT"]


def test_edit_item(signed_in, user):
    list_fill(user, 2)
    result = signed_in.execute(EDIT, {"id": gid(user, 2), "text": " New text "})
    assert result["data"]["editItem"]["item"]["text"] == "New text"
    assert error_codes(signed_in.execute(EDIT, {"id": gid(user, 2), "text": " "})) == [
        "BAD_USER_INPUT"
    ]
    assert item_at(user, 2).text == "New text"


EDIT_VERSION = """
mutation Edit($id: ID!, $text: String!, $version: Int) {
  editItem(id: $id, text: $text, version: $version) { item { text version } }
}"""


def test_edit_item_with_a_stale_version_is_a_conflict_with_the_current_text(signed_in, user):
    list_fill(user, 1)
    first = signed_in.execute(EDIT_VERSION, {"id": gid(user, 1), "text": "A", "version": 1})
    assert first["data"]["editItem"]["item"] == {"text": "A", "version": 2}
    result = signed_in.execute(EDIT_VERSION, {"id": gid(user, 1), "text": "B", "version": 1})
    assert error_codes(result) == ["CONFLICT"]
    assert result["errors"][0]["extensions"]["currentText"] == "A"
    assert result["errors"][0]["extensions"]["currentVersion"] == 2
    assert item_at(user, 1).text == "A"


def test_delete_item(signed_in, user):
    list_fill(user, 3, states={2: ItemState.DISMISSED})
    result = signed_in.execute(DELETE, {"id": gid(user, 2)})["data"]["deleteItem"]
    assert result["ok"] is True
    items = signed_in.execute(ITEMS)["data"]["items"]
    assert [item["position"] for item in items] == [1, 3]
    assert signed_in.execute(DISMISSED)["data"]["dismissedItems"] == []


def test_next_page(signed_in, user):
    list_fill(user, 12, page_size=5)
    result = signed_in.execute(NEXT_PAGE)["data"]["nextPage"]
    assert result["dismissed"] == 5
    assert result["user"]["page"] == 2
    assert len(signed_in.execute(DISMISSED)["data"]["dismissedItems"]) == 5


def test_undo(signed_in, user):
    list_fill(user, 12, page_size=5)
    signed_in.execute(NEXT_PAGE)
    result = signed_in.execute(UNDO)["data"]["undo"]
    assert result == {"ok": True, "user": {**result["user"], "page": 1}}
    assert not Item.objects.filter(state=ItemState.DISMISSED).exists()
    nothing = signed_in.execute(UNDO)
    assert error_codes(nothing) == ["CONFLICT"]
    assert nothing["data"]["undo"] is None


def test_update_settings(signed_in, user):
    list_fill(user, 12, page_size=5, working_page=2)
    result = signed_in.execute(SETTINGS, {"pageSize": 10, "language": "ru"})
    assert result["data"]["updateSettings"]["user"] == {
        "email": user.email,
        "page": 1,
        "pages": 2,
        "pageSize": 10,
        "language": "ru",
    }
    only_language = signed_in.execute(SETTINGS, {"language": "en"})
    assert only_language["data"]["updateSettings"]["user"]["pageSize"] == 10


@pytest.mark.parametrize(
    "variables",
    [{"pageSize": 4}, {"pageSize": 101}, {"language": "fr"}, {"pageSize": 10, "language": "xx"}],
)
def test_update_settings_refuses_bad_values(signed_in, user, variables):
    list_fill(user, 3)
    result = signed_in.execute(SETTINGS, variables)
    assert error_codes(result) == ["BAD_USER_INPUT"]
    user.refresh_from_db()
    assert (user.language, Notebook.objects.get(user=user).page_size) == ("en", 25)


@pytest.mark.parametrize(
    ("document", "extra"),
    [
        (COMPLETE, {}),
        (REENTER, {}),
        (RESTORE, {}),
        (EDIT, {"text": "x"}),
        (DELETE, {}),
    ],
)
def test_other_users_and_malformed_ids_are_not_found(signed_in, user, document, extra):
    other = ItemFactory(user=UserFactory(), state=ItemState.DISMISSED)
    missing = signed_in.execute(document, {"id": "987654321", **extra})
    foreign = signed_in.execute(document, {"id": str(other.id), **extra})
    malformed = signed_in.execute(document, {"id": "SXRlbTox", **extra})
    assert error_codes(missing) == error_codes(foreign) == error_codes(malformed) == ["NOT_FOUND"]
    assert missing["errors"][0]["message"] == foreign["errors"][0]["message"]
    other.refresh_from_db()
    assert (other.state, other.text, other.deleted_at) == (ItemState.DISMISSED, other.text, None)


def test_a_failed_mutation_changes_nothing(signed_in, user):
    list_fill(user, 2, states={1: ItemState.DONE})
    result = signed_in.execute(CREATE_THEN_COMPLETE, {"text": "New", "id": gid(user, 1)})
    assert error_codes(result) == ["CONFLICT"]
    assert Item.objects.filter(user=user).count() == 2
    assert Notebook.objects.get(user=user).next_position == 3
    assert not Event.objects.exists()


def test_after_a_failed_field_the_next_ones_still_run_and_nothing_is_kept(signed_in, user):
    # Several fields: each write keeps its savepoint, so the second field answers as usual.
    list_fill(user, 2, states={1: ItemState.DONE})
    result = signed_in.execute(COMPLETE_THEN_CREATE, {"text": "New", "id": gid(user, 1)})
    assert error_codes(result) == ["CONFLICT"]
    assert result["data"]["createItem"]["item"]["id"]
    assert Item.objects.filter(user=user).count() == 2
    assert Notebook.objects.get(user=user).next_position == 3
    assert not Event.objects.exists()


def _fail(*args, **kwargs):
    raise RuntimeError("failed on purpose")


@pytest.mark.parametrize(
    ("module", "name"),
    [
        # The item is inserted, then recording the event fails: the write has no savepoint of
        # its own, the whole request is rolled back.
        ("focus.services", "_record"),
        # The service has returned; reading the payload's user fails.
        ("accounts.types", "_notebook"),
    ],
    ids=["inside its write", "after its write"],
)
def test_a_mutation_that_fails_leaves_nothing_behind(signed_in, user, monkeypatch, module, name):
    list_fill(user, 2)
    monkeypatch.setattr(importlib.import_module(module), name, _fail)
    result = signed_in.execute(CREATE, {"text": "New"})
    assert error_codes(result) == ["INTERNAL_SERVER_ERROR"]
    assert Item.objects.filter(user=user).count() == 2
    assert Notebook.objects.get(user=user).next_position == 3
    assert not Event.objects.exists()


def test_sign_up_through_graphql_starts_the_list(gql):
    result = gql.execute(
        "mutation($email: String!) { requestLoginLink(email: $email) { signedIn } }",
        {"email": "fresh@example.com"},
        headers={"Accept-Language": "ru"},
    )
    assert result["data"]["requestLoginLink"]["signedIn"] is True
    items = gql.execute(ITEMS)["data"]["items"]
    assert 4 <= len(items) <= 6
    assert all(item["state"] == "ACTIVE" for item in items)
    assert "Добро пожаловать" in items[0]["text"]


def test_whole_af1_round_trip(signed_in, user):
    """A user works through a list the way the method says."""
    list_fill(user, 10, page_size=5)
    signed_in.execute(COMPLETE, {"id": gid(user, 2)})
    signed_in.execute(REENTER, {"id": gid(user, 4)})
    assert signed_in.execute(NEXT_PAGE)["data"]["nextPage"] == {
        "dismissed": 0,
        "user": {**signed_in.execute(USER)["data"]["user"]},
    }
    assert signed_in.execute(USER)["data"]["user"]["page"] == 2
    # Page 2 is not the last (the copy went to page 3): untouched, it is dismissed.
    assert signed_in.execute(NEXT_PAGE)["data"]["nextPage"]["dismissed"] == 5
    assert signed_in.execute(USER)["data"]["user"]["page"] == 3
    assert [i["position"] for i in signed_in.execute(DISMISSED)["data"]["dismissedItems"]] == [
        6,
        7,
        8,
        9,
        10,
    ]
    kinds = list(Event.objects.filter(user=user).order_by("id").values_list("kind", flat=True))
    assert kinds == [
        EventKind.COMPLETE,
        EventKind.REENTER,
        EventKind.NEXT_PAGE,
        EventKind.NEXT_PAGE,
    ]
