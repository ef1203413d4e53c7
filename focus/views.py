"""Downloads of the list: `/export/autofocus.{json,csv,md}` for the signed-in user.

Each is one streaming response read from the database in chunks, so memory does not grow
with the list; never cached (`no-store`), named with the day of the export. Anonymous
requests get a 403 that says nothing about any list.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from zoneinfo import ZoneInfo

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponseForbidden, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from focus import formats, selectors

CHUNK_CHARS = 64 * 1024
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def _batched(parts: Iterable[str]) -> Iterator[bytes]:
    """Joins small parts into chunks of about CHUNK_CHARS characters."""
    buffer: list[str] = []
    size = 0
    for part in parts:
        buffer.append(part)
        size += len(part)
        if size >= CHUNK_CHARS:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode()


async def _from_thread(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """Hands a synchronous (database-reading) iterator to the ASGI server chunk by chunk,
    each step in the request's thread; Django would otherwise read it whole into a list."""

    def step() -> bytes | None:
        return next(chunks, None)

    fetch = sync_to_async(step, thread_sensitive=True)
    while (chunk := await fetch()) is not None:
        yield chunk


def _parts(request: HttpRequest, kind: str) -> Iterator[str]:
    user = request.user
    notebook = selectors.notebook_of(user=user)  # type: ignore[arg-type]
    items = selectors.items_export(user=user)  # type: ignore[arg-type]
    if kind == "json":
        return formats.export_json(
            items,
            exported_at=timezone.now(),
            page_size=notebook.page_size,
            language=user.language,  # type: ignore[union-attr]
            time_zone=user.time_zone,  # type: ignore[union-attr]
        )
    if kind == "csv":
        return formats.export_csv(items)
    return formats.export_markdown(items, page_size=notebook.page_size)


@require_GET
def export(request: HttpRequest, kind: str) -> HttpResponseBase:
    if not request.user.is_authenticated:
        response: HttpResponseBase = HttpResponseForbidden(
            "Please sign in to download your list.", content_type="text/plain; charset=utf-8"
        )
        add_never_cache_headers(response)
        return response
    chunks = _batched(_parts(request, kind))
    response = StreamingHttpResponse(
        _from_thread(chunks) if isinstance(request, ASGIRequest) else chunks,
        content_type=CONTENT_TYPES[kind],
    )
    # The file is named after the day where the person is.
    day = timezone.localdate(timezone=ZoneInfo(request.user.time_zone)).isoformat()
    response["Content-Disposition"] = f'attachment; filename="autofocus-{day}.{kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)  # includes no-store
    return response
