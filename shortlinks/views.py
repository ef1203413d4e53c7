from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers

from autofocus.i18n import render_bilingual
from autofocus.ratelimit import client_ip, rate_limit_hit
from shortlinks.services import shortlink_follow


def follow(request: HttpRequest, code: str) -> HttpResponse:
    allowed = rate_limit_hit(
        scope="shortlink", ident=client_ip(request), rate=settings.SHORTLINK_RATE_PER_IP
    )
    target = shortlink_follow(code=code) if allowed else None
    if target is None:
        # Unknown, expired, used-up and rate-limited codes all look the same.
        response = render_bilingual(request, "404.html", status=404)
    else:
        response = HttpResponseRedirect(target)
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    return response
