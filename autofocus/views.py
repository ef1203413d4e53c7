import hashlib
import logging
import os
import subprocess
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import condition, require_safe

from autofocus.boot import boot_data
from autofocus.i18n import page_languages, render_bilingual

logger = logging.getLogger(__name__)


def _page_number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) <= 9 and int(value) >= 1 else None


@ensure_csrf_cookie
def app_shell(request: HttpRequest) -> HttpResponse:
    """The single-page app's shell; it also hands the browser its CSRF cookie. A signed-in
    person's page carries their first screen's data (`autofocus.boot`), so it is never
    stored: not by the browser, not by a proxy (the service worker keeps a copy without it)."""
    if request.user.is_authenticated:
        on_list = request.path == "/"
        viewed = _page_number(request.GET.get("page")) if on_list else None
        boot = boot_data(request, on_list=on_list, viewed_page=viewed) or None
        response = render(request, "app.html", {"boot": boot})
        response["Cache-Control"] = "no-store"
    else:
        # A visitor's page shows the sign-in screen in their browser's language at once.
        language, _ = page_languages(request, ask_account=False)
        with translation.override(language):
            response = render(request, "app.html", {"visitor_language": language})
        response["Cache-Control"] = "no-cache"
    return response


def deployed_commit() -> str:
    """The commit this process runs: `GIT_REV` (set by Dokku on deploy), `SOURCE_VERSION`
    (Heroku-style builds), else the checkout's HEAD, else "unknown"."""
    for name in ("GIT_REV", "SOURCE_VERSION"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head.stdout.strip() or "unknown"


_commit: str | None = None


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Whether the app reaches its database, and which commit it runs (the deploy script
    waits for the new one)."""
    global _commit
    if _commit is None:
        _commit = deployed_commit()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return JsonResponse(
            {"status": "unavailable", "database": "down", "commit": _commit}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "commit": _commit})


ROOT_FILES = {
    "sw.js": ("application/javascript", {"Service-Worker-Allowed": "/"}),
    "manifest.webmanifest": ("application/manifest+json", {}),
}


def root_file(request: HttpRequest, name: str) -> FileResponse:
    """Files of the frontend build that must live at the site root (the service worker's
    scope is the folder it is served from)."""
    content_type, headers = ROOT_FILES[name]
    path = finders.find(name) or (Path(settings.STATIC_ROOT) / name)
    if not path or not Path(path).is_file():
        raise Http404(name)
    response = FileResponse(open(path, "rb"), content_type=content_type)
    response["Cache-Control"] = "no-cache"
    for header, value in headers.items():
        response[header] = value
    return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_bilingual(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the page must render even when the database is down.
    from django.template import loader

    # The request only gives the page its CSP nonce.
    body = loader.get_template("500.html").render({"request": request})
    return HttpResponse(body, status=500)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the app's icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    try:
        return HttpResponsePermanentRedirect(static("icons/icon.svg"))
    except ValueError:  # no frontend build collected
        raise Http404("favicon.ico") from None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    logger.warning("CSRF check failed: %s", reason)
    return render_bilingual(request, "403_csrf.html", status=403)


SCHEMA_FILE = Path(settings.BASE_DIR) / "schema.graphql"


@lru_cache(maxsize=2)
def _schema(path: Path, modified: int) -> tuple[bytes, str]:
    content = path.read_bytes()
    return content, f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _schema_now() -> tuple[bytes, str]:
    """The committed schema.graphql and its ETag, read again only when the file changes."""
    try:
        return _schema(SCHEMA_FILE, SCHEMA_FILE.stat().st_mtime_ns)
    except FileNotFoundError:
        raise Http404("schema.graphql") from None


@require_safe
@condition(etag_func=lambda request: _schema_now()[1])
def schema_file(request: HttpRequest) -> HttpResponse:
    """The API's schema in SDL, in every mode (introspection is off in production), so that
    clients can generate code from it."""
    response = HttpResponse(_schema_now()[0], content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = 'inline; filename="schema.graphql"'
    return response
