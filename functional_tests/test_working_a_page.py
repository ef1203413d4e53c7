"""Story: Ann fills her list until it spans three pages, then works the first page: she
completes a task, re-enters another, and moves on when nothing else stands out."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_working_the_first_page_of_three(app, make_user):
    from focus.models import Item, Notebook

    ann = make_user("ann@example.com")
    app.sign_in_as(ann)

    # She sets a small page size so that her list spans several pages.
    app.click("Settings")
    box = app.textbox("Page size")
    box.clear()
    box.send_keys("5")
    app.click("Save")
    app.until(lambda d: Notebook.objects.get(user=ann).page_size == 5, "page size not saved")

    # Back to the list, she adds eleven tasks: pages of five make three pages.
    app.open("/")
    for n in range(1, 12):
        app.add_task(f"Task {n}")
    assert Item.objects.filter(user=ann).count() == 11
    app.until(
        lambda d: app.present("//nav[@aria-label='Pages']//*[normalize-space(.)='3']"),
        "no page 3 in Pages",
    )

    # The working page is the first one, with its five tasks.
    assert app.current_page_number() == 1
    assert app.item_texts(1) == [f"Task {n}" for n in range(1, 6)]

    # She does Task 2: it is crossed out in place.
    app.click("Done", within=app.item("Task 2", page=1))
    app.until(lambda d: app.is_struck(app.item("Task 2", page=1)), "Task 2 not crossed out")
    assert not app.has_button("Done", within=app.item("Task 2", page=1))

    # She works on Task 3 without finishing it, and re-enters it.
    app.click("Re-enter", within=app.item("Task 3", page=1))
    app.until(lambda d: app.is_struck(app.item("Task 3", page=1)), "Task 3 not crossed out")
    app.until(
        lambda d: Item.objects.filter(user=ann, text="Task 3").count() == 2,
        "Task 3 not re-entered on the server",
    )
    # The first page still has its five lines, in the same order.
    assert app.item_texts(1)[:5] == [f"Task {n}" for n in range(1, 6)]
    assert [app.is_struck(item) for item in app.items(1)] == [False, True, True, False, False]

    # Task 3 now also stands at the end of the list, on page 3, with its repeat counter.
    app.go_to_page(3)
    copy = app.item("Task 3", page=3)
    assert not app.is_struck(copy)
    assert "re-entered once" in app.spoken(copy)
    assert app.item_texts(3)[0] == "Task 11"
    assert len(app.items(3)) == 2

    # Back on her working page, nothing else stands out: she moves on to page 2.
    app.click("Back to the working page")
    app.page_list(1)
    app.click("Nothing stands out")
    app.until(lambda d: app.current_page_number() == 2, "not on page 2")
    assert app.item_texts(2) == [f"Task {n}" for n in range(6, 11)]
    app.notice("Now on page 2.")

    # Having done something on page 1, nothing was dismissed there.
    notebook = Notebook.objects.get(user=ann)
    assert notebook.working_page == 2
    states = dict(
        Item.objects.filter(user=ann).values_list("text", "state").order_by("position")[:5]
    )
    assert states == {
        "Task 1": "active",
        "Task 2": "done",
        "Task 3": "reentered",
        "Task 4": "active",
        "Task 5": "active",
    }
    assert Item.objects.get(user=ann, position=12).repeats == 1
