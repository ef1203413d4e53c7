"""Story: Ann makes an API token for a script on her laptop, copies it, the script adds a task
with it, and when she revokes the token the script's next call is refused."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from functional_tests.browser import Browser
from functional_tests.helpers import App

pytestmark = pytest.mark.django_db(transaction=True)

ADD = "mutation Add($text: String!) { createItem(text: $text) { item { text page } } }"


def call_api(base_url: str, token: str, query: str, variables: dict | None = None):
    """What a script does: a plain HTTP POST with the token, no cookies."""
    request = urllib.request.Request(
        f"{base_url}/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.load(error)


def clipboard_text(app: App) -> str:
    return app.driver.execute_async_script(
        "const done = arguments[0];"
        "navigator.clipboard.readText().then(done, (e) => done('refused: ' + e));"
    )


def token_line(app: App, name: str):
    return app.find(
        f"//ul[@aria-label='Your tokens']/li[.//p[contains(normalize-space(.), '{name}')]]",
        what=f"the token {name!r} in the list",
    )


def test_a_token_made_in_settings_works_from_a_script_until_revoked(app, make_user, site):
    from accounts.models import ApiToken
    from focus.models import Item

    ann = make_user("ann@example.com")
    app.sign_in_as(ann)
    app.driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": site.url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    app.click("Settings")
    app.find("//h2[normalize-space(.)='API tokens']")
    app.wait_for_text("No tokens yet.")

    # She names the token, gives it write access and creates it.
    app.type_into("Token name", "laptop script")
    app.find("//label[contains(., 'Write')]/input[@type='radio']").click()
    app.click("Create token")
    shown = app.find("//textarea[@aria-label='New token']")
    token = shown.get_attribute("value")
    assert token.startswith("af_") and len(token) == 46
    app.wait_for_text("Copy it now: it will not be shown again.")
    assert ApiToken.objects.get(user=ann).scope == "write"
    line = token_line(app, "laptop script")
    assert "Write" in line.text and "never used" in line.text

    # Copy puts the whole token on the clipboard.
    app.click("Copy")
    app.notice("Token copied to the clipboard.")
    app.button("Copied")
    assert clipboard_text(app) == token

    # Done hides it for good: the page no longer has it anywhere.
    app.click("Done")
    app.gone("//textarea[@aria-label='New token']", "the new token")
    assert token not in app.driver.page_source

    # The script uses the token, with no cookie and no CSRF token.
    status, _, result = call_api(site.url, token, ADD, {"text": "Sent from the laptop"})
    assert status == 200, result
    assert result == {"data": {"createItem": {"item": {"text": "Sent from the laptop", "page": 1}}}}
    assert Item.objects.filter(user=ann, text="Sent from the laptop").exists()

    # Ann sees the use, to the day, and the task in her list.
    app.reload()
    line = token_line(app, "laptop script")
    app.until(lambda d: "last used" in token_line(app, "laptop script").text, "last use shown")
    assert "never used" not in token_line(app, "laptop script").text
    app.click("List")
    app.item("Sent from the laptop", page=1)

    # She revokes it, after a confirmation.
    app.click("Settings")
    app.click("Revoke", within=token_line(app, "laptop script"))
    dialog = app.find("//dialog[@open] | //*[@role='dialog']")
    assert "Revoke “laptop script”?" in dialog.text
    assert "stops working at once" in dialog.text
    app.click("Revoke token", within=dialog)
    app.notice("Token “laptop script” revoked.")
    app.wait_for_text("No tokens yet.")
    assert ApiToken.objects.get(user=ann).revoked_at is not None

    # The same call now fails.
    status, headers, result = call_api(site.url, token, ADD, {"text": "Too late"})
    assert status == 401
    assert headers["WWW-Authenticate"].startswith("Bearer")
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert not Item.objects.filter(user=ann, text="Too late").exists()


def test_the_section_fits_a_phone_and_speaks_russian(make_user, site):
    from accounts.services import api_token_create

    ann = make_user("ann@example.com", language="ru")
    api_token_create(
        user=ann, name="A rather long token name for the kitchen tablet shortcut", scope="read"
    )
    phone = Browser(width=390, height=844, phone=True)
    try:
        app = App(phone.driver, site.url)
        app.forget_everything()
        app.sign_in_as(ann)
        app.click("Настройки")
        app.find("//h2[normalize-space(.)='API-токены']")
        app.type_into("Название токена", "телефон")
        app.click("Создать токен")
        app.find("//textarea[@aria-label='Новый токен']")
        app.wait_for_text("Скопируйте его сейчас")
        width, inner = app.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert inner == 390 and width <= inner, f"the page is {width}px wide on a {inner}px screen"
        for button in app.driver.find_elements(By.XPATH, "//section//button"):
            app.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            right = app.driver.execute_script(
                "return arguments[0].getBoundingClientRect().right", button
            )
            assert right <= 390, f"{button.text!r} sticks out ({right}px)"
        line = app.find("//ul[@aria-label='Ваши токены']/li[contains(., 'kitchen')]")
        assert "Чтение" in line.text and "ещё не использовался" in line.text
        app.click("Отозвать", within=line)
        app.click("Отозвать токен", within=app.find("//dialog[@open] | //*[@role='dialog']"))
        app.notice("Токен «A rather long token name for the kitchen tablet shortcut» отозван.")
        app.gone("//ul[@aria-label='Ваши токены']/li[contains(., 'kitchen')]", "the revoked token")
    finally:
        phone.quit()
