"""Action ids: every list mutation sent again with the same id applies once and answers alike."""

import pytest

from autofocus.testing import GraphQLClient, error_codes
from focus import services
from focus.actions import action_id_clean
from focus.models import Action, Event, Item, ItemState, Notebook
from focus.tests.factories import UserFactory, list_fill

pytestmark = pytest.mark.django_db

ITEM_FIELDS = "id text state repeats position page createdAt"
USER_FIELDS = "email page pages pageSize language"
ITEM_PAYLOAD = f"item {{ {ITEM_FIELDS} }} user {{ {USER_FIELDS} }}"

CREATE = f"""
mutation Create($text: String!, $actionId: String) {{
  createItem(text: $text, actionId: $actionId) {{ {ITEM_PAYLOAD} }}
}}"""
COMPLETE = f"""
mutation Complete($id: ID!, $actionId: String) {{
  completeItem(id: $id, actionId: $actionId) {{ {ITEM_PAYLOAD} }}
}}"""
REENTER = f"""
mutation Reenter($id: ID!, $actionId: String) {{
  reenterItem(id: $id, actionId: $actionId) {{ {ITEM_PAYLOAD} }}
}}"""
RESTORE = f"""
mutation Restore($id: ID!, $actionId: String) {{
  restoreItem(id: $id, actionId: $actionId) {{ {ITEM_PAYLOAD} }}
}}"""
EDIT = f"""
mutation Edit($id: ID!, $text: String!, $actionId: String) {{
  editItem(id: $id, text: $text, actionId: $actionId) {{ {ITEM_PAYLOAD} }}
}}"""
DELETE = f"""
mutation Delete($id: ID!, $actionId: String) {{
  deleteItem(id: $id, actionId: $actionId) {{ ok user {{ {USER_FIELDS} }} }}
}}"""
NEXT_PAGE = f"""
mutation Next($actionId: String) {{
  nextPage(actionId: $actionId) {{ dismissed user {{ {USER_FIELDS} }} }}
}}"""
UNDO = f"""
mutation Undo($actionId: String) {{ undo(actionId: $actionId) {{ ok user {{ {USER_FIELDS} }} }} }}
"""
SETTINGS = f"""
mutation Settings($pageSize: Int, $language: String, $actionId: String) {{
  updateSettings(pageSize: $pageSize, language: $language, actionId: $actionId) {{
    user {{ {USER_FIELDS} }}
  }}
}}"""


def gid(user, position: int) -> str:
    return str(Item.objects.get(user=user, position=position).id)


def prepare_undo(user) -> dict:
    services.item_create(user=user, text="To be undone")
    return {}


# field: (document, variables for a user whose list is ready)
MUTATIONS = {
    "createItem": (CREATE, lambda u: {"text": "New task"}),
    "completeItem": (COMPLETE, lambda u: {"id": gid(u, 3)}),
    "reenterItem": (REENTER, lambda u: {"id": gid(u, 3)}),
    "restoreItem": (RESTORE, lambda u: {"id": gid(u, 2)}),
    "editItem": (EDIT, lambda u: {"id": gid(u, 3), "text": "Other words"}),
    "deleteItem": (DELETE, lambda u: {"id": gid(u, 3)}),
    "nextPage": (NEXT_PAGE, lambda u: {}),
    "undo": (UNDO, prepare_undo),
    "updateSettings": (SETTINGS, lambda u: {"pageSize": 10, "language": "ru"}),
}


def ready_user():
    user = UserFactory()
    list_fill(user, 12, page_size=5, states={2: ItemState.DISMISSED})
    return user


def client_of(user) -> GraphQLClient:
    client = GraphQLClient()
    client.force_login(user)
    return client


def state_of(user) -> tuple:
    """Everything an action can change: the items, the notebook, the events, the language."""
    user.refresh_from_db()
    notebook = Notebook.objects.get(user=user)
    items = list(
        Item.objects.filter(user=user)
        .order_by("position")
        .values_list("position", "text", "state", "repeats", "deleted_at")
    )
    events = list(Event.objects.filter(user=user).values_list("kind", "undone_at"))
    return (
        items,
        (notebook.page_size, notebook.working_page, notebook.next_position, notebook.acted_on_page),
        events,
        user.language,
    )


@pytest.mark.parametrize("field", MUTATIONS)
def test_a_replay_answers_like_the_first_call_and_changes_nothing(field):
    document, variables = MUTATIONS[field]
    user = ready_user()
    client = client_of(user)
    values = {**variables(user), "actionId": "first-action-0001"}
    first = client.execute(document, values)
    assert "errors" not in first, first
    after_first = state_of(user)
    again = client.execute(document, values)
    assert "errors" not in again, again
    assert again["data"] == first["data"]
    assert state_of(user) == after_first
    assert Action.objects.filter(user=user).count() == 1


