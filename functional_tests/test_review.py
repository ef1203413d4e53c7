"""Story: Ann reviews the tasks she dismissed: one still matters and goes back on the list,
another does not and is deleted."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def waiting_badge(app) -> str:
    """The count on the Dismissed link ("" when none is shown)."""
    badges = app.driver.find_elements(
        "xpath", "//a[@href='/dismissed']//*[@data-testid='dismissed-count']"
    )
    return badges[0].text if badges else ""


def test_review_re_enters_one_dismissed_task_and_deletes_another(app, make_user):
    from focus.models import Item
    from focus.services import page_next

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 7)  # page 1: Task 1-5, page 2: Task 6-7
    assert page_next(user=ann) == 5  # nothing stood out on page 1: its tasks were dismissed

    app.sign_in_as(ann)
    app.page_list(2)
    # The Dismissed link says how many wait for her.
    app.until(lambda d: waiting_badge(app) == "5", "the Dismissed link does not show 5")
    app.click("Dismissed")
    app.until(lambda d: app.heading() == "Dismissed tasks", "not on the review screen")
    for n in range(1, 6):
        app.review_item(f"Task {n}")

    # Task 2 still matters: she re-enters it.
    app.click("Re-enter", within=app.review_item("Task 2"))
    app.notice("“Task 2” is back at the end of the list.")
    app.gone(app.review_item_xpath("Task 2"), "Task 2 in the review")
    app.until(lambda d: waiting_badge(app) == "4", "the Dismissed link does not show 4")

    # Task 4 does not: she deletes it.
    app.click("Delete", within=app.review_item("Task 4"))
    app.notice("“Task 4” deleted.")
    app.gone(app.review_item_xpath("Task 4"), "Task 4 in the review")
    app.until(lambda d: waiting_badge(app) == "3", "the Dismissed link does not show 3")
    for n in (1, 3, 5):
        app.review_item(f"Task {n}")

    task2 = Item.objects.get(user=ann, position=2)
    assert task2.state == "reentered"
    copy = Item.objects.get(user=ann, position=8)
    assert (copy.text, copy.state, copy.repeats) == ("Task 2", "active", 1)
    assert Item.objects.get(user=ann, position=4).deleted_at is not None
    assert list(
        Item.objects.filter(user=ann, state="dismissed", deleted_at=None).values_list(
            "position", flat=True
        )
    ) == [1, 3, 5]

    # In the list, Task 2 is back at the end of the list, with its repeat counter…
    app.open("/")
    copy_line = app.item("Task 2", page=2)
    assert app.item_texts(2) == ["Task 6", "Task 7", "Task 2"]
    assert "re-entered once" in app.spoken(copy_line)
    # …crossed out in its old place, and Task 4 is gone from page 1.
    app.go_to_page(1)
    assert app.item_texts(1) == ["Task 1", "Task 2", "Task 3", "Task 5"]
    assert app.is_struck(app.item("Task 2", page=1))


def test_the_dismissed_link_counts_every_waiting_task_past_the_reviewed_hundred(app, make_user):
    from focus.services import page_next

    ann = make_user("ann@example.com", page_size=100)
    seed(ann, 230)  # pages 1 and 2: 100 tasks each, page 3: 30
    assert page_next(user=ann) == 100  # nothing stood out on page 1…
    assert page_next(user=ann) == 100  # …nor on page 2
    app.sign_in_as(ann)
    app.page_list()
    # The review lists the first 100; the link counts all 200.
    app.until(lambda d: waiting_badge(app) == "200", "the Dismissed link does not show 200")
