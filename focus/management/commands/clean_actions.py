"""Removes the action ids recorded more than --days days ago (30 by default)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from focus.actions import ACTION_KEEP_DAYS, actions_purge


class Command(BaseCommand):
    help = "Deletes action ids (kept so that retried mutations apply once) older than --days days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=ACTION_KEEP_DAYS,
            help=f"Keep ids of the last this many days (default {ACTION_KEEP_DAYS}, the minimum).",
        )

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < ACTION_KEEP_DAYS:
            raise CommandError(f"--days must be {ACTION_KEEP_DAYS} or more.")
        self.stdout.write(f"Removed {actions_purge(days=days)} action ids")
