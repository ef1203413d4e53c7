"""The real URLs plus one that fails, to show the server error page in a browser."""

from django.urls import path

from autofocus.urls import urlpatterns as real_urlpatterns


def boom(request):
    raise RuntimeError("deliberate failure to render the server error page")


urlpatterns = [path("boom", boom), *real_urlpatterns]

handler404 = "autofocus.views.page_not_found"
handler500 = "autofocus.views.server_error"
