from django.apps import AppConfig


class ShortlinksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "shortlinks"
