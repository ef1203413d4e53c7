"""A visitor who follows a bad link, or meets a server failure, gets a styled, friendly page
that leads back to the app — never a bare error or a traceback."""

from unittest import mock

import pytest
import sesame.tokens_v2
from selenium.webdriver.common.by import By
from sesame.utils import get_query_string

TRACEBACK_SIGNS = ["Traceback", "RuntimeError", "deliberate failure", 'File "', "Exception"]


def assert_styled_page(app, heading: str, back_link: str):
    assert app.heading() == heading
    # The shared page style is applied: a card of limited width, not the browser's defaults.
    main = app.driver.find_element(By.TAG_NAME, "main")
    assert main.value_of_css_property("max-width") != "none"
    assert main.value_of_css_property("border-top-style") == "solid"
    link = app.link(back_link)
    assert link.get_attribute("href") == app.url("/")
    source = app.driver.page_source
    for sign in TRACEBACK_SIGNS:
        assert sign not in source


def test_unknown_address_shows_the_styled_not_found_page(app):
    app.open("/no/such/page")
    assert_styled_page(app, "Page not found", "Go to my list")
    assert app.driver.title == "Page not found · Autofocus"
    assert "Страница не найдена" in app.body_text()


def test_unknown_short_link_shows_the_not_found_page(app):
    app.open("/s/doesnotexist123")
    assert_styled_page(app, "Page not found", "Go to my list")


def test_forged_login_link_shows_the_friendly_expired_page(app, make_user):
    make_user("ann@example.com")
    app.open("/login?sesame=AAAAforgedtokenAAAAAAAAAAAAAAAAAA")
    assert_styled_page(app, "This link has expired or was already used", "Get a new link")
    # Following it leads to the sign-in screen.
    app.link("Get a new link").click()
    app.textbox("Email")


def test_expired_login_link_shows_the_friendly_expired_page(app, make_user, settings):
    user = make_user("ann@example.com")
    two_hours_ago = sesame.tokens_v2.time.time() - 2 * 3600
    with mock.patch.object(sesame.tokens_v2, "time", mock.Mock(time=lambda: two_hours_ago)):
        query = get_query_string(user)
    app.open(f"/login{query}")
    assert_styled_page(app, "This link has expired or was already used", "Get a new link")
    assert "Continue as" not in app.body_text()


@pytest.mark.in_process
def test_server_error_shows_the_styled_error_page_without_a_traceback(app, settings):
    settings.ROOT_URLCONF = "functional_tests.urls_with_error"
    settings.DEBUG = False
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    app.open("/boom")
    assert_styled_page(app, "Something went wrong", "Back to my list")
    assert "Your list is safe" in app.body_text()
    assert "Что-то пошло не так" in app.body_text()
    # The rest of the site still works.
    app.open("/no/such/page")
    assert app.heading() == "Page not found"
