import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autofocus.errors import BadUserInput
from focus.models import Item, ItemState
from focus.selectors import dismissed_items, first_active_position, items_for_page, notebook_of
from focus.tests.factories import ItemFactory, UserFactory, list_fill

pytestmark = pytest.mark.django_db

D, X = ItemState.DONE, ItemState.DISMISSED


def positions(items) -> list[int]:
    return [item.position for item in items]


def test_items_default_to_the_working_page(user):
    list_fill(user, 12, page_size=5, working_page=2)
    assert positions(items_for_page(user=user)) == [6, 7, 8, 9, 10]


def test_items_of_a_page_in_position_order_with_every_state(user):
    list_fill(user, 12, page_size=5, states={11: D, 12: X})
    items = items_for_page(user=user, page=3)
    assert positions(items) == [11, 12]
    assert [item.state for item in items] == [D, X]


def test_items_leave_out_deleted_items_and_other_users(user):
    list_fill(user, 5, page_size=5)
    ItemFactory()  # another user's item at position 1
    Item.objects.filter(user=user, position=3).update(deleted_at="2024-01-01T00:00:00Z")
    assert positions(items_for_page(user=user, page=1)) == [1, 2, 4, 5]


def test_a_page_past_the_last_is_empty(user):
    list_fill(user, 12, page_size=5)
    assert items_for_page(user=user, page=4) == []
    assert items_for_page(user=user, page=10**9) == []


@pytest.mark.parametrize("page", [0, -1])
def test_a_page_below_one_is_bad_input(user, page):
    with pytest.raises(BadUserInput):
        items_for_page(user=user, page=page)


def test_an_account_without_a_list_has_one_empty_page(user):
    assert items_for_page(user=user) == []
    nb = notebook_of(user=user)
    assert (nb.working_page, nb.pages, nb.page_size) == (1, 1, 25)


def test_page_read_is_a_range_query_without_offset(user):
    list_fill(user, 60, page_size=10)
    notebook_of(user=user)
    with CaptureQueriesContext(connection) as queries:
        items = items_for_page(user=user, page=4)
    assert positions(items) == list(range(31, 41))
    assert len(queries) == 1
    sql = queries[0]["sql"].upper()
    assert "OFFSET" not in sql
    assert '"POSITION" >= 31' in sql and '"POSITION" <= 40' in sql


def test_page_read_uses_the_user_position_index(user):
    list_fill(user, 300, page_size=10)
    list_fill(UserFactory(), 300)
    sql, params = (
        Item.objects.filter(user=user, position__gte=31, position__lte=40, deleted_at__isnull=True)
        .order_by("position")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE focus_item")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "focus_item_user_position" in plan, plan
            assert '"position" >= 31' in plan and '"position" <= 40' in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "USING INDEX" in plan and "position>? AND position<?" in plan, plan
        assert "SCAN" not in plan.replace("Index Scan", "").replace("Index Only Scan", ""), plan


def test_dismissed_items_in_position_order(user):
    list_fill(user, 12, page_size=5, states={9: X, 2: X, 3: D, 5: X})
    Item.objects.filter(user=user, position=5).update(deleted_at="2024-01-01T00:00:00Z")
    ItemFactory(state=X)
    assert positions(dismissed_items(user=user)) == [2, 9]


def test_first_active_position(user):
    list_fill(user, 6, states={1: D, 2: X, 4: D})
    assert first_active_position(user=user, start=1) == 3
    assert first_active_position(user=user, start=4) == 5
    assert first_active_position(user=user, start=7) is None
    assert first_active_position(user=UserFactory(), start=1) is None


def test_first_active_position_walks_the_index_of_open_items(user):
    # Most of a long list is worked through: the search must not read those rows.
    list_fill(user, 3000, states={p: D for p in range(1, 2900)})
    list_fill(UserFactory(), 500)
    sql, params = (
        Item.objects.filter(
            user=user, state=ItemState.ACTIVE, deleted_at__isnull=True, position__gte=1
        )
        .order_by("position")
        .values_list("position", flat=True)[:1]
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE focus_item")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "focus_item_active_idx" in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "focus_item_active_idx" in plan, plan
