"""Story: the database goes away for a few seconds while Ann works. The app says the server
is busy, keeps what she did, and sends it once the database is back: nothing lost, nothing
twice, no restart. A page opened meanwhile is a friendly "busy" page."""

import contextlib

import pytest
from django.db import OperationalError

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def database_down():
    """Every SQL statement of the live server (a thread of this process) fails the way a
    lost connection does, until the block ends."""
    from django.db.backends.utils import CursorWrapper

    original = CursorWrapper.execute

    def refused(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    CursorWrapper.execute = refused  # type: ignore[method-assign]
    try:
        yield
    finally:
        CursorWrapper.execute = original  # type: ignore[method-assign]


@pytest.mark.in_process  # the database is cut inside this process
def test_changes_made_while_the_server_is_busy_are_kept_and_sent_later(app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com")
    seed(ann, 2)
    app.sign_in_as(ann)
    app.item("Task 2", page=1)

    with database_down():
        app.type_into("New task", "Buy milk")
        app.click("Add")
        app.notice("The server is busy — retrying", timeout=15)
        # Her task stays on screen, waiting to be sent.
        app.item("Buy milk", page=1)
        app.click("Done", within=app.item("Task 1", page=1))

    app.until(
        lambda d: (
            Item.objects.filter(user=ann, text="Buy milk").count() == 1
            and Item.objects.get(user=ann, position=1).state == "done"
        ),
        "the queued changes were not sent after the outage",
        timeout=30,
    )
    app.wait_without_text("The server is busy — retrying", timeout=15)
    app.settled()
    app.reload()
    assert app.item_texts(1) == ["Task 1", "Task 2", "Buy milk"]
    assert app.is_struck(app.item("Task 1", page=1))
    assert Item.objects.filter(user=ann, text="Buy milk").count() == 1


@pytest.mark.in_process  # the database is cut inside this process
def test_a_page_opened_during_an_outage_is_a_friendly_busy_page(app, make_user):
    ann = make_user("ann@example.com")
    app.sign_in_as(ann)
    with database_down():
        app.open("/")
        assert app.heading() == "The server is busy"
        assert "Nothing is lost" in app.body_text()
    # Back again: "Try again" opens her list.
    app.click("Try again")
    app.button("Nothing stands out")
