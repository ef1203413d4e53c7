import time

from django.core.management.base import BaseCommand

from accounts.models import RateCounter
from shortlinks.services import shortlinks_purge_expired


class Command(BaseCommand):
    help = "Deletes expired short links and rate-limit counters whose window has ended."

    def handle(self, *args, **options):
        links = shortlinks_purge_expired()
        stale, _ = RateCounter.objects.filter(expires__lt=int(time.time())).delete()
        self.stdout.write(f"Removed {links} expired short links and {stale} stale counters")
