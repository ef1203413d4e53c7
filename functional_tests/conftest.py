"""Browser tests: the real frontend build served by a live server, driven through Chromium.

Run them with `pytest functional_tests` after `npm ci && npm run build`; with `FT_BASE_URL`
they run against that server instead (see functional_tests/served.py and `make test-served`).
Stories use the fixtures below (`site`, `app`, `make_user`, `wait_for_mail`), which work the
same in every mode.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from functional_tests import served
from functional_tests.browser import Browser
from functional_tests.helpers import App
from functional_tests.mail import ImapMailbox, Mail, Mailbox, MailFolder, Outbox

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
REAL_LOADER = "webpack_loader.loaders.WebpackLoader"

# Every browser alive right now, so that a failing test can save what each one showed.
_open_browsers: dict[str, Browser] = {}


@pytest.hookimpl(trylast=True)  # after the root conftest, which picks the fake loader
def pytest_configure(config):
    from django.conf import settings

    config.addinivalue_line(
        "markers",
        "in_process: the story changes the in-process server (its settings or URLs); "
        "skipped against a served app (FT_BASE_URL)",
    )
    if served.SERVED:
        return  # the served app has its own build
    stats = ROOT / "webpack-stats.json"
    dist = ROOT / "frontend" / "dist"
    problem = None
    if not stats.is_file() or not dist.is_dir():
        problem = "webpack-stats.json or frontend/dist is missing"
    else:
        status = json.loads(stats.read_text()).get("status")
        if status != "done":
            problem = f"webpack-stats.json has status {status!r}"
        elif not settings.STATICFILES_DIRS:
            problem = "frontend/dist was created after the settings were loaded"
    if problem:
        raise pytest.UsageError(
            f"The functional tests need the frontend build ({problem}). "
            "Run `npm ci && npm run build` first."
        )
    settings.WEBPACK_LOADER["DEFAULT"]["LOADER_CLASS"] = REAL_LOADER


# --- artifacts of failing tests ------------------------------------------------------------


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:150]


def _save_artifacts(nodeid: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for label, browser in list(_open_browsers.items()):
        base = f"{ARTIFACTS / _safe(nodeid)}--{label}"
        try:
            browser.driver.save_screenshot(base + ".png")
        except Exception as error:  # noqa: BLE001 - best effort while reporting a failure
            Path(base + ".screenshot-error.txt").write_text(repr(error))
        try:
            entries = browser.driver.get_log("browser")
            lines = [f"{entry.get('level')} {entry.get('message')}" for entry in entries]
            lines.insert(0, f"URL: {browser.driver.current_url}")
            Path(base + ".console.txt").write_text("\n".join(lines) + "\n")
            Path(base + ".html").write_text(browser.driver.page_source)
        except Exception as error:  # noqa: BLE001
            Path(base + ".console-error.txt").write_text(repr(error))


def pytest_runtest_setup(item):
    if served.SERVED and item.get_closest_marker("in_process"):
        pytest.skip(served.NEEDS_IN_PROCESS)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in ("setup", "call") and _open_browsers:
        _save_artifacts(item.nodeid)
    return report


# --- browsers ------------------------------------------------------------------------------


class BrowserPool:
    """Chromium instances shared by the tests of one module, started when first needed."""

    def __init__(self, module: str, **options) -> None:
        self.module = module
        self.options = options
        self.browsers: list[Browser] = []

    def get(self, index: int) -> Browser:
        while len(self.browsers) <= index:
            browser = Browser(**self.options)
            self.browsers.append(browser)
            _open_browsers[f"{self.module}-{len(self.browsers)}"] = browser
        return self.browsers[index]

    def close(self) -> None:
        for number, browser in enumerate(self.browsers, start=1):
            _open_browsers.pop(f"{self.module}-{number}", None)
            browser.quit()


@pytest.fixture(scope="module")
def browser_pool(request):
    pool = BrowserPool(
        request.module.__name__.rsplit(".", 1)[-1], **getattr(request.module, "BROWSER_OPTIONS", {})
    )
    yield pool
    pool.close()


class ServedSite:
    """A server started outside the tests (FT_BASE_URL), in the role of the live server."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __str__(self) -> str:
        return self.url


