from django.contrib import admin
from django.urls import include, path, re_path

from analytics.views import dashboard as analytics_dashboard
from autofocus import views
from autofocus.graphql import AutofocusGraphQLView

urlpatterns = [
    path("", views.app_shell, name="app"),
    re_path(r"^(?:dismissed|settings|help|stats)/?$", views.app_shell),
    path("graphql", AutofocusGraphQLView.as_view(), name="graphql"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("sw.js", views.root_file, {"name": "sw.js"}),
    path("manifest.webmanifest", views.root_file, {"name": "manifest.webmanifest"}),
    path("", include("accounts.urls")),
    path("s/", include("shortlinks.urls")),
    path("admin/analytics/", analytics_dashboard, name="analytics-dashboard"),
    path("admin/", admin.site.urls),
]

handler404 = "autofocus.views.page_not_found"
handler500 = "autofocus.views.server_error"
