"""The whole app runs under its Content-Security-Policy: every story fails on a violation
reported in the console (see conftest). This checks that the guard itself sees one."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_blocked_inline_style_is_caught_by_the_guard(app, browser_pool):
    app.open("/no/such/page")
    browser = browser_pool.get(0)
    # An inline style without the page's nonce, as an injected one would be.
    app.driver.execute_script(
        "const s = document.createElement('style');"
        "s.textContent = 'body { color: red }';"
        "document.head.appendChild(s);"
    )
    app.until(lambda d: browser.csp_violations(), "no violation reported in the console")


def test_the_service_worker_installs_under_the_policy(app, make_user):
    ann = make_user("ann@example.com")
    app.sign_in_as(ann)
    app.button("Nothing stands out")
    # The production build registers the service worker; its script and fetches obey the CSP.
    app.until(
        lambda d: d.execute_async_script(
            "const done = arguments[0];"
            "navigator.serviceWorker.getRegistration().then(r => done(!!(r && r.active)))"
        ),
        "the service worker did not activate",
        timeout=20,
    )
