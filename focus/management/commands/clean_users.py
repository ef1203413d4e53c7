"""Deletes abandoned accounts: never validated, never worked on their list, and old."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from focus.models import Item, ItemState


def abandoned_users(*, days: int):
    """Accounts older than `days` (by date joined) that never opened a login link and never
    completed or re-entered an item (undone actions do not count). Staff are never included."""
    worked = Item.objects.filter(state__in=[ItemState.DONE, ItemState.REENTERED]).values("user")
    return User.objects.filter(
        is_validated=False,
        is_staff=False,
        is_superuser=False,
        date_joined__lt=timezone.now() - timedelta(days=days),
    ).exclude(pk__in=worked)


class Command(BaseCommand):
    help = (
        "Delete accounts that were never validated and never completed or re-entered an item, "
        "joined more than --days days ago."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=14,
            help="Only accounts that joined more than this many days ago (default 14).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the accounts that would be removed."
        )

    def handle(self, *args, days: int, dry_run: bool, **options) -> None:
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        with transaction.atomic():
            users = abandoned_users(days=days)
            if dry_run:
                self.stdout.write(f"Would remove {users.count()} users")
                return
            emails = list(users.values_list("pk", flat=True))
            User.objects.filter(pk__in=emails).delete()
        self.stdout.write(f"Removed {len(emails)} users")
