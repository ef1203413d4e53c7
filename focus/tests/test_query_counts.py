"""Every query and mutation runs a fixed number of SQL statements, whatever the page size and
the length of the list."""

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autofocus.testing import GraphQLClient
from focus import services
from focus.models import Item, ItemState
from focus.tests import test_actions
from focus.tests.factories import UserFactory, list_fill
from focus.tests.test_schema import (
    COMPLETE,
    CREATE,
    DELETE,
    DISMISSED,
    EDIT,
    ITEMS,
    NEXT_PAGE,
    REENTER,
    RESTORE,
    SETTINGS,
    UNDO,
    USER,
)

pytestmark = pytest.mark.django_db

# (page size, list length): a small list, and a long one with the largest pages.
SIZES = [(5, 12), (100, 2500)]


def item_id(user, position: int) -> str:
    return str(Item.objects.get(user=user, position=position).id)


def last_on_page(user, size: int) -> str:
    """Leaves only the last item of page 1 open, so completing it moves the working page."""
    Item.objects.filter(user=user, position__lt=size).update(state=ItemState.DONE)
    return item_id(user, size)


def next_page_done(user, size: int) -> None:
    services.page_next(user=user)


# name: (document, variables(user, size), preparation(user, size) or None, max queries).
# A mutation of one field makes no savepoint for its write (autofocus.transactions); here,
# inside the test's transaction, the request's own transaction is one SAVEPOINT and RELEASE.
OPERATIONS = {
    "user": (USER, lambda u, s: {}, None, 3),
    "items": (ITEMS, lambda u, s: {}, None, 4),
    "items_page": (ITEMS, lambda u, s: {"page": 3}, None, 4),
    "dismissed": (DISMISSED, lambda u, s: {}, None, 4),
    "create": (CREATE, lambda u, s: {"text": "New"}, None, 9),
    "complete": (COMPLETE, lambda u, s: {"id": item_id(u, 3)}, None, 10),
    "complete_moving_on": (COMPLETE, lambda u, s: {"id": last_on_page(u, s)}, None, 10),
    "reenter": (REENTER, lambda u, s: {"id": item_id(u, 3)}, None, 11),
    "restore": (RESTORE, lambda u, s: {"id": item_id(u, 2)}, None, 11),
    "edit": (EDIT, lambda u, s: {"id": item_id(u, 3), "text": "Other"}, None, 8),
    "delete": (DELETE, lambda u, s: {"id": item_id(u, 3)}, None, 10),
    "next_page": (NEXT_PAGE, lambda u, s: {}, None, 10),
    "undo_next_page": (UNDO, lambda u, s: {}, next_page_done, 9),
    "update_settings": (SETTINGS, lambda u, s: {"pageSize": 50, "language": "ru"}, None, 9),
}


# The same mutations with an action id: looking the id up, the savepoint before the action
# (never released in a one-field mutation: COMMIT releases it) and recording the id add a
# fixed number of statements.
WITH_ID = {
    "create": test_actions.CREATE,
    "complete": test_actions.COMPLETE,
    "complete_moving_on": test_actions.COMPLETE,
    "reenter": test_actions.REENTER,
    "restore": test_actions.RESTORE,
    "edit": test_actions.EDIT,
    "delete": test_actions.DELETE,
    "next_page": test_actions.NEXT_PAGE,
    "undo_next_page": test_actions.UNDO,
    "update_settings": test_actions.SETTINGS,
}
ACTION_ID_QUERIES = 3


def run(
    operation: str, size: int, length: int, django_assert_max_num_queries, action_id: str = ""
) -> int:
    document, variables, prepare, limit = OPERATIONS[operation]
    if action_id:
        document, limit = WITH_ID[operation], limit + ACTION_ID_QUERIES
    user = UserFactory()
    list_fill(user, length, page_size=size, states={2: ItemState.DISMISSED})
    if prepare:
        prepare(user, size)
    client = GraphQLClient()
    client.force_login(user)
    client.csrf_token()
    values: dict[str, Any] = variables(user, size)  # type: ignore[assignment]
    if action_id:
        values["actionId"] = action_id
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(limit):
        result = client.execute(document, values)
    assert "errors" not in result, result
    return len(queries)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation_runs_a_constant_number_of_queries(operation, django_assert_max_num_queries):
    counts = [run(operation, size, length, django_assert_max_num_queries) for size, length in SIZES]
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("operation", WITH_ID)
def test_operation_with_an_action_id_runs_a_constant_number_of_queries(
    operation, django_assert_max_num_queries
):
    counts = [
        run(operation, size, length, django_assert_max_num_queries, action_id=f"count-{size}-id")
        for size, length in SIZES
    ]
    assert counts[0] == counts[1], counts


def test_next_page_on_a_long_list_dismisses_a_whole_page_at_once(django_assert_max_num_queries):
    # The long list's page holds 99 open items: dismissing them is still two statements.
    run("next_page", 100, 2500, django_assert_max_num_queries)
    assert Item.objects.filter(state=ItemState.DISMISSED).count() == 100


def _from_the_lock(sql: list[str]) -> list[str]:
    """The statements from the one that locks the notebook (FOR UPDATE on PostgreSQL; on
    SQLite the transaction holds the database) to the end, as their verb and first table."""
    start = next(i for i, text in enumerate(sql) if 'FROM "focus_notebook"' in text)
    return [" ".join(re.findall(r'^\w+|"\w+"', text)[:2]) for text in sql[start:]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action_id", [False, True])
@pytest.mark.parametrize("operation", ["create", "complete"])
def test_a_mutation_holds_the_lock_for_its_service_statements_alone(operation, action_id):
    """Between locking the notebook and the end of the request, a one-field mutation runs
    exactly the statements of its service called on its own (the benchmark's write floor),
    and with an action id the id's record: no RELEASE of a savepoint, nothing read for its
    answer, then the COMMIT."""
    user = UserFactory()
    list_fill(user, 12, page_size=5)
    client = GraphQLClient()
    client.force_login(user)
    client.csrf_token()
    document, variables, _, _ = OPERATIONS[operation]
    values: dict[str, Any] = variables(user, 5)  # type: ignore[assignment]
    if action_id:
        document, values["actionId"] = WITH_ID[operation], "held-lock-id"
    with CaptureQueriesContext(connection) as mutation:
        result = client.execute(document, values)
    assert "errors" not in result, result
    with CaptureQueriesContext(connection) as service:
        if operation == "create":
            services.item_create(user=user, text="New")
        else:
            services.item_complete(user=user, item_id=item_id(user, 4))
    sql = [query["sql"] for query in mutation.captured_queries]
    alone = _from_the_lock([query["sql"] for query in service.captured_queries])
    if action_id:
        alone.insert(-1, 'INSERT "focus_action"')
    assert _from_the_lock(sql) == alone
