"""Keeps the middleware chain in one thread under ASGI."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class SyncChain:
    """A sync-only, do-nothing middleware placed innermost.

    Under ASGI Django runs every async-capable middleware in async mode and hands each of
    their sync hooks to a worker thread separately (WhiteNoise, which is sync-only, adds more
    switches). The views and the database are synchronous here, so that is pure overhead:
    with this at the bottom of MIDDLEWARE every middleware above it runs in sync mode, and a
    request crosses between the event loop and its thread about three times instead of
    fifteen.
    """

    sync_capable = True
    async_capable = False

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)
