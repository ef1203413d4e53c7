from django.core.management.base import BaseCommand, CommandError

from accounts.models import User, normalize_email
from accounts.services import login_link_create


class Command(BaseCommand):
    help = (
        "Prints a one-time login link for an existing account. Accounts have no password: "
        "this is how staff created with `createsuperuser` get into the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = User.objects.filter(pk=normalize_email(email)).first()
        if user is None:
            raise CommandError(f"No account for {email!r}. Create one with createsuperuser.")
        self.stdout.write(login_link_create(user=user))
