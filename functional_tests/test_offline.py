"""Story: Ann works on a train. The network drops; she adds three tasks, completes one and
even reloads the page; nothing is lost, and the server gets each change once, in order."""

import pytest
from selenium.common.exceptions import NoAlertPresentException

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)

RECONNECT_TIMEOUT = 40  # retries back off up to 15 s between attempts


def accept_leave_warning(app) -> None:
    """Reloading with changes not saved asks "Leave site?": Ann leaves."""
    try:
        app.driver.switch_to.alert.accept()
    except NoAlertPresentException:
        pass


def test_changes_made_offline_survive_a_reload_and_reach_the_server_once_in_order(app, make_user):
    from focus.models import Event, Item

    ann = make_user("ann@example.com")
    seed(ann, 2, prefix="Existing task")
    app.sign_in_as(ann)
    app.item("Existing task 2", page=1)
    # The app is installed (its service worker controls the page) and has kept the list.
    app.until(
        lambda d: d.execute_script("return !!navigator.serviceWorker.controller"),
        "no service worker controls the page",
        timeout=20,
    )
    app.until(lambda d: "Existing task 2" in app.stored_text(), "the offline copy was not kept")

    app.set_offline(True)
    for n in (1, 2, 3):
        app.type_into("New task", f"Offline task {n}")
        app.click("Add")
        app.item(f"Offline task {n}", page=1)
    app.click("Done", within=app.item("Existing task 1", page=1))
    app.until(lambda d: app.is_struck(app.item("Existing task 1", page=1)))
    app.notice("4 changes wait to be saved")
    # Written to IndexedDB within milliseconds of each click.
    app.until(lambda d: len(app.pending_outbox()) == 4, "the outbox does not hold 4 changes")
    assert not Item.objects.filter(text__startswith="Offline task").exists()

    app.driver.execute_script("window.beforeReload = true")
    app.driver.refresh()
    accept_leave_warning(app)
    app.until(lambda d: d.execute_script("return window.beforeReload === undefined"))
    # Still offline after the reload: the same list, the four changes still pending.
    app.item("Offline task 3", page=1, timeout=20)
    assert app.item_texts(1) == [
        "Existing task 1",
        "Existing task 2",
        "Offline task 1",
        "Offline task 2",
        "Offline task 3",
    ]
    assert app.is_struck(app.item("Existing task 1", page=1))
    app.notice("4 changes wait to be saved", timeout=20)
    assert not Item.objects.filter(text__startswith="Offline task").exists()

    app.set_offline(False)
    app.until(
        lambda d: (
            not app.pending_outbox() and not app.present("//*[@role='status'][contains(., 'wait')]")
        ),
        "the changes were not sent after reconnecting",
        timeout=RECONNECT_TIMEOUT,
    )
    app.settled()
    items = list(Item.objects.filter(user=ann).order_by("position").values_list("text", "state"))
    assert items == [
        ("Existing task 1", "done"),
        ("Existing task 2", "active"),
        ("Offline task 1", "active"),
        ("Offline task 2", "active"),
        ("Offline task 3", "active"),
    ]
    kinds = list(Event.objects.filter(user=ann).order_by("id").values_list("kind", flat=True))
    assert kinds[2:] == ["create", "create", "create", "complete"]
    app.reload()
    app.item("Offline task 3", page=1)
    assert app.item_texts(1) == [text for text, _ in items]
    assert app.is_struck(app.item("Existing task 1", page=1))
