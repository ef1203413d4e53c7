"""Story: Ann has the list open in two tabs of one browser; they stay in step."""

import time

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def switch(app, handle: str) -> None:
    app.driver.switch_to.window(handle)


def test_an_action_in_one_tab_shows_in_the_other_and_sign_out_signs_out_both(app, make_user):
    from focus.models import Event, Item

    ann = make_user("ann@example.com")
    seed(ann, 2, prefix="Shared task")
    app.sign_in_as(ann)
    app.item("Shared task 1", page=1)
    first = app.driver.current_window_handle
    app.driver.switch_to.new_window("tab")
    second = app.driver.current_window_handle
    app.open("/")
    app.item("Shared task 1", page=1)

    # Added in the second tab: the first shows it without a reload, and it is added once.
    app.add_task("Added in the second tab")
    switch(app, first)
    app.item("Added in the second tab", page=1)

    # Done in the first tab: crossed out in the second.
    app.click("Done", within=app.item("Shared task 1", page=1))
    app.until(lambda d: Item.objects.get(text="Shared task 1").state == "done")
    switch(app, second)
    app.until(lambda d: app.is_struck(app.item("Shared task 1", page=1)), "not crossed out")
    assert Item.objects.filter(text="Added in the second tab").count() == 1
    assert Event.objects.filter(user=ann).count() == 4  # two seeded, one added, one done

    # Signing out in the second tab signs the first out within two seconds.
    app.click("Sign out")
    app.find("//h1[normalize-space(.)='Sign in']", what="the sign-in form")
    switch(app, first)
    started = time.monotonic()
    app.find(
        "//h1[normalize-space(.)='Sign in']", what="the sign-in form in the other tab", timeout=2
    )
    assert time.monotonic() - started <= 2
    assert "Shared task" not in app.driver.page_source

    # Signing in in the first tab (a new address goes straight in) signs the second in too.
    app.type_into("Email", "bob@example.com", submit=True)
    app.item("Welcome!", page=1)
    switch(app, second)
    app.item("Welcome!", page=1, timeout=5)
    assert "Shared task" not in app.body_text()
