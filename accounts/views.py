from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods
from sesame.utils import get_user

from accounts.services import user_validate
from autofocus.i18n import render_bilingual


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)  # includes no-store
    response["Referrer-Policy"] = "no-referrer"
    return response


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return _private(render_bilingual(request, "accounts/link_invalid.html", status=410))


@require_http_methods(["GET", "POST"])
def login_confirm(request: HttpRequest) -> HttpResponse:
    """The page a login link opens.

    GET only shows whose link it is, so mail scanners that prefetch links neither burn the
    one-time token nor get a session; the POST (with CSRF) consumes it and signs in.
    """
    token = (request.POST if request.method == "POST" else request.GET).get("sesame", "")
    if not token or len(token) > 200:
        return _link_invalid(request)
    if request.method == "GET":
        user = get_user(token, update_last_login=False)
        if user is None:
            return _link_invalid(request)
        with translation.override(user.language):
            return _private(
                render(
                    request,
                    "accounts/login_confirm.html",
                    {"token": token, "masked_email": user.masked_email, "language": user.language},
                )
            )
    user = get_user(token, update_last_login=True)
    if user is None:
        return _link_invalid(request)
    # Bumps the session version on the first confirmation: every other session ends.
    user_validate(user=user)
    login(request, user, backend="sesame.backends.ModelBackend")  # rotates the session key
    return _private(HttpResponseRedirect("/"))
