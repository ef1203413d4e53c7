"""Story: on a shared computer Ann signs out, and nothing of her list stays in the browser."""

import pytest
from selenium.webdriver.common.by import By

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)

USER_QUERY = "query { user { email } }"


def test_sign_out_shows_the_sign_in_form_and_leaves_nothing_behind(app, make_user):
    ann = make_user("ann@example.com")
    seed(ann, 2, prefix="Confidential plan")
    app.sign_in_as(ann)
    app.item("Confidential plan 2", page=1)
    # The browser keeps the list for offline use: wait until it did, so clearing it counts.
    app.until(lambda d: "Confidential plan" in app.stored_text(), "the offline copy was not kept")
    app.driver.execute_script("window.sameDocument = true")

    app.click("Sign out")
    app.find("//h1[normalize-space(.)='Sign in']", what="the sign-in form")
    app.notice("You are signed out.")
    assert app.driver.execute_script("return window.sameDocument") is True  # no reload
    assert "Confidential plan" not in app.driver.page_source
    assert not app.driver.find_elements(By.XPATH, "//ol[starts-with(@aria-label, 'Page')]")
    stored = app.stored_text()
    assert "Confidential plan" not in stored
    assert "ann@example.com" not in stored
    # The server session has ended too: a reload shows the sign-in form.
    app.until(lambda d: app.graphql(USER_QUERY).get("data", {}).get("user") is None)
    app.reload()
    app.find("//h1[normalize-space(.)='Sign in']", what="the sign-in form after a reload")
    assert "Confidential plan" not in app.body_text()


def test_sign_out_with_changes_not_saved_asks_first_and_drops_them(app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com")
    seed(ann, 1, prefix="Known task")
    app.sign_in_as(ann)
    app.item("Known task 1", page=1)
    app.set_offline(True)
    app.type_into("New task", "Written offline")
    app.click("Add")
    app.item("Written offline", page=1)
    app.click("Sign out")
    dialog = app.find("//dialog[@open] | //*[@role='dialog']", what="the sign-out question")
    assert "1 change is not saved yet. Sign out anyway?" in dialog.text
    app.click("Stay signed in")
    app.gone("//dialog[@open] | //*[@role='dialog']", "the sign-out question")
    app.item("Written offline", page=1)

    app.click("Sign out")
    app.click("Sign out anyway")
    app.find("//h1[normalize-space(.)='Sign in']", what="the sign-in form")
    assert "Written offline" not in app.driver.page_source
    assert "Written offline" not in app.stored_text()
    assert app.pending_outbox() == []

    app.set_offline(False)
    app.until(lambda d: app.graphql(USER_QUERY).get("data", {}).get("user") is None)
    assert not Item.objects.filter(text="Written offline").exists()
