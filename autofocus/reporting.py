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
