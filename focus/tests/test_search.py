"""Search: case-insensitive substring match in any script, on SQLite and PostgreSQL alike."""

import pytest

from autofocus.testing import error_codes
from focus import selectors, services
from focus.models import Item, ItemState
from focus.tests.factories import ItemFactory, UserFactory, list_fill

pytestmark = pytest.mark.django_db

SEARCH = """
query Search($query: String!, $first: Int) {
  searchItems(query: $query, first: $first) { id text state position page }
}"""


def found(user, query: str, first: int = 50) -> list[str]:
    return [item.text for item in selectors.items_search(user=user, query=query, first=first)]


def test_cyrillic_is_matched_whatever_the_case(user):
    services.item_create(user=user, text="Позвонить маме")
    services.item_create(user=user, text="ЁЛКА на Новый год")
    services.item_create(user=user, text="Buy MILK")
    assert found(user, "МАМЕ") == ["Позвонить маме"]
    assert found(user, "мАмЕ") == ["Позвонить маме"]
    assert found(user, "ёлка") == ["ЁЛКА на Новый год"]
    assert found(user, "milk") == ["Buy MILK"]
    assert found(user, "  milk ") == ["Buy MILK"]


def test_a_plain_substring_with_like_wildcards_taken_literally(user):
    for text in ("100% done", "100 done", "snake_case", "snakeXcase"):
        services.item_create(user=user, text=text)
    assert found(user, "100%") == ["100% done"]
    assert found(user, "e_c") == ["snake_case"]


def test_edits_and_undone_edits_are_found_by_their_current_text(user):
    item = services.item_create(user=user, text="Old wording")
    services.item_edit(user=user, item_id=item.pk, text="НОВЫЙ текст")
    assert found(user, "новый") == ["НОВЫЙ текст"]
    assert found(user, "old") == []
    services.action_undo(user=user)
    assert found(user, "old") == ["Old wording"]
    assert found(user, "новый") == []


def test_every_state_but_deleted_in_position_order_only_the_users(user):
    list_fill(user, 6, states={2: ItemState.DONE, 3: ItemState.REENTERED, 4: ItemState.DISMISSED})
    services.item_delete(user=user, item_id=Item.objects.get(user=user, position=5).pk)
    ItemFactory(text="Task 1 of someone else")
    assert found(user, "task") == ["Task 1", "Task 2", "Task 3", "Task 4", "Task 6"]


def test_first_limits_the_results_and_is_bounded(user):
    list_fill(user, 30)
    assert len(found(user, "task", first=7)) == 7
    with pytest.raises(Exception, match="between 1 and 200"):
        selectors.items_search(user=user, query="task", first=201)


def test_a_blank_query_finds_nothing(user):
    list_fill(user, 3)
    assert found(user, "   ") == []


def test_search_items_gives_each_result_its_page(signed_in, user):
    list_fill(user, 12, page_size=5)
    services.item_edit(user=user, item_id=Item.objects.get(user=user, position=8).pk, text="Ёжик")
    result = signed_in.execute(SEARCH, {"query": "ЁЖИК"})
    assert result["data"]["searchItems"] == [
        {
            "id": str(Item.objects.get(user=user, position=8).pk),
            "text": "Ёжик",
            "state": "ACTIVE",
            "position": 8,
            "page": 2,
        }
    ]
    assert error_codes(signed_in.execute(SEARCH, {"query": "x", "first": 0})) == ["BAD_USER_INPUT"]


def test_signed_out_search_is_refused(gql):
    ItemFactory(text="secret")
    assert error_codes(gql.execute(SEARCH, {"query": "secret"})) == ["UNAUTHENTICATED"]


def test_the_onboarding_items_are_searchable(db):
    from focus.services import list_start

    user = UserFactory(language="ru")
    list_start(user=user)
    assert found(user, "ОТМЕНИТЬ")


def test_search_reads_through_its_index(user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    list_fill(user, 30)
    with CaptureQueriesContext(connection) as captured:
        selectors.items_search(user=user, query="Task 2")
    sql = captured.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Only the user's rows are read, through the (user, position) index.
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "USING INDEX sqlite_autoindex_focus_item_1 (user_id=?)" in plan, plan
            return
        else:
            # The search's own predicate; on a table this small the planner rightly reads the
            # user's rows instead, so show that the trigram index can serve the predicate.
            assert '"focus_item"."text_folded"::text LIKE \'%task 2%\'' in sql, sql
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM focus_item "
                "WHERE deleted_at IS NULL AND text_folded LIKE '%task 2%'"
            )
            plan = " ".join(row[0] for row in cursor.fetchall())
    assert "focus_item_search_idx" in plan, plan
