"""The language of a server-rendered page: the account's, else the browser's, else English."""

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation


def page_languages(request: HttpRequest, *, ask_account: bool = True) -> tuple[str, str]:
    """The page's language and the other one (bilingual pages show both, theirs first).

    `ask_account=False` reads only the Accept-Language header, for pages that must render
    without the database."""
    known = [code for code, _ in settings.LANGUAGES]
    language = ""
    if ask_account:
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                language = getattr(user, "language", "")
        except DatabaseError:  # the session could not be read: the header still can
            language = ""
    if language not in known:
        language = translation.get_language_from_request(request)
    if language not in known:
        language = settings.LANGUAGE_CODE
    other = next(code for code in known if code != language)
    return language, other


def render_bilingual(request: HttpRequest, template: str, *, status: int) -> HttpResponse:
    """A bilingual page, the request's language first (`lang` and `other` in its context)."""
    language, other = page_languages(request)
    with translation.override(language):
        return render(request, template, {"lang": language, "other": other}, status=status)
