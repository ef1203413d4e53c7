"""Story: a new visitor signs up with an email address and confirms it from another device."""

import pytest

from functional_tests.mail import login_link

pytestmark = pytest.mark.django_db(transaction=True)

BANNER = "Please confirm your email address"
FIRST_ONBOARDING_TASK = "Welcome! This is your list"


def test_new_visitor_signs_up_and_confirms_the_address_in_another_browser(
    app, other_app, wait_for_mail
):
    from accounts.models import User

    # Ann opens Autofocus and is asked for her email address.
    app.open("/")
    app.type_into("Email", "  Ann@Example.com ")
    app.click("Sign in")

    # She is in at once: her list starts with tasks that teach the method...
    app.item(FIRST_ONBOARDING_TASK, page=1)
    assert len(app.items(1)) == 6
    # ...and a banner asks her to confirm her address.
    app.wait_for_text(BANNER)
    app.wait_for_text("ann@example.com")
    user = User.objects.get(email="ann@example.com")
    assert not user.is_validated

    # The email holds a short link to this site.
    message = wait_for_mail(1)
    assert message.to == ["ann@example.com"]
    link = login_link(message)
    assert link.startswith(app.url("/s/"))

    # She opens the link on another device: it asks who is signing in before doing anything.
    other_app.driver.get(link)
    assert other_app.heading() == "Sign in to Autofocus"
    other_app.wait_for_text("Continue as a•••@example.com?")
    assert "/login?sesame=" in other_app.driver.current_url
    user.refresh_from_db()
    assert not user.is_validated, "opening the link alone must not sign in"

    # She presses Sign in and lands in her list, confirmed: no banner there.
    other_app.confirm_sign_in()
    other_app.item(FIRST_ONBOARDING_TASK, page=1)
    assert BANNER not in other_app.body_text()
    user.refresh_from_db()
    assert user.is_validated

    # Confirming the address ended the first browser's session: after a reload it shows
    # the sign-in screen, and no banner.
    app.reload()
    app.textbox("Email")
    assert BANNER not in app.body_text()
    assert not app.present(app.page_list_xpath())

    # The second browser stays signed in, without the banner.
    other_app.reload()
    other_app.item(FIRST_ONBOARDING_TASK, page=1)
    assert BANNER not in other_app.body_text()

    # The link works once: opened again, it says so and offers a way to get a new one.
    other_app.driver.get(link)
    assert other_app.heading() == "This link has expired or was already used"
    new_link = other_app.link("Get a new link")
    assert new_link.get_attribute("href") == other_app.url("/")
