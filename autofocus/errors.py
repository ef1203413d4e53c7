"""Errors the product reports to its users.

Services raise these; the GraphQL view turns each into an error with a human message and
``extensions.code``. Anything else that escapes a resolver is logged, reported, and masked.
"""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        line: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.line = line
        self.details = details or {}

    @property
    def extensions(self) -> dict[str, Any]:
        extensions: dict[str, Any] = {"code": self.code}
        if self.field:
            extensions["field"] = self.field
        if self.line is not None:
            extensions["line"] = self.line
        extensions.update(self.details)
        return extensions


class BadUserInput(AppError):
    code = "BAD_USER_INPUT"


class Unauthenticated(AppError):
    code = "UNAUTHENTICATED"


class NotFound(AppError):
    code = "NOT_FOUND"


class Conflict(AppError):
    code = "CONFLICT"


class RateLimited(AppError):
    code = "RATE_LIMITED"


class BadRequest(AppError):
    """The request itself is malformed: not JSON, a batch, no query, an unknown operation,
    a mutation sent with GET. A client mistake: logged at INFO, never reported."""

    code = "BAD_REQUEST"


class QueryTooLarge(AppError):
    """The body is over the size limit (HTTP 413) or the document over the token limit."""

    code = "QUERY_TOO_LARGE"


class QueryTooComplex(AppError):
    """The document is over the cost, alias or depth limit."""

    code = "QUERY_TOO_COMPLEX"


class ServiceUnavailable(AppError):
    """The database cannot be reached (or stays locked): HTTP 503 with Retry-After."""

    code = "SERVICE_UNAVAILABLE"


class Forbidden(AppError):
    """The credentials are valid but may not do this (a read-only token calling a mutation,
    or a token calling a web-app-only mutation)."""

    code = "FORBIDDEN"
