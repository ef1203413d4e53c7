"""What clients see while the database cannot be reached (or stays locked past the busy
timeout): a 503 with `Retry-After`, never a 500.

* `/graphql`: JSON with `extensions.code = "SERVICE_UNAVAILABLE"`.
* HTML pages: a friendly page in the visitor's language (from the language cookie or the
  browser's Accept-Language: the account's language is in the database that is down).
* Anything else: a short JSON body.

Nothing is kept between requests: the next request after the database is back simply
works (PostgreSQL connections are health-checked when taken from the pool; a SQLite
connection kept by a server thread is closed at the end of a request that left it unusable
or inside a transaction, by Django's `close_old_connections`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation

from autofocus import reporting
from autofocus.errors import ServiceUnavailable
from autofocus.i18n import page_languages

logger = logging.getLogger("autofocus.outage")

MESSAGE = "The server is busy right now; please try again in a few seconds."
# SQLite reports these as OperationalError too, next to mistakes in SQL that are real bugs.
SQLITE_UNAVAILABLE = ("database is locked", "unable to open database", "disk i/o error")


def is_unavailable(error: BaseException) -> bool:
    """Whether an exception means "the database is out of reach", not a bug."""
    if isinstance(error, InterfaceError):
        return True
    if isinstance(error, OperationalError):
        cause = error.__cause__
        module = type(cause).__module__ if cause is not None else ""
        if module.startswith("sqlite3"):
            text = str(error).lower()
            return any(sign in text for sign in SQLITE_UNAVAILABLE)
        return True
    return False


def _note(request: HttpRequest, error: BaseException) -> None:
    logger.warning("Database unavailable for %s %s: %s", request.method, request.path, error)
    reporting.report_exception(error, request=request)


def _retry_after(response: HttpResponse) -> HttpResponse:
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # type: ignore[attr-defined]  # logged once, by _note
    return response


def graphql_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    _note(request, error)
    unavailable = ServiceUnavailable(MESSAGE)
    return _retry_after(
        JsonResponse(
            {"errors": [{"message": unavailable.message, "extensions": unavailable.extensions}]},
            status=503,
        )
    )


def page_response(request: HttpRequest, error: BaseException | None = None) -> HttpResponse:
    if error is not None:
        _note(request, error)
    # The browser's language only: the account cannot be read without the database.
    language, _ = page_languages(request, ask_account=False)
    with translation.override(language):
        body = loader.get_template("503.html").render({"request": request, "lang": language})
    return _retry_after(HttpResponse(body, status=503))


class DatabaseOutageMiddleware:
    """Turns "the database is out of reach" raised by a view into a 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_unavailable(exception):
            return None
        if request.path.startswith("/graphql"):
            return graphql_response(request, exception)
        if "html" in request.headers.get("Accept", "html"):
            return page_response(request, exception)
        _note(request, exception)
        return _retry_after(JsonResponse({"status": "unavailable"}, status=503))
