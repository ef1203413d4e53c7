"""Reads of the dbt marts (schema `dbt`, built daily by af_dbt/) for the staff dashboard.

The marts are plain tables that dbt rebuilds; Django has no models for them. When they do
not exist (SQLite, or dbt has not run yet) the reader says so instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import DatabaseError, connection, transaction

DAILY_COLUMNS = (
    "day",
    "active_users",
    "new_users",
    "validated_users",
    "items_created",
    "items_completed",
    "items_reentered",
    "items_dismissed",
    "items_restored",
    "items_deleted",
    "pages_passed",
    "undos",
)
COHORT_COLUMNS = (
    "cohort_week",
    "users",
    "validated",
    "added_own_task",
    "first_completion",
    "active_week_1",
    "active_week_4",
)
HEALTH_COLUMNS = (
    "week",
    "page_passes",
    "first_pass_success_share",
    "tasks_done",
    "median_reentries_to_done",
    "median_days_to_done",
    "dismissed",
    "restored_share",
    "deleted_share",
)
DAYS_SHOWN = 60


@dataclass
class Marts:
    built_at: datetime | None
    data_until: date | None
    daily: list[dict[str, Any]] = field(default_factory=list)
    cohorts: list[dict[str, Any]] = field(default_factory=list)
    health: list[dict[str, Any]] = field(default_factory=list)
    lists: dict[str, Any] = field(default_factory=dict)


def _rows(sql: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def marts_read() -> Marts | None:
    """The marts for the dashboard, or None when they have not been built on this database."""
    if connection.vendor != "postgresql":
        return None
    try:
        with transaction.atomic():
            refreshed = _rows(
                "select built_at, data_until from dbt.marts_refreshed", ("built_at", "until")
            )
            daily = _rows(
                f"select {', '.join(DAILY_COLUMNS)} from dbt.daily_activity "
                f"order by day desc limit {DAYS_SHOWN}",
                DAILY_COLUMNS,
            )
            cohorts = _rows(
                f"select {', '.join(COHORT_COLUMNS)} from dbt.signup_cohorts "
                "order by cohort_week desc limit 12",
                COHORT_COLUMNS,
            )
            health = _rows(
                f"select {', '.join(HEALTH_COLUMNS)} from dbt.method_health "
                "order by week desc limit 12",
                HEALTH_COLUMNS,
            )
            lists = _rows(
                "select count(*), coalesce(sum(open_items), 0), "
                "percentile_cont(0.5) within group (order by open_items), "
                "percentile_cont(0.5) within group (order by oldest_open_days), "
                "avg(completion_rate_30d) from dbt.user_lists",
                ("people", "open_items", "median_open", "median_oldest_days", "completion_rate"),
            )
    except DatabaseError:
        return None
    first = refreshed[0] if refreshed else {"built_at": None, "until": None}
    return Marts(
        built_at=first["built_at"],
        data_until=first["until"],
        daily=list(reversed(daily)),
        cohorts=list(reversed(cohorts)),
        health=list(reversed(health)),
        lists=lists[0] if lists else {},
    )
