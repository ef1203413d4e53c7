"""Story: Ann rewords a task on her laptop while her phone, showing the same list, rewords it
too. The later edit does not silently win: the phone shows both texts and she keeps one."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def edit_on(app, old: str, new: str) -> None:
    app.click("Edit", within=app.item(old, page=1))
    box = app.textbox("Task text")
    box.clear()
    box.send_keys(new)
    app.click("Save", within=app.item_being_edited())


def conflict_dialog(app):
    return app.find("//dialog[@open] | //*[@role='dialog']", what="the edit conflict dialog")


def test_a_conflicting_edit_shows_both_texts_and_keeps_hers(app, other_app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com")
    seed(ann, 2)
    laptop, phone = app, other_app
    laptop.sign_in_as(ann)
    phone.sign_in_as(ann)
    laptop.item("Task 1", page=1)
    phone.item("Task 1", page=1)

    # On the laptop she rewords Task 1; it is saved.
    edit_on(laptop, "Task 1", "Call Bob at five")
    laptop.until(
        lambda d: Item.objects.get(user=ann, position=1).text == "Call Bob at five",
        "laptop edit not saved",
    )

    # The phone still shows "Task 1"; she rewords it there too.
    edit_on(phone, "Task 1", "Call Bob at six")
    dialog = conflict_dialog(phone)
    assert "This task was changed elsewhere" in dialog.text
    assert phone.find(".//*[@data-conflict='current']", dialog).text == "Call Bob at five"
    assert phone.find(".//*[@data-conflict='mine']", dialog).text == "Call Bob at six"
    # Nothing was overwritten meanwhile, and the phone's list shows the saved text.
    assert Item.objects.get(user=ann, position=1).text == "Call Bob at five"
    phone.item("Call Bob at five", page=1)

    # She keeps hers: it is saved, and the list shows it.
    phone.click("Keep mine", within=dialog)
    phone.gone("//dialog[@open] | //*[@role='dialog']", "the edit conflict dialog")
    phone.item("Call Bob at six", page=1)
    phone.notice("Your text is saved.")
    phone.until(
        lambda d: Item.objects.get(user=ann, position=1).text == "Call Bob at six",
        "the kept text was not saved",
    )
    assert phone.item_texts(1) == ["Call Bob at six", "Task 2"]


def test_keeping_the_saved_text_changes_nothing(app, other_app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com")
    seed(ann, 1)
    laptop, phone = app, other_app
    laptop.sign_in_as(ann)
    phone.sign_in_as(ann)
    laptop.item("Task 1", page=1)
    phone.item("Task 1", page=1)

    edit_on(laptop, "Task 1", "Buy bread")
    laptop.until(
        lambda d: Item.objects.get(user=ann, position=1).version == 2, "laptop edit not saved"
    )
    edit_on(phone, "Task 1", "Buy milk")

    dialog = conflict_dialog(phone)
    phone.click("Keep the saved text", within=dialog)
    phone.gone("//dialog[@open] | //*[@role='dialog']", "the edit conflict dialog")
    phone.notice("The saved text is kept.")
    phone.item("Buy bread", page=1)
    assert phone.item_texts(1) == ["Buy bread"]
    item = Item.objects.get(user=ann, position=1)
    assert (item.text, item.version) == ("Buy bread", 2)
