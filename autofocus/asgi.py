"""ASGI entry point (gunicorn with uvicorn workers, see the Procfile)."""

import os

import django
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autofocus.settings")


class SyncChainASGIHandler(ASGIHandler):
    """Django's ASGI handler with the middleware chain and the view run in one thread hop.

    Every view and the database here are synchronous. Django's own ASGI handler runs each
    async-capable middleware in async mode and hands every sync hook, and then the view, to a
    worker thread separately (WhiteNoise, sync-only, adds more switches): about fifteen
    crossings between the event loop and the thread per request. Building the chain in sync
    mode, as under WSGI, and entering it once costs one.
    """

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)
        chain = self._middleware_chain  # type: ignore[has-type]
        self._middleware_chain = sync_to_async(chain, thread_sensitive=True)


def get_application() -> SyncChainASGIHandler:
    django.setup(set_prefix=False)
    return SyncChainASGIHandler()


application = get_application()
