from django.contrib import admin
from django.urls import include, path, re_path

from autofocus import views
from autofocus.graphql import AutofocusGraphQLView

urlpatterns = [
    path("", views.app_shell, name="app"),
    re_path(r"^(?:dismissed|settings|settings/import|help|print|stats)/?$", views.app_shell),
    path("graphql", AutofocusGraphQLView.as_view(), name="graphql"),
    path("graphql/schema.graphql", views.schema_file, name="graphql-schema"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("sw.js", views.root_file, {"name": "sw.js"}),
    path("manifest.webmanifest", views.root_file, {"name": "manifest.webmanifest"}),
    path("", include("accounts.urls")),
    path("s/", include("shortlinks.urls")),
    path("admin/analytics/", include("analytics.urls")),
    path("export/", include("focus.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "autofocus.views.page_not_found"
handler500 = "autofocus.views.server_error"
