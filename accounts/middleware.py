"""Bearer tokens on `/graphql`: clients outside the browser sign in with an API token.

Rules enforced here, for requests to `/graphql` with `Authorization: Bearer <token>`:
- a request that also carries a session cookie is refused (BAD_REQUEST, HTTP 400): one
  request, one credential;
- a malformed, unknown or revoked token, or one of an inactive account, is refused
  (UNAUTHENTICATED, HTTP 401, `WWW-Authenticate: Bearer`);
- each token has its own rate limit (`API_TOKEN_RATE`; RATE_LIMITED, HTTP 429, `Retry-After`);
- otherwise the request is the token's user, marked with the token's scope for the GraphQL
  view (`autofocus.api_clients`), and needs no CSRF token: it carries no cookie, so there is
  no ambient credential a foreign page could ride on. It gets no session and no cookie.
Requests without a bearer token (the web app) pass untouched, CSRF check included.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.models import User
from accounts.services import api_token_use
from autofocus.api_clients import API_TOKEN_SCOPE, bearer_credentials, error_response
from autofocus.errors import BadRequest, RateLimited, Unauthenticated
from autofocus.ratelimit import rate_limit_hit, rate_limit_retry_after

BOTH_CREDENTIALS_MESSAGE = (
    "Send either a session cookie or a bearer token, not both: drop the cookie when you use "
    "a token."
)
BAD_TOKEN_MESSAGE = (
    "This API token is not valid: it may have been revoked or mistyped. "
    "Create a new one in Settings → API tokens."
)
TOKEN_RATE_MESSAGE = "Too many requests with this token. Please wait and try again."


class NoSession(SessionBase):
    """The session of a token request: always empty, never stored, never sent as a cookie."""

    def load(self) -> dict:
        return {}

    def exists(self, session_key: str | None) -> bool:
        return False

    def create(self) -> None:
        pass

    def save(self, must_create: bool = False) -> None:
        pass

    def delete(self, session_key: str | None = None) -> None:
        pass

    def is_empty(self) -> bool:
        return True

    @classmethod
    def clear_expired(cls) -> None:
        pass


def bearer_token(request: HttpRequest) -> str | None:
    """The credentials of an `Authorization: Bearer` header; None without one (other
    schemes, such as a proxy's Basic authentication, are left alone)."""
    return bearer_credentials(request.META.get("HTTP_AUTHORIZATION", ""))


def _authenticate(request: HttpRequest, user: User, scope: str) -> None:
    async def auser() -> User:
        return user

    request.user = user
    request.auser = auser
    request.session = NoSession()
    setattr(request, API_TOKEN_SCOPE, scope)
    # Django's documented switch for requests that carry no ambient credential.
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]


class ApiTokenMiddleware:
    """Goes after AuthenticationMiddleware, which it overrides for token requests."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.path = self.path or reverse("graphql")
        token = bearer_token(request) if request.path_info == self.path else None
        if token is None:
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return error_response(BadRequest(BOTH_CREDENTIALS_MESSAGE), status=400)
        api_token = api_token_use(token=token)
        if api_token is None:
            return error_response(
                Unauthenticated(BAD_TOKEN_MESSAGE),
                status=401,
                headers={"WWW-Authenticate": 'Bearer realm="autofocus", error="invalid_token"'},
            )
        rate = settings.API_TOKEN_RATE
        if not rate_limit_hit(scope="api-token", ident=str(api_token.pk), rate=rate):
            return error_response(
                RateLimited(TOKEN_RATE_MESSAGE),
                status=429,
                headers={"Retry-After": str(rate_limit_retry_after(rate=rate))},
            )
        _authenticate(request, api_token.user, api_token.scope)
        response = self.get_response(request)
        # The GraphQL view hands every caller a CSRF cookie; a token client needs none.
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        response.cookies.pop(settings.CSRF_COOKIE_NAME, None)
        return response