if served.SERVED:

    @pytest.fixture(scope="session")
    def django_db_setup():
        """No test database: the stories use the served app's own (already migrated) one, or
        none at all when the server is remote."""
        if served.REMOTE:
            pytest.skip(served.NEEDS_DATABASE)
        yield


@pytest.fixture
def site(request, settings):
    """The server under test: the in-process live server (with emailed links pointing at
    it), or the one at FT_BASE_URL. Its database, when shared, is emptied after the story."""
    if served.SERVED:
        if served.SHARED_DATABASE:
            request.getfixturevalue("transactional_db")
        return ServedSite(served.BASE_URL)
    live_server = request.getfixturevalue("live_server")
    request.getfixturevalue("transactional_db")
    settings.SITE_URL = live_server.url
    return live_server


def _fresh_app(pool: BrowserPool, index: int, site):
    """A clean browser for one test; the test fails if the page reported any violation of
    the Content-Security-Policy in the console meanwhile, or if the screen it ends on has
    accessibility violations (the screens on the way are checked as the story finds things)."""
    browser = pool.get(index)
    app = App(browser.driver, site.url)
    app.forget_everything()
    browser.csp_violations()  # what earlier tests left in the console
    yield app
    app.accessibility.visit()
    violations = browser.csp_violations()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def app(browser_pool, site):
    """The first browser of the module, with no cookies or storage for the live server."""
    yield from _fresh_app(browser_pool, 0, site)


@pytest.fixture
def other_app(browser_pool, site):
    """A second, separate browser (its own profile), also starting clean."""
    yield from _fresh_app(browser_pool, 1, site)


# --- data ----------------------------------------------------------------------------------


@pytest.fixture
def make_user(transactional_db):
    """Creates an account with its list (onboarding items included unless `empty`)."""
    from accounts.models import User
    from focus.models import Item
    from focus.services import list_start

    def make(
        email: str = "ann@example.com",
        *,
        validated: bool = True,
        language: str = "en",
        empty: bool = True,
        page_size: int | None = None,
    ) -> User:
        user = User.objects.create_user(email, is_validated=validated, language=language)
        list_start(user=user)
        if empty:
            Item.objects.filter(user=user).delete()
            user.notebook.next_position = 1
            user.notebook.save(update_fields=["next_position"])
        if page_size is not None:
            user.notebook.page_size = page_size
            user.notebook.save(update_fields=["page_size"])
        return user

    return make


@pytest.fixture
def mailbox() -> Mailbox:
    """Where the server's emails arrive: the in-memory outbox of the in-process server, the
    file backend's folder (FT_MAIL_DIR) or a test mailbox over IMAP (FT_IMAP_URL)."""
    if not served.SERVED:
        return Outbox()
    if os.environ.get("FT_IMAP_URL"):
        return ImapMailbox(os.environ["FT_IMAP_URL"])
    if os.environ.get("FT_MAIL_DIR"):
        return MailFolder(os.environ["FT_MAIL_DIR"])
    pytest.skip(served.NO_MAILBOX)


@pytest.fixture
def wait_for_mail(mailbox: Mailbox):
    """Waits for the n-th message sent since the story began (sent on commit, possibly after
    the response)."""
    already = len(mailbox.messages())
    poll = 1.0 if isinstance(mailbox, ImapMailbox) else 0.05
    default_timeout = 60.0 if served.REMOTE else 10.0

    def wait(count: int = 1, timeout: float | None = None) -> Mail:
        deadline = time.monotonic() + (timeout or default_timeout)
        new: list[Mail] = []
        while time.monotonic() < deadline:
            new = mailbox.messages()[already:]
            if len(new) >= count:
                return new[count - 1]
            time.sleep(poll)
        raise AssertionError(f"Expected {count} email(s), {len(new)} arrived")

    return wait
