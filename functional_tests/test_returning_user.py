"""Story: someone who already has a list asks for a sign-in link and signs in through it."""

import pytest

from functional_tests.mail import login_link

pytestmark = pytest.mark.django_db(transaction=True)


def test_returning_user_asks_for_a_link_and_signs_in_with_it(app, make_user, wait_for_mail):
    from focus.services import item_create

    bob = make_user("bob@example.com")
    item_create(user=bob, text="Call the plumber about the boiler")

    # Bob types his address on the sign-in screen.
    app.open("/")
    app.type_into("Email", "bob@example.com")
    app.click("Sign in")

    # He is not signed in by that alone: the page tells him to check his inbox.
    app.wait_for_text("Check your inbox: we sent a sign-in link to bob@example.com.")
    assert not app.present(app.page_list_xpath())

    # The email brings a link; it opens the confirmation page.
    message = wait_for_mail(1)
    assert message.to == ["bob@example.com"]
    app.driver.get(login_link(message))
    app.wait_for_text("Continue as b•••@example.com?")
    app.confirm_sign_in()

    # He is back in his own list.
    app.item("Call the plumber about the boiler", page=1)
    assert "Please confirm your email address" not in app.body_text()
    assert app.has_button("Sign out")
