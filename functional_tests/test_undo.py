"""Story: whatever Ann just did, Undo puts the list back as it was before."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def server_has(app, condition, message: str) -> None:
    """Undo takes back the last action the server has, so each step waits for the server."""
    app.until(lambda d: condition(), message)
    app.settled()


def undo(app) -> None:
    from focus.models import Event

    undone = Event.objects.filter(undone_at__isnull=False).count()
    app.click("Undo")
    app.until(
        lambda d: Event.objects.filter(undone_at__isnull=False).count() == undone + 1,
        "Undo did not reach the server",
    )
    app.notice("Undone.")


def test_undo_takes_back_adding_completing_re_entering_and_editing(app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 4)
    app.sign_in_as(ann)
    app.item("Task 1", page=1)

    # Adding
    app.add_task("Buy milk")
    app.item("Buy milk", page=1)
    app.settled()
    undo(app)
    app.gone(app.page_list_xpath(1) + "/li[contains(., 'Buy milk')]", "Buy milk")
    assert not Item.objects.filter(user=ann, text="Buy milk").exists()

    # Completing
    app.click("Done", within=app.item("Task 1", page=1))
    app.until(lambda d: app.is_struck(app.item("Task 1", page=1)), "Task 1 not crossed out")
    server_has(app, lambda: Item.objects.get(user=ann, position=1).state == "done", "not done")
    undo(app)
    app.until(lambda d: not app.is_struck(app.item("Task 1", page=1)), "Task 1 still crossed out")
    app.button("Done", within=app.item("Task 1", page=1))
    assert Item.objects.get(user=ann, position=1).state == "active"

    # Re-entering
    app.click("Re-enter", within=app.item("Task 2", page=1))
    app.until(lambda d: len(app.items_containing("Task 2", page=1)) == 2, "no copy of Task 2")
    server_has(app, lambda: Item.objects.filter(user=ann, text="Task 2").count() == 2, "no copy")
    undo(app)
    app.until(lambda d: len(app.items_containing("Task 2", page=1)) == 1, "copy not removed")
    assert not app.is_struck(app.item("Task 2", page=1))
    assert app.item_texts(1) == ["Task 1", "Task 2", "Task 3", "Task 4"]
    assert Item.objects.filter(user=ann).count() == 4

    # Editing
    app.click("Edit", within=app.item("Task 3", page=1))
    box = app.textbox("Task text")
    box.clear()
    box.send_keys("Task three, reworded")
    app.click("Save", within=app.item_being_edited())
    app.item("Task three, reworded", page=1)
    server_has(
        app,
        lambda: Item.objects.get(user=ann, position=3).text == "Task three, reworded",
        "edit not saved",
    )
    undo(app)
    app.item("Task 3", page=1)
    assert "Task three, reworded" not in app.body_text()
    assert Item.objects.get(user=ann, position=3).text == "Task 3"


def test_undo_takes_back_moving_on_dismissing_restoring_deleting_and_page_size(app, make_user):
    from focus.models import Item, Notebook

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 7)
    app.sign_in_as(ann)
    app.item("Task 1", page=1)

    # Moving on with dismissal
    app.click("Nothing stands out")
    app.click("Dismiss and continue")
    app.until(lambda d: app.current_page_number() == 2, "not on page 2")
    assert Item.objects.filter(user=ann, state="dismissed").count() == 5
    undo(app)
    app.until(lambda d: app.current_page_number() == 1, "not back on page 1")
    app.button("Done", within=app.item("Task 5", page=1))
    assert not any(app.is_dismissed(item) for item in app.items(1))
    assert Item.objects.filter(user=ann, state="dismissed").count() == 0
    assert Notebook.objects.get(user=ann).working_page == 1

    # Restoring and deleting on the review screen
    app.click("Nothing stands out")
    app.click("Dismiss and continue")
    app.until(lambda d: app.current_page_number() == 2, "not on page 2")
    app.click("Dismissed")
    app.click("Re-enter", within=app.review_item("Task 1"))
    app.notice("“Task 1” is back at the end of the list.")
    app.gone(app.review_item_xpath("Task 1"), "Task 1 in the review")
    server_has(app, lambda: Item.objects.filter(user=ann, position=8).exists(), "not restored")
    undo(app)
    app.review_item("Task 1")
    assert Item.objects.get(user=ann, position=1).state == "dismissed"
    assert not Item.objects.filter(user=ann, position=8).exists()

    app.click("Delete", within=app.review_item("Task 2"))
    app.gone(app.review_item_xpath("Task 2"), "Task 2 in the review")
    server_has(
        app, lambda: Item.objects.get(user=ann, position=2).deleted_at is not None, "not deleted"
    )
    undo(app)
    app.review_item("Task 2")
    assert Item.objects.get(user=ann, position=2).deleted_at is None

    # Changing the page size
    app.click("Settings")
    box = app.textbox("Page size")
    box.clear()
    box.send_keys("10")
    app.click("Save")
    app.until(lambda d: Notebook.objects.get(user=ann).page_size == 10, "page size not saved")
    undo(app)
    app.until(lambda d: Notebook.objects.get(user=ann).page_size == 5, "page size not undone")
    app.open("/")
    app.until(lambda d: len(app.items(2)) == 2, "pages not cut by 5 again")
