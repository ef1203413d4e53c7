"""Errors the product reports to its users.

Services raise these; the GraphQL view turns each into an error with a human message and
``extensions.code``. Anything else that escapes a resolver is logged, reported, and masked.
"""

from __future__ import annotations


class AppError(Exception):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, *, field: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.line = line

    @property
    def extensions(self) -> dict[str, str | int]:
        extensions: dict[str, str | int] = {"code": self.code}
        if self.field:
            extensions["field"] = self.field
        if self.line is not None:
            extensions["line"] = self.line
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
