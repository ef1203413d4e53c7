"""Settings of the benchmark servers: the production settings, plus the floor view's URL.

`BENCH_CONN_MAX_AGE` (read only here) turns on Django's persistent database connections
for the sync WSGI floor; PostgreSQL's connection pool is then left out, since Django refuses
both at once.
"""

import os

from autofocus.settings import *  # noqa: F403
from autofocus.settings import DATABASES

ROOT_URLCONF = "bench.urls"

_conn_max_age = os.environ.get("BENCH_CONN_MAX_AGE", "").strip()
if _conn_max_age:
    DATABASES["default"]["CONN_MAX_AGE"] = int(_conn_max_age)
    DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
