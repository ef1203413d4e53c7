"""Error reports (Rollbar) never carry a login credential."""

from __future__ import annotations

import re
from typing import Any

SHORT_LINK = re.compile(r"/s/[A-Za-z0-9_-]+")
SESAME = re.compile(r"(sesame=)[^&\s\"']+")


def scrub_text(text: str) -> str:
    return SESAME.sub(r"\1********", SHORT_LINK.sub("/s/********", text))


def scrub(value: Any) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item) for item in value]
    return value


def rollbar_payload_handler(payload: dict, **kwargs: Any) -> dict:
    """Masks short-link codes and login tokens wherever they appear (URLs, bodies, messages);
    Rollbar's own scrub_fields only catch them under known parameter names."""
    return scrub(payload)


def install() -> None:
    from django.conf import settings

    if not settings.ROLLBAR["enabled"]:
        return
    import rollbar

    options: dict[str, Any] = settings.ROLLBAR
    rollbar.init(**options)
    rollbar.events.add_payload_handler(rollbar_payload_handler)


# --- throttled reports -----------------------------------------------------------------------

REPORT_INTERVAL = 60.0  # seconds


class ReportThrottle:
    """One report per kind of failure per interval, with how many occurred since the last.

    A failure's kind is its exception class and the place it was raised, so a database that
    is down for a minute gives one report (then one a minute, with a count), not one per
    request. Kept per process.
    """

    def __init__(self, interval: float = REPORT_INTERVAL, clock: Any = None) -> None:
        import threading
        import time

        self.interval = interval
        self.clock = clock or time.monotonic
        self.lock = threading.Lock()
        self.last: dict[tuple, float] = {}
        self.suppressed: dict[tuple, int] = {}

    @staticmethod
    def kind(error: BaseException) -> tuple:
        frame = error.__traceback__
        while frame is not None and frame.tb_next is not None:
            frame = frame.tb_next
        where = (frame.tb_frame.f_code.co_filename, frame.tb_lineno) if frame else ("", 0)
        return (type(error).__module__, type(error).__qualname__, *where)

    def admit(self, error: BaseException) -> int | None:
        """The number of occurrences to report now (this one included), or None to stay
        silent and count it."""
        key = self.kind(error)
        now = self.clock()
        with self.lock:
            last = self.last.get(key)
            if last is not None and now - last < self.interval:
                self.suppressed[key] = self.suppressed.get(key, 0) + 1
                return None
            self.last[key] = now
            return self.suppressed.pop(key, 0) + 1


throttle = ReportThrottle()


def send(error: BaseException, *, request: Any = None, occurrences: int = 1) -> None:
    """Sends one report to Rollbar (when configured)."""
    from django.conf import settings

    if not settings.ROLLBAR["enabled"]:
        return
    import rollbar

    rollbar.report_exc_info(
        (type(error), error, error.__traceback__),
        request,
        extra_data={"occurrences": occurrences},
    )


def report_exception(error: BaseException, *, request: Any = None) -> bool:
    """Reports an unexpected exception, at most once a minute per kind of failure; the report
    says how many occurred since the previous one. Returns whether a report was sent."""
    occurrences = throttle.admit(error)
    if occurrences is None:
        return False
    send(error, request=request, occurrences=occurrences)
    return True


class ThrottledReportMiddleware:
    """Reports exceptions raised by views, throttled (Rollbar's own middleware reports every
    single one)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        return self.get_response(request)

    def process_exception(self, request: Any, exception: Exception) -> None:
        from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
        from django.http import Http404

        from autofocus.outage import is_unavailable

        client_mistakes = (Http404, PermissionDenied, SuspiciousOperation, BadRequest)
        if isinstance(exception, client_mistakes) or is_unavailable(exception):
            return None  # not a fault, or reported by the outage middleware
        report_exception(exception, request=request)
        return None
