"""The product's URLs behind the benchmark's floor view, `/bench/items`."""

from django.urls import path

from autofocus.urls import handler404, handler500, urlpatterns as product_urlpatterns  # noqa: F401
from bench.views import items

urlpatterns = [path("bench/items", items, name="bench-items"), *product_urlpatterns]
