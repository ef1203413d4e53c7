from django.contrib import admin
from django.urls import path

from autofocus.graphql import AutofocusGraphQLView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql", AutofocusGraphQLView.as_view(), name="graphql"),
]
