"""Story: when nothing on a page that is not the last one stands out and Ann did nothing
there, moving on dismisses the page's open tasks — after she confirms. On the last page the
same button never dismisses anything: it goes round to the first page with open tasks."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def states(user, positions):
    from focus.models import Item

    found = dict(
        Item.objects.filter(user=user, position__in=positions).values_list("position", "state")
    )
    return [found[p] for p in positions]


def test_nothing_stands_out_dismisses_an_untouched_page_after_confirmation(app, make_user):
    from focus.models import Notebook

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 12)  # pages: 1-5, 6-10, 11-12
    app.sign_in_as(ann)
    app.item("Task 1", page=1)
    assert app.current_page_number() == 1

    # First thing on page 1, nothing stands out: she is asked before tasks are dismissed.
    app.click("Nothing stands out")
    dialog = app.find(
        "//*[@role='dialog' or @role='alertdialog' or self::dialog]", what="the dismissal dialog"
    )
    assert "5 open tasks on this page will be dismissed." in dialog.text
    # She changes her mind.
    app.click("Cancel", within=dialog)
    app.gone("//*[@role='dialog' or @role='alertdialog' or self::dialog[@open]]", "dialog")
    assert app.current_page_number() == 1
    assert states(ann, range(1, 6)) == ["active"] * 5

    # She asks again and confirms.
    app.click("Nothing stands out")
    dialog = app.find("//*[@role='dialog' or @role='alertdialog' or self::dialog]")
    app.click("Dismiss and continue", within=dialog)
    app.until(lambda d: app.current_page_number() == 2, "not on page 2")
    app.notice("5 tasks dismissed.")
    assert states(ann, range(1, 6)) == ["dismissed"] * 5
    assert states(ann, range(6, 13)) == ["active"] * 7

    # Looking back at page 1, its tasks are highlighted as dismissed, without actions.
    app.go_to_page(1)
    for item in app.items(1):
        assert app.is_dismissed(item), item.get_attribute("outerHTML")
        assert not app.has_button("Done", within=item)
    app.click("Back to the working page")
    app.page_list(2)
    assert not any(app.is_dismissed(item) for item in app.items(2))

    # On page 2 she does something, so moving on dismisses nothing and asks nothing.
    app.click("Done", within=app.item("Task 7", page=2))
    app.until(lambda d: app.is_struck(app.item("Task 7", page=2)), "Task 7 not done")
    app.until(lambda d: states(ann, [7]) == ["done"], "Task 7 not done on the server")
    app.click("Nothing stands out")
    app.until(lambda d: app.current_page_number() == 3, "not on page 3")
    assert states(ann, [6, 8, 9, 10]) == ["active"] * 4

    # Page 3 is the last page: nothing is dismissed there, not even at once; the list goes
    # round to the first page that has open tasks — page 2, as page 1 was dismissed.
    app.click("Nothing stands out")
    app.until(lambda d: app.current_page_number() == 2, "did not wrap to page 2")
    assert not app.present("//*[@role='dialog' or @role='alertdialog' or self::dialog[@open]]")
    assert states(ann, [11, 12]) == ["active", "active"]
    assert Notebook.objects.get(user=ann).working_page == 2


def test_a_single_page_list_never_dismisses(app, make_user):
    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 3)
    app.sign_in_as(ann)
    app.item("Task 1", page=1)
    app.click("Nothing stands out")
    app.notice("Now on page 1.")
    assert not app.present("//*[@role='dialog' or @role='alertdialog' or self::dialog[@open]]")
    assert states(ann, [1, 2, 3]) == ["active"] * 3
