from django.apps import AppConfig


class FocusConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "focus"

    def ready(self) -> None:
        from accounts.signals import user_deleting, user_signed_up
        from focus.receivers import erase_list_of_deleted_account, start_list_of_new_account

        user_signed_up.connect(start_list_of_new_account, dispatch_uid="focus.list_start")
        # A deleted account's list goes first, in batches (a cascade would load it whole).
        user_deleting.connect(erase_list_of_deleted_account, dispatch_uid="focus.erase_list")
