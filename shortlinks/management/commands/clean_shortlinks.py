from django.core.management.base import BaseCommand

from shortlinks.services import shortlinks_purge_expired


class Command(BaseCommand):
    help = "Deletes expired short links."

    def handle(self, *args, **options):
        links = shortlinks_purge_expired()
        self.stdout.write(f"Removed {links} expired short links")
