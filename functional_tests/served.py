"""Where the stories run, from the environment.

* No `FT_BASE_URL`: against Django's in-process live server, with a test database and the
  in-memory outbox (the default).
* `FT_BASE_URL` on this machine (127.0.0.1, localhost): against that running server, which
  must use the same `DATABASE_URL` and `DJANGO_SECRET_KEY` as the tests (stories create
  accounts and read the list straight from the database; that database is emptied after
  every story). Login emails come from `FT_MAIL_DIR` (the server's file email backend).
* `FT_BASE_URL` elsewhere (staging): no database access, so stories that need it are skipped
  with that reason; emails come over IMAP from `FT_IMAP_URL`.
  `FT_SHARED_DATABASE=1` or `0` overrides the guess made from the host name.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

BASE_URL = os.environ.get("FT_BASE_URL", "").strip().rstrip("/")
SERVED = bool(BASE_URL)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _shared_database() -> bool:
    if not SERVED:
        return False
    override = os.environ.get("FT_SHARED_DATABASE", "").strip().lower()
    if override:
        return override in ("1", "true", "yes", "on")
    return urlsplit(BASE_URL).hostname in LOOPBACK


SHARED_DATABASE = _shared_database()
REMOTE = SERVED and not SHARED_DATABASE

NEEDS_DATABASE = (
    f"needs the served app's database (accounts, lists), which {BASE_URL} does not share "
    "with the tests"
)
NEEDS_IN_PROCESS = "changes the in-process server's settings, which a served app cannot do"
NO_MAILBOX = (
    f"cannot read the mail {BASE_URL} sends: set FT_MAIL_DIR (file email backend on this "
    "machine) or FT_IMAP_URL (a test mailbox)"
)
