"""The person's statistics: days in their own time zone, live from the list and its events."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autofocus.errors import BadUserInput
from autofocus.testing import GraphQLClient
from focus import services
from focus.selectors import stats_for
from focus.tests.factories import UserFactory, list_fill

pytestmark = pytest.mark.django_db

STATS = """
query Stats($days: Int) {
  stats(days: $days) {
    days { date created completed reentered dismissed }
    openItems dismissedWaiting oldestOpenDays medianDaysToDone firstPassSuccessRate timeZone
  }
}
"""


def at(text: str):
    """Travel to a UTC moment, with the clock standing still."""
    return time_machine.travel(datetime.fromisoformat(text).replace(tzinfo=UTC), tick=False)


def day_rows(stats) -> dict[date, tuple[int, int, int, int]]:
    return {
        d.date: (d.created, d.completed, d.reentered, d.dismissed)
        for d in stats.days
        if (d.created, d.completed, d.reentered, d.dismissed) != (0, 0, 0, 0)
    }


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("UTC", date(2026, 3, 10)),
        ("Asia/Tokyo", date(2026, 3, 11)),
        ("America/Lima", date(2026, 3, 10)),
    ],
)
def test_days_are_counted_in_the_persons_time_zone(zone, day):
    user = UserFactory(time_zone=zone)
    with at("2026-03-10T23:30:00"):  # 08:30 the next morning in Tokyo, 18:30 in Lima
        item = services.item_create(user=user, text="Call the bank")
        services.item_complete(user=user, item_id=item.id)
    with at("2026-03-11T12:00:00"):
        stats = stats_for(user=user, days=3)
    assert day_rows(stats) == {day: (1, 1, 0, 0)}
    assert stats.time_zone == zone


def test_every_day_of_the_period_has_a_row_oldest_first(user):
    with at("2026-03-11T12:00:00"):
        stats = stats_for(user=user, days=30)
    assert len(stats.days) == 30
    assert stats.days[0].date == date(2026, 2, 10)
    assert stats.days[-1].date == date(2026, 3, 11)


def test_undone_actions_do_not_count(user):
    with at("2026-03-11T09:00:00"):
        item = services.item_create(user=user, text="Water the plants")
        services.item_reenter(user=user, item_id=item.id)
        services.action_undo(user=user)
        stats = stats_for(user=user, days=1)
    assert day_rows(stats) == {date(2026, 3, 11): (1, 0, 0, 0)}


def test_actions_before_the_period_are_left_out(user):
    with at("2026-03-01T09:00:00"):
        services.item_create(user=user, text="Old")
    with at("2026-03-11T09:00:00"):
        services.item_create(user=user, text="New")
        stats = stats_for(user=user, days=7)
    assert day_rows(stats) == {date(2026, 3, 11): (1, 0, 0, 0)}


def test_dismissals_count_the_tasks_a_page_pass_dismissed(user):
    list_fill(user, 8, page_size=5)
    with at("2026-03-11T09:00:00"):
        assert services.page_next(user=user) == 5
        stats = stats_for(user=user, days=1)
    assert day_rows(stats) == {date(2026, 3, 11): (0, 0, 0, 5)}
    assert stats.dismissed_waiting == 5
    assert stats.open_items == 3


def test_first_pass_success_rate_is_the_share_of_passes_that_found_something(user):
    items = list_fill(user, 20, page_size=5)
    with at("2026-03-11T09:00:00"):
        services.item_complete(user=user, item_id=items[0].id)
        services.page_next(user=user)  # found something on page 1
        services.page_next(user=user)  # page 2: nothing, dismissed
        services.page_next(user=user)  # page 3: nothing, dismissed
        services.item_complete(user=user, item_id=items[15].id)
        services.page_next(user=user)  # found something on page 4
        stats = stats_for(user=user, days=1)
    assert stats.first_pass_success_rate == 0.5


def test_figures_are_null_when_there_is_nothing_to_measure(user):
    stats = stats_for(user=user, days=30)
    assert stats.first_pass_success_rate is None
    assert stats.median_days_to_done is None
    assert stats.oldest_open_days is None
    assert stats.open_items == 0


def test_oldest_open_days_and_median_days_to_done(user):
    user.time_zone = "Europe/Berlin"
    with at("2026-02-01T10:00:00"):
        first = services.item_create(user=user, text="Oldest, still open")
        a = services.item_create(user=user, text="Done after 2 days")
        b = services.item_create(user=user, text="Done after 10 days")
        c = services.item_create(user=user, text="Done after 4 days")
    with at("2026-02-03T10:00:00"):
        services.item_complete(user=user, item_id=a.id)
    with at("2026-02-05T10:00:00"):
        services.item_complete(user=user, item_id=c.id)
    with at("2026-02-11T10:00:00"):
        services.item_complete(user=user, item_id=b.id)
    with at("2026-03-14T08:00:00"):
        stats = stats_for(user=user, days=60)
    assert first.state == "active"
    assert stats.oldest_open_days == 41
    assert stats.median_days_to_done == 4.0
    assert stats.open_items == 1


def test_only_the_persons_own_actions_count(user):
    other = UserFactory()
    with at("2026-03-11T09:00:00"):
        services.item_create(user=other, text="Not yours")
        stats = stats_for(user=user, days=1)
    assert day_rows(stats) == {}
    assert stats.open_items == 0


@pytest.mark.parametrize("days", [0, 367, -5])
def test_days_out_of_range_are_refused(user, days):
    with pytest.raises(BadUserInput):
        stats_for(user=user, days=days)


@pytest.mark.parametrize("length", [10, 600])
def test_three_statements_whatever_the_lists_length(user, length):
    items = list_fill(user, length, page_size=5)
    for item in items[:: max(1, length // 20)]:
        services.item_complete(user=user, item_id=item.id)
    services.page_next(user=user)
    with CaptureQueriesContext(connection) as queries:
        stats_for(user=user, days=366)
    assert len(queries) == 3


def test_stats_query_returns_the_days_and_figures(signed_in, user):
    with at("2026-03-11T09:00:00"):
        item = services.item_create(user=user, text="Pay rent")
        services.item_complete(user=user, item_id=item.id)
        result = signed_in.execute(STATS, {"days": 2})
    stats = result["data"]["stats"]
    assert stats["days"] == [
        {"date": "2026-03-10", "created": 0, "completed": 0, "reentered": 0, "dismissed": 0},
        {"date": "2026-03-11", "created": 1, "completed": 1, "reentered": 0, "dismissed": 0},
    ]
    assert stats["openItems"] == 0
    assert stats["medianDaysToDone"] == 0.0
    assert stats["timeZone"] == "UTC"


def test_stats_query_defaults_to_30_days(signed_in):
    result = signed_in.execute(STATS)
    assert len(result["data"]["stats"]["days"]) == 30


def test_stats_query_refuses_367_days_with_bad_user_input(signed_in):
    result = signed_in.execute(STATS, {"days": 367})
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_stats_need_a_signed_in_person():
    result = GraphQLClient().execute(STATS)
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_yesterday_in_the_persons_zone_is_a_row_of_its_own(user):
    user.time_zone = "Pacific/Auckland"
    with at("2026-03-10T10:30:00"):  # 23:30 on the 10th in Auckland
        services.item_create(user=user, text="Late")
    with at("2026-03-10T11:30:00"):  # 00:30 on the 11th
        services.item_create(user=user, text="Early")
        stats = stats_for(user=user, days=2)
    assert day_rows(stats) == {
        date(2026, 3, 10): (1, 0, 0, 0),
        date(2026, 3, 11): (1, 0, 0, 0),
    }
    assert stats.days[-1].date - stats.days[0].date == timedelta(days=1)


def test_days_follow_a_change_to_summer_time_within_the_period():
    user = UserFactory(time_zone="Europe/Berlin")  # +01:00, then +02:00 from 29 March 01:00 UTC
    for moment in (
        "2026-03-27T23:30:00",  # 28 March, 00:30 local (+1)
        "2026-03-29T21:30:00",  # 29 March, 23:30 local (+2)
        "2026-03-29T22:30:00",  # 30 March, 00:30 local (+2)
    ):
        with at(moment):
            services.item_create(user=user, text="Task")
    with at("2026-03-30T12:00:00"):
        stats = stats_for(user=user, days=5)
    assert day_rows(stats) == {
        date(2026, 3, 28): (1, 0, 0, 0),
        date(2026, 3, 29): (1, 0, 0, 0),
        date(2026, 3, 30): (1, 0, 0, 0),
    }


def test_an_imports_tasks_count_as_added_on_its_day_until_it_is_undone(user):
    with at("2026-03-11T09:00:00"):
        services.item_create(user=user, text="Typed by hand")
        services.items_import(user=user, data="Pay rent\nCall mum\nFix bike\n", format="TEXT")
        assert day_rows(stats_for(user=user, days=1)) == {date(2026, 3, 11): (4, 0, 0, 0)}
        services.action_undo(user=user)
        assert day_rows(stats_for(user=user, days=1)) == {date(2026, 3, 11): (1, 0, 0, 0)}
