from django.apps import AppConfig


class FocusConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "focus"