@pytest.mark.parametrize("field", MUTATIONS)
def test_a_replay_after_the_action_was_undone_changes_nothing(field):
    document, variables = MUTATIONS[field]
    user = ready_user()
    client = client_of(user)
    values = {**variables(user), "actionId": "undone-action_01"}
    first = client.execute(document, values)
    assert "errors" not in first, first
    if field == "undo":
        services.item_create(user=user, text="Added after the undo")
    else:
        services.action_undo(user=user)
    after_undo = state_of(user)
    again = client.execute(document, values)
    assert "errors" not in again, again
    assert state_of(user) == after_undo
    payload, first_payload = again["data"][field], first["data"][field]
    if "item" in payload:
        assert payload["item"]["id"] == first_payload["item"]["id"]
    if "dismissed" in payload:
        assert payload["dismissed"] == first_payload["dismissed"]
    if "ok" in payload:
        assert payload["ok"] is True


def test_a_replayed_create_that_was_undone_answers_with_the_item_it_created():
    user = ready_user()
    client = client_of(user)
    values = {"text": "Gone again", "actionId": "create-then-undo"}
    first = client.execute(CREATE, values)["data"]["createItem"]["item"]
    services.action_undo(user=user)
    again = client.execute(CREATE, values)["data"]["createItem"]["item"]
    assert again == first
    assert not Item.objects.filter(user=user, text="Gone again").exists()


def test_a_replayed_complete_answers_with_the_item_as_it_is_now():
    user = ready_user()
    client = client_of(user)
    values = {"id": gid(user, 3), "actionId": "complete-edited"}
    client.execute(COMPLETE, values)
    Item.objects.filter(user=user, position=3).update(text="Renamed since")
    again = client.execute(COMPLETE, values)["data"]["completeItem"]["item"]
    assert (again["text"], again["state"]) == ("Renamed since", "DONE")


def test_a_call_that_fails_after_its_write_records_no_id_and_a_retry_applies(monkeypatch):
    # The item and the id are written, then the payload fails: the request is rolled back
    # whole, so the retry with the same id applies the action (once) instead of replaying.
    from accounts import types

    user = ready_user()
    client = client_of(user)
    before = state_of(user)
    values = {"text": "Sent twice", "actionId": "fails-after-write"}
    with monkeypatch.context() as patched:
        patched.setattr(types, "_notebook", lambda user: 1 / 0)
        failed = client.execute(CREATE, values)
    assert error_codes(failed) == ["INTERNAL_SERVER_ERROR"]
    assert state_of(user) == before
    assert not Action.objects.exists()
    retried = client.execute(CREATE, values)
    assert "errors" not in retried, retried
    assert Item.objects.filter(user=user, text="Sent twice").count() == 1
    assert Action.objects.filter(user=user).count() == 1


@pytest.mark.parametrize("field", MUTATIONS)
def test_the_same_id_from_another_user_is_unrelated(field):
    document, variables = MUTATIONS[field]
    ann, bob = ready_user(), ready_user()
    shared = "shared-action-id"
    assert "errors" not in client_of(ann).execute(document, {**variables(ann), "actionId": shared})
    before = state_of(bob)
    result = client_of(bob).execute(document, {**variables(bob), "actionId": shared})
    assert "errors" not in result, result
    assert state_of(bob) != before
    assert Action.objects.filter(action_id=shared).count() == 2


@pytest.mark.parametrize("field", ["createItem", "nextPage"])  # the repeatable ones
def test_without_an_id_every_call_applies(field):
    document, variables = MUTATIONS[field]
    user = ready_user()
    client = client_of(user)
    values = variables(user)
    client.execute(document, values)
    after_first = state_of(user)
    client.execute(document, values)
    assert state_of(user) != after_first
    assert not Action.objects.exists()


BAD_IDS = ["short", "x" * 65, "has space 123", "ünïcode-id", "semi;colon12", ""]


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("field", MUTATIONS)
def test_a_malformed_id_is_bad_user_input_and_applies_nothing(field, bad):
    document, variables = MUTATIONS[field]
    user = ready_user()
    values = {**variables(user), "actionId": bad}
    before = state_of(user)
    result = client_of(user).execute(document, values)
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert result["errors"][0]["extensions"]["field"] == "actionId"
    assert state_of(user) == before


def test_an_id_used_by_another_mutation_is_bad_user_input():
    user = ready_user()
    client = client_of(user)
    client.execute(CREATE, {"text": "First", "actionId": "reused-action-id"})
    before = state_of(user)
    result = client.execute(COMPLETE, {"id": gid(user, 3), "actionId": "reused-action-id"})
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert state_of(user) == before


def test_a_refused_action_records_no_id_so_a_later_call_may_apply():
    user = ready_user()
    client = client_of(user)
    Item.objects.filter(user=user, position=3).update(state=ItemState.DONE)
    values = {"id": gid(user, 3), "actionId": "refused-action"}
    assert error_codes(client.execute(COMPLETE, values)) == ["CONFLICT"]
    assert not Action.objects.exists()
    Item.objects.filter(user=user, position=3).update(state=ItemState.ACTIVE)
    assert "errors" not in client.execute(COMPLETE, values)


@pytest.mark.parametrize("good", ["abcdefgh", "A" * 64, "0123-4567_89ab"])
def test_ids_of_8_to_64_letters_digits_dashes_and_underscores_are_accepted(good):
    assert action_id_clean(good) == good
