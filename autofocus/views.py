import logging
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie

logger = logging.getLogger(__name__)


@ensure_csrf_cookie
def app_shell(request: HttpRequest) -> HttpResponse:
    """The single-page app's shell; it also hands the browser its CSRF cookie."""
    response = render(request, "app.html")
    response["Cache-Control"] = "no-cache"
    return response


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
    return render(request, "404.html", status=404)


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
    return render(request, "403_csrf.html", status=403)
