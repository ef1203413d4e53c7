"""Real parallel requests: each thread has its own client and its own database connection."""

from functools import partial

import pytest
from django.test import Client

from autofocus.testing import GraphQLClient, at_once, error_codes
from focus import services
from focus.models import Event, Item, Notebook
from focus.tests.factories import UserFactory, list_fill
from focus.tests.test_schema import CREATE, REENTER, UNDO

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def in_parallel(user, calls: list[tuple[str, dict]]) -> list[dict]:
    """Sends the calls at the same moment from as many threads, signed in as the user."""
    signed_in = GraphQLClient()
    signed_in.force_login(user)
    token = signed_in.csrf_token()
    cookies = signed_in.client.cookies
    clients = []
    for _ in calls:
        client = GraphQLClient(Client(enforce_csrf_checks=True))
        client.client.cookies = cookies
        assert client.csrf_token() == token
        clients.append(client)
    return at_once(
        [
            partial(client.execute, document, variables)
            for client, (document, variables) in zip(clients, calls, strict=True)
        ]
    )


def test_parallel_appends_all_succeed_with_distinct_positions():
    user = UserFactory()
    list_fill(user, 3)
    results = in_parallel(user, [(CREATE, {"text": f"Parallel {n}"}) for n in range(THREADS)])
    assert all("errors" not in result for result in results), results
    positions = sorted(result["data"]["createItem"]["item"]["position"] for result in results)
    assert positions == list(range(4, 4 + THREADS))
    assert Notebook.objects.get(user=user).next_position == 4 + THREADS
    assert Item.objects.filter(user=user).count() == 3 + THREADS
    assert Event.objects.filter(user=user).count() == THREADS


def test_parallel_reentries_of_one_item_succeed_once():
    user = UserFactory()
    items = list_fill(user, 3)
    results = in_parallel(user, [(REENTER, {"id": str(items[0].id)})] * 4)
    assert sorted(error_codes(result) for result in results) == [
        [],
        ["CONFLICT"],
        ["CONFLICT"],
        ["CONFLICT"],
    ]
    assert Item.objects.filter(user=user).count() == 4
    assert Item.objects.get(user=user, position=4).repeats == 1


def test_parallel_undos_take_back_different_actions():
    user = UserFactory()
    list_fill(user, 2)
    for n in range(4):
        services.item_create(user=user, text=f"Added {n}")
    results = in_parallel(user, [(UNDO, {})] * 4)
    assert all(result["data"]["undo"]["ok"] for result in results), results
    assert Item.objects.filter(user=user).count() == 2
    assert Event.objects.filter(user=user, undone_at__isnull=True).count() == 0
    assert Notebook.objects.get(user=user).next_position == 3


def test_parallel_appends_of_different_users_do_not_interfere():
    first, second = UserFactory(), UserFactory()
    list_fill(first, 1)
    list_fill(second, 1)
    in_parallel(first, [(CREATE, {"text": "a"})] * 3)
    in_parallel(second, [(CREATE, {"text": "b"})] * 3)
    for user in (first, second):
        assert sorted(Item.objects.filter(user=user).values_list("position", flat=True)) == [
            1,
            2,
            3,
            4,
        ]


def test_parallel_calls_with_one_action_id_apply_once_and_answer_alike():
    user = UserFactory()
    list_fill(user, 3)
    document = (
        "mutation Create($text: String!, $actionId: String) {"
        " createItem(text: $text, actionId: $actionId) { item { id position } } }"
    )
    results = in_parallel(
        user, [(document, {"text": "Once", "actionId": "same-id-in-parallel"})] * THREADS
    )
    assert all("errors" not in result for result in results), results
    answers = {result["data"]["createItem"]["item"]["id"] for result in results}
    assert len(answers) == 1
    assert Item.objects.filter(user=user, text="Once").count() == 1
    assert Event.objects.filter(user=user).count() == 1
    assert Notebook.objects.get(user=user).next_position == 5


def test_parallel_completes_with_one_action_id_all_succeed_once():
    user = UserFactory()
    items = list_fill(user, 3)
    document = (
        "mutation Complete($id: ID!, $actionId: String) {"
        " completeItem(id: $id, actionId: $actionId) { item { id state } } }"
    )
    calls = [(document, {"id": str(items[0].id), "actionId": "complete-in-parallel"})] * 4
    results = in_parallel(user, calls)
    assert [error_codes(result) for result in results] == [[]] * 4, results
    assert Event.objects.filter(user=user).count() == 1
