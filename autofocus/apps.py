from django.apps import AppConfig


class AutofocusConfig(AppConfig):
    """The core as an app, for its rate-limit counters and its management commands."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "autofocus"
