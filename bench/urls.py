"""The product's URLs behind the benchmark's floor views, `/bench/items` (read) and
`/bench/create`, `/bench/complete` (writes)."""

from django.urls import path

from autofocus.urls import handler404, handler500  # noqa: F401
from autofocus.urls import urlpatterns as product_urlpatterns
from bench.views import complete, create, items

urlpatterns = [
    path("bench/items", items, name="bench-items"),
    path("bench/create", create, name="bench-create"),
    path("bench/complete", complete, name="bench-complete"),
    *product_urlpatterns,
]
