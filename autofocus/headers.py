"""Response headers the CSP and SecurityMiddleware do not cover.

* `Permissions-Policy`: every browser feature the app does not use is denied.
* `Cross-Origin-Resource-Policy: same-origin`: no other site may embed our responses.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = ", ".join(f"{name}=()" for name in settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
