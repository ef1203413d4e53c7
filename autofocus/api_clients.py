"""What a GraphQL client outside the browser may do on `/graphql`.

Rules enforced here:
- A request authenticated by an API token (not by a session) carries the token's scope in the
  plain request attribute `api_token_scope` (`"read"` or `"write"`); the accounts app sets it,
  and the core reads only this attribute.
- Such a request may run any query. A `write` token may also run the mutations that an app
  has declared usable with a token (`allow_with_api_token`, the list's mutations); a `read`
  token runs no mutation. Everything else (signing in and out, managing tokens, deleting the
  account) is browser-only. A refused mutation is a FORBIDDEN error, and the view rolls the
  whole mutation back.
- Answers given before the view runs (a bad token, a rate limit) have the GraphQL error shape,
  with an HTTP status that says the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, JsonResponse
from graphql import OperationType

from autofocus.errors import AppError, Forbidden

API_TOKEN_SCOPE = "api_token_scope"
READ = "read"
WRITE = "write"

READ_SCOPE_MESSAGE = (
    "This token may only read. Create a token with the write scope to make changes."
)
BROWSER_ONLY_MESSAGE = "This can only be done in the web app, signed in with your email."

_token_mutations: set[str] = set()


def bearer_credentials(authorization: str) -> str | None:
    """The credentials of an `Authorization: Bearer` header's value; None for any other
    scheme (such as a proxy's Basic authentication) or no header."""
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return credentials.strip()


def allow_with_api_token(*fields: str) -> None:
    """Declares root mutation fields (GraphQL names) usable with a `write` token. Only those
    named here are: a mutation added later stays browser-only until its app names it."""
    _token_mutations.update(fields)


def token_mutations() -> frozenset[str]:
    return frozenset(_token_mutations)


def api_token_scope(request: HttpRequest) -> str | None:
    """The scope of the token that authenticated `request`; None for browser requests."""
    return getattr(request, API_TOKEN_SCOPE, None)


class ApiTokenAccess:
    """graphene middleware, installed on token requests only: checks each mutation field."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    def resolve(self, next_: Any, root: Any, info: Any, **args: Any) -> Any:
        if info.path.prev is None and info.operation.operation == OperationType.MUTATION:
            if info.field_name not in _token_mutations:
                raise Forbidden(BROWSER_ONLY_MESSAGE)
            if self.scope != WRITE:
                raise Forbidden(READ_SCOPE_MESSAGE)
        return next_(root, info, **args)


def graphql_middleware(request: HttpRequest, middleware: Iterable[Any] | None) -> list[Any]:
    """The view's graphene middleware for `request`: token requests get their access check."""
    chosen = list(middleware or ())
    scope = api_token_scope(request)
    if scope is not None:
        chosen.append(ApiTokenAccess(scope))
    return chosen


def error_response(
    error: AppError, *, status: int, headers: dict[str, str] | None = None
) -> JsonResponse:
    """An answer in the GraphQL error shape, for refusals made before the view runs."""
    response = JsonResponse(
        {"errors": [{"message": error.message, "extensions": error.extensions}]},
        status=status,
        json_dumps_params={"separators": (",", ":")},  # as the GraphQL view writes
    )
    for name, value in (headers or {}).items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response
