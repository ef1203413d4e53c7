from django.apps import AppConfig


class FocusConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "focus"

    def ready(self) -> None:
        from accounts.signals import user_signed_up
        from focus.receivers import start_list_of_new_account

        user_signed_up.connect(start_list_of_new_account, dispatch_uid="focus.list_start")
