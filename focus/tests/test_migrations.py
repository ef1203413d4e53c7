"""Migrations that move data: the rows they leave behind."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from focus import services
from focus.models import Event, EventKind
from focus.tests.factories import UserFactory

BEFORE = [("focus", "0005_event_user_time_index")]


@pytest.mark.django_db(transaction=True)
def test_earlier_imports_learn_how_many_tasks_they_added():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Notebook = old.get_model("focus", "Notebook")
    OldEvent = old.get_model("focus", "Event")
    person = UserFactory().pk  # accounts stays migrated: only focus steps back
    Notebook.objects.create(user_id=person, page_size=25, working_page=1, next_position=9)

    def event(kind: str, prev_next_position: int) -> int:
        return OldEvent.objects.create(
            user_id=person,
            kind=kind,
            prev_working_page=1,
            prev_page_size=25,
            prev_next_position=prev_next_position,
            prev_acted_on_page=False,
        ).id

    first = event("import", 1)  # positions 1-3
    event("create", 4)  # position 4
    latest = event("import", 5)  # positions 5-8, the person's last action

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    counts = dict(Event.objects.filter(kind=EventKind.IMPORT).values_list("id", "item_count"))
    assert counts == {first: 3, latest: 4}


@pytest.mark.django_db
def test_only_an_import_can_carry_a_task_count():
    user = UserFactory()
    item = services.item_create(user=user, text="One")
    event = Event.objects.get(item=item)
    event.item_count = 2
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
