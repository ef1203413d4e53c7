"""play_month: a month of the method played through the services, at moments in the past."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from focus.models import Event, Item

pytestmark = pytest.mark.django_db


def test_a_played_month_spreads_real_actions_over_the_days_and_time_zones():
    started = timezone.now()
    call_command("play_month", users=4, days=10, seed=3, stdout=StringIO())
    people = User.objects.filter(email__endswith="@play.example")
    assert people.count() == 4
    assert len({p.time_zone for p in people}) == 4
    events = Event.objects.filter(user__in=people)
    kinds = set(events.values_list("kind", flat=True))
    assert {"create", "complete", "next_page"} <= kinds
    first, last = events.order_by("created_at").first(), events.order_by("created_at").last()
    assert first.created_at >= started - timedelta(days=10, minutes=10)
    assert last.created_at < started
    assert (last.created_at - first.created_at) > timedelta(days=1)
    # Every list is as the services left it: no position used twice.
    for person in people:
        positions = list(Item.objects.filter(user=person).values_list("position", flat=True))
        assert len(positions) == len(set(positions))


def test_playing_the_same_month_twice_is_refused():
    call_command("play_month", users=1, days=7, seed=5, stdout=StringIO())
    with pytest.raises(CommandError, match="exists already"):
        call_command("play_month", users=1, days=7, seed=5, stdout=StringIO())
