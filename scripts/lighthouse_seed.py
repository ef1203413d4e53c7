"""Seeds the database `make lighthouse` measures (DATABASE_URL, already migrated): one person
with a list of 60 tasks, some worked through, and prints a signed-in session key for them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autofocus.settings")

# The first of these is on the working page: frontend/scripts/lighthouse.mjs looks for it.
TASKS = [
    "Reply to Anna about the venue",
    "Draft the quarterly report",
    "Book dentist appointment",
    "Read chapter 3 of the statistics book",
    "Fix the leaking kitchen tap",
    "Plan the weekend hike",
    "Renew the car insurance",
    "Sort out photos from the trip",
    "Call the bank about the card",
    "Prepare slides for Tuesday",
]


def seed() -> str:
    import django

    django.setup()
    from accounts.models import User
    from accounts.sessions import session_key_for
    from focus import services

    user = User.objects.create_user("lighthouse@example.com", is_validated=True)
    items = [services.item_create(user=user, text=text) for text in TASKS * 6]
    for item in items[1:20:3]:
        services.item_complete(user=user, item_id=item.pk)
    return session_key_for(user)


if __name__ == "__main__":
    print(seed())
