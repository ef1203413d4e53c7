"""Builds small dbt marts by hand (schema `dbt`) for the dashboard's tests on PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection

TABLES = """
create schema if not exists dbt;
drop table if exists dbt.daily_activity, dbt.signup_cohorts, dbt.method_health,
    dbt.user_lists, dbt.marts_refreshed;
create table dbt.daily_activity (day date, active_users int, new_users int,
    validated_users int, items_created int, items_completed int, items_reentered int,
    items_dismissed int, items_restored int, items_deleted int, pages_passed int, undos int);
create table dbt.signup_cohorts (cohort_week date, users int, validated int,
    added_own_task int, first_completion int, active_week_1 int, active_week_4 int);
create table dbt.method_health (week date, page_passes int, first_pass_success_share numeric,
    tasks_done int, median_reentries_to_done numeric, median_days_to_done numeric,
    dismissed int, restored_share numeric, deleted_share numeric);
create table dbt.user_lists (user_id text, open_items int, dismissed_waiting int, pages int,
    oldest_open_days int, completed_30d int, dismissed_30d int, completion_rate_30d numeric);
create table dbt.marts_refreshed (built_at timestamptz, data_until date, cohorts bigint,
    lists bigint, weeks bigint);
"""


def marts_create(*, until: date, days: int = 14) -> None:
    """Marts with `days` days of activity up to `until` and two cohorts (PostgreSQL only)."""
    with connection.cursor() as cursor:
        cursor.execute(TABLES)
        for n in range(days):
            day = until - timedelta(days=days - 1 - n)
            cursor.execute(
                "insert into dbt.daily_activity values (%s, %s, 1, 1, %s, %s, 2, 1, 0, 0, 5, 1)",
                [day, 3 + n % 4, 10 + n, 7 + n],
            )
        monday = until - timedelta(days=until.weekday())
        cursor.execute(
            "insert into dbt.signup_cohorts values (%s, 10, 8, 6, 5, 3, 1), (%s, 4, 4, 4, 2, 1, 0)",
            [monday - timedelta(days=7), monday],
        )
        cursor.execute(
            "insert into dbt.method_health values (%s, 40, 0.75, 30, 1, 2.5, 8, 0.5, 0.25)",
            [monday],
        )
        cursor.execute(
            "insert into dbt.user_lists values ('abc', 12, 3, 2, 9, 20, 5, 0.8),"
            " ('def', 4, 0, 1, 2, 3, 1, 0.75)"
        )
        cursor.execute("insert into dbt.marts_refreshed values (now(), %s, 2, 2, 1)", [until])
