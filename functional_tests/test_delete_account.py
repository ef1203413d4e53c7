"""Story: Ann deletes her account; every device she used is signed out, and her address can
start over with a new list."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def test_ann_deletes_her_account_and_starts_over(app, other_app, make_user):
    from accounts.models import User
    from focus.models import Item

    ann = make_user("ann@example.com")
    seed(ann, 3)
    app.sign_in_as(ann)
    other_app.sign_in_as(ann)
    other_app.item("Task 1", page=1)

    app.click("Settings")
    app.click("Delete account…")
    box = app.textbox("Type your email address to confirm")
    delete = app.button("Delete my account")
    assert not delete.is_enabled()
    box.send_keys("someone@example.com")
    assert not delete.is_enabled()
    box.clear()
    box.send_keys("ann@example.com")
    app.until(lambda d: delete.is_enabled(), "the button stays disabled")
    delete.click()

    # Back at the sign-in form, told what happened.
    app.notice("Your account and everything in it are deleted.")
    app.textbox("Email")
    assert not User.objects.filter(pk="ann@example.com").exists()
    assert not Item.objects.exists()

    # Her other device is signed out too.
    other_app.reload()
    other_app.textbox("Email")
    assert "Task 1" not in other_app.body_text()

    # The address starts over: a new, empty account with the onboarding tasks.
    app.type_into("Email", "ann@example.com")
    app.click("Sign in")
    app.item("Welcome! This is your list", page=1)
    assert len(app.items(1)) == 6
    assert "Task 1" not in app.body_text()
