"""Story: two people use Autofocus side by side and never see or touch each other's tasks."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)

COMPLETE = "mutation Complete($id: ID!) { completeItem(id: $id) { item { id state } } }"
EDIT = "mutation Edit($id: ID!, $text: String!) { editItem(id: $id, text: $text) { item { id } } }"
DELETE = "mutation Delete($id: ID!) { deleteItem(id: $id) { ok } }"


def error_codes(answer: dict) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in answer.get("errors", [])]


def test_two_users_see_only_their_own_tasks(app, other_app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com")
    bob = make_user("bob@example.com")
    seed(ann, 2, prefix="Ann's task")
    bob_items = seed(bob, 2, prefix="Bob's secret")

    app.sign_in_as(ann)
    other_app.sign_in_as(bob)

    app.item("Ann's task 1", page=1)
    other_app.item("Bob's secret 1", page=1)
    assert app.item_texts(1) == ["Ann's task 1", "Ann's task 2"]
    assert other_app.item_texts(1) == ["Bob's secret 1", "Bob's secret 2"]
    assert "Bob's secret" not in app.body_text()
    assert "Ann's task" not in other_app.body_text()

    # Ann adds a task; Bob, reloading, still sees only his own.
    app.add_task("Ann's new task")
    other_app.reload()
    other_app.item("Bob's secret 2", page=1)
    assert "Ann's new task" not in other_app.body_text()

    # Ann tries Bob's item ids through the API with her own session: they do not exist for her.
    target = bob_items[0]
    assert error_codes(app.graphql(COMPLETE, {"id": str(target.pk)})) == ["NOT_FOUND"]
    assert error_codes(app.graphql(EDIT, {"id": str(target.pk), "text": "hacked"})) == ["NOT_FOUND"]
    assert error_codes(app.graphql(DELETE, {"id": str(target.pk)})) == ["NOT_FOUND"]
    # Her own items answer normally, so the requests themselves were well formed.
    own = Item.objects.get(user=ann, text="Ann's task 1")
    answer = app.graphql(COMPLETE, {"id": str(own.pk)})
    assert answer.get("errors") is None, answer
    assert answer["data"]["completeItem"]["item"]["state"] == "DONE"

    target.refresh_from_db()
    assert (target.text, target.state, target.deleted_at) == ("Bob's secret 1", "active", None)
    other_app.reload()
    item = other_app.item("Bob's secret 1", page=1)
    assert not other_app.is_struck(item)
