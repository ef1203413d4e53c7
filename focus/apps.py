from django.apps import AppConfig


def _erase_list(sender, *, user, **kwargs) -> None:
    from focus.services import list_erase

    list_erase(user=user)


class FocusConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "focus"

    def ready(self) -> None:
        from accounts.signals import user_deleting, user_signed_up
        from focus.receivers import start_list_of_new_account

        user_signed_up.connect(start_list_of_new_account, dispatch_uid="focus.list_start")
        # A deleted account's list goes first, in batches (a cascade would load it whole).
        user_deleting.connect(_erase_list, dispatch_uid="focus.erase_list")
