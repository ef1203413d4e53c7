from django.urls import path

from focus import views

app_name = "focus"

urlpatterns = [
    path("autofocus.json", views.export, {"kind": "json"}, name="export-json"),
    path("autofocus.csv", views.export, {"kind": "csv"}, name="export-csv"),
    path("autofocus.md", views.export, {"kind": "md"}, name="export-md"),
]
