import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from autofocus.models import RateCounter
from autofocus.ratelimit import rate_limit_hit


@pytest.mark.django_db
def test_clean_ratelimits_deletes_only_counters_whose_window_has_ended(settings, capsys):
    settings.RATELIMIT_ENABLED = True
    settings.REDIS_URL = ""
    now = int(time.time())
    RateCounter.objects.create(key="old", window=1, count=3, expires=now - 10)
    rate_limit_hit(scope="login-ip", ident="10.0.0.1", rate="5/h")

    call_command("clean_ratelimits")

    assert list(RateCounter.objects.values_list("count", flat=True)) == [1]
    assert "Removed 1 stale rate-limit counters" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_counters_keep_their_rows_when_they_move_from_accounts_to_the_core():
    executor = MigrationExecutor(connection)
    before = [("accounts", "0001_initial"), ("autofocus", None)]
    executor.migrate(before)
    with connection.cursor() as cursor:
        cursor.execute(
            'INSERT INTO accounts_ratecounter (key, "window", count, expires) '
            "VALUES (%s, %s, %s, %s)",
            ["k", 7, 4, 99],
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(RateCounter.objects.values_list("key", "window", "count")) == [("k", 7, 4)]
    assert "accounts_ratecounter" not in connection.introspection.table_names()
