import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.test import Client, override_settings
from django.urls import path

from autofocus.testing import asgi_get
from autofocus.urls import urlpatterns as real_urlpatterns

pytestmark = pytest.mark.django_db


def test_app_shell_sets_csrf_cookie_and_mounts_the_sign_in_screen_for_a_visitor():
    response = Client().get("/")
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    # The sign-in bundle alone, with the app's files listed for prefetching.
    assert '<div id="app" data-prefetch="' in response.content.decode()


@pytest.mark.parametrize("language", ["ru", "en"])
def test_app_shell_mounts_the_app_for_a_signed_in_person(language):
    from accounts.tests.factories import UserFactory

    client = Client()
    from django.apps import apps

    user = UserFactory(language=language)
    apps.get_model("focus", "Notebook").objects.create(user=user, working_page=7, next_position=200)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    # The working page is named (for the app to ask for at once, when the page brings no data).
    assert '<div id="app" data-page="7">' in page
    # Until the app runs, the page names the working page in the app's words and says in the
    # person's language that the list is coming.
    words = _spa_list_words(language)
    heading = words["page"].replace("{n}", "7")
    assert f'<h1 class="text-2xl font-bold">{heading} <span ' in page
    assert f"· {words['working']}</span></h1>" in page
    assert f">{words['loading']}</p>" in page
    # Two bundles (the unit tests' stand-in loader names both alike): the messages of the
    # person's language, then the app (the Russian story sees them in the browser). They are
    # fetched from the head and run once the page has painted: no script tag of their own.
    preloaded = re.findall(r'<link rel="preload" as="script" href="[^"]+" [^>]*data-start>', page)
    assert len(preloaded) == 2
    assert 'document.querySelectorAll("link[data-start]")' in page
    assert "<script src=" not in page
    # Beside them, the first screen's data (autofocus/tests/test_boot.py).
    assert page.count('<script id="boot-data" type="application/json">') == 1


@pytest.mark.parametrize("route", ["/dismissed", "/settings", "/help"])
def test_spa_routes_serve_the_shell(route):
    assert Client().get(route).status_code == 200


def test_healthz_reports_ok_and_the_deployed_commit(monkeypatch):
    from autofocus import views

    monkeypatch.setattr(views, "_commit", None)
    monkeypatch.setenv("GIT_REV", "0123abc")
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "commit": "0123abc"}


def test_deployed_commit_falls_back_to_the_checkouts_head(monkeypatch):
    import subprocess

    from autofocus.views import deployed_commit

    monkeypatch.delenv("GIT_REV", raising=False)
    monkeypatch.delenv("SOURCE_VERSION", raising=False)
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    assert deployed_commit() == head.strip()


def test_healthz_reports_503_when_the_database_is_down(monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "unavailable"


def test_unknown_url_gets_the_styled_404():
    response = Client().get("/no/such/page")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "Страница не найдена" in body


def test_the_404_speaks_the_browsers_language_first_and_keeps_the_other_below():
    body = Client(headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"}).get("/nope").content
    page = body.decode()
    assert '<html lang="ru">' in page
    assert page.index("<h1>Страница не найдена</h1>") < page.index('<p lang="en">')
    assert "Page not found" in page


def test_the_404_speaks_the_signed_in_persons_language_over_the_browsers():
    person = get_user_model().objects.create(email="ru@example.com", language="ru")
    client = Client(headers={"accept-language": "en"})
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    assert "<h1>Страница не найдена</h1>" in client.get("/nope").content.decode()


def boom(request):
    raise RuntimeError("secret detail")


urlpatterns = [path("boom", boom), *real_urlpatterns]
handler500 = "autofocus.views.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_gets_the_styled_500_without_details():
    client = Client(raise_request_exception=False)
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "Что-то пошло не так" in body
    assert "secret detail" not in body and "Traceback" not in body


def test_root_files_404_without_a_build(settings, tmp_path):
    settings.STATICFILES_DIRS = [tmp_path]
    settings.STATIC_ROOT = tmp_path / "none"
    assert Client().get("/sw.js").status_code == 404


def test_service_worker_is_served_from_the_root(settings, tmp_path):
    (tmp_path / "sw.js").write_text("self.addEventListener('install', () => {});")
    settings.STATICFILES_DIRS = [tmp_path]
    from django.contrib.staticfiles import finders

    finders.get_finder.cache_clear()
    try:
        response = Client().get("/sw.js")
        assert response.status_code == 200
        assert response["Service-Worker-Allowed"] == "/"
        assert response["Content-Type"] == "application/javascript"
    finally:
        finders.get_finder.cache_clear()


def test_asgi_application_serves_through_one_sync_chain():
    from asgiref.sync import async_to_sync

    from autofocus.asgi import application

    assert not asyncio_iscoroutinefunction(application._middleware_chain)

    # Pages that need no database: this test must not leave a connection in a worker thread.
    status, headers, _ = async_to_sync(asgi_get)(application, "/favicon.ico")
    assert status == 301 and headers["location"] == "/static/icons/icon.svg"
    assert headers["x-frame-options"] == "DENY"  # the middleware chain ran
    status, headers, body = async_to_sync(asgi_get)(application, "/no/such/page")
    assert status == 404 and b"Page not found" in body
    assert headers["x-content-type-options"] == "nosniff"


def asyncio_iscoroutinefunction(func) -> bool:
    import inspect

    return inspect.iscoroutinefunction(func)


def test_favicon_leads_to_the_app_icon():
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/icons/icon.svg"


def _spa_words(language: str, block: str, keys: tuple[str, ...], top: tuple[str, ...]) -> dict:
    """Words of the SPA's messages (frontend/src/i18n/<language>.ts), as the app shows them:
    `keys` from the block that opens with `block`, `top` from the first place they appear."""
    from pathlib import Path

    from django.conf import settings

    source = (Path(settings.BASE_DIR) / "frontend" / "src" / "i18n" / f"{language}.ts").read_text()
    inside = source[source.index(f"{block}: {{") :]
    words = {}
    for key, text in [(key, inside) for key in keys] + [(key, source) for key in top]:
        found = re.search(rf'\b{key}:\s*"([^"]*)"', text)
        assert found, key
        words[key] = found.group(1)
    return words


def _spa_list_words(language: str) -> dict[str, str]:
    """The list's heading and its loading line."""
    return _spa_words(language, "list", ("page", "working"), ("loading",))


def _spa_messages(language: str) -> dict[str, str]:
    """The sign-in screen's words."""
    return _spa_words(language, "signIn", ("title", "intro", "email", "submit"), ("skip",))


@pytest.mark.parametrize(
    ("accept", "language"), [("en-GB,en;q=0.9", "en"), ("ru-RU,ru;q=0.9,en;q=0.5", "ru")]
)
def test_a_visitor_gets_the_sign_in_screen_with_the_page_in_the_apps_words(accept, language):
    response = Client().get("/", headers={"accept-language": accept})
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    words = _spa_messages(language)
    assert f'<h1 class="text-2xl font-bold">{words["title"]}</h1>' in page
    assert f">{words['intro']}</p>" in page
    assert (
        f'<label for="email" class="mb-1 block text-sm font-bold">{words["email"]}</label>' in page
    )
    assert f">{words['submit']}</button>" in page
    assert f">{words['skip']}</a>" in page
    # Until the app has started, the button sends nothing.
    assert '<button type="submit" class="btn btn-primary w-full" disabled>' in page
