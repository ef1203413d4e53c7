"""The product's URLs behind the benchmark's floor view, `/bench/items`."""

from django.urls import path

from autofocus.urls import handler404, handler500  # noqa: F401
from autofocus.urls import urlpatterns as product_urlpatterns
from bench.views import items

urlpatterns = [path("bench/items", items, name="bench-items"), *product_urlpatterns]
