import time
from typing import Any

from django.core.management.base import BaseCommand

from autofocus.models import RateCounter


class Command(BaseCommand):
    help = "Deletes rate-limit counters whose window has ended."

    def handle(self, *args: Any, **options: Any) -> None:
        stale, _ = RateCounter.objects.filter(expires__lt=int(time.time())).delete()
        self.stdout.write(f"Removed {stale} stale rate-limit counters")
