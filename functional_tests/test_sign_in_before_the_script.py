"""Story: on a slow phone, Cleo opens Autofocus for the first time. The sign-in screen is on the
page before its script has arrived, in her browser's language; she starts typing her address
at once. When the app starts, nothing on the screen moves and what she typed is still there,
and she signs in with it."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

# Where the screen's parts are: they must not move when the app takes the page's place.
LAYOUT = """
return ['h1', 'main p', 'label[for=email]', '#email', 'button[type=submit]'].map((selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return [selector, ...[box.x, box.y, box.width, box.height].map(Math.round)];
});
"""
# The page's own script, once it may load: it was held back so far.
RUN_SCRIPT = """
const src = arguments[0];
const script = document.createElement('script');
script.src = src;
document.body.appendChild(script);
"""
# The web font files the page has fetched, and the heading's font.
FONTS = """
return [
  performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.woff2')),
  getComputedStyle(document.querySelector('h1')).fontFamily,
];
"""


def test_the_sign_in_screen_shows_before_its_script_and_keeps_what_was_typed(app):
    from selenium.webdriver.common.by import By

    app.forget_everything()
    app.driver.execute_cdp_cmd("Network.enable", {})
    app.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/static/signin.*.js"]})
    try:
        app.open("/")
        # Before any script: the screen, with a button that sends nothing yet.
        heading = app.driver.find_element(By.TAG_NAME, "h1")
        assert heading.text == "Sign in"
        button = app.driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
        assert not button.is_enabled()
        before = app.driver.execute_script(LAYOUT)
        field = app.driver.find_element(By.ID, "email")
        field.send_keys("cleo@exam")
        script = app.driver.execute_script(
            "return [...document.scripts].map((s) => s.src).find((s) => s.includes('/signin.'))"
        )
    finally:
        app.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})

    app.driver.execute_script(RUN_SCRIPT, script)
    app.until(
        lambda d: d.find_element(By.CSS_SELECTOR, "button[type=submit]").is_enabled(),
        "the app did not start",
    )
    assert app.driver.execute_script(LAYOUT) == before
    # The screen is set in the system font: its first paint waits for no web font file.
    fetched, family = app.driver.execute_script(FONTS)
    assert fetched == []
    assert family.startswith("system-ui"), family
    field = app.textbox("Email")
    assert field.get_attribute("value") == "cleo@exam"
    assert app.driver.switch_to.active_element == field
    field.send_keys("ple.com")
    app.click("Sign in")
    # A new address starts a list at once.
    app.page_list(page=1)
    assert app.heading().startswith("Page 1")
