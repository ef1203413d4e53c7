"""The staff dashboard: charts of the dbt marts, inside the admin."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from analytics.charts import Series, bar_chart, line_chart
from analytics.marts import Marts, marts_read

REFRESH_COMMAND = "cd af_dbt && dbt deps && dbt run"


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _charts(marts: Marts) -> dict:
    days = [row["day"].strftime("%b %d") for row in marts.daily]
    weeks = [row["week"].strftime("%b %d") for row in marts.health]

    def col(rows: list[dict], name: str) -> list:
        return [None if row[name] is None else float(row[name]) for row in rows]

    totals = {
        name: sum(row[name] for row in marts.cohorts)
        for name in (
            "users",
            "validated",
            "added_own_task",
            "first_completion",
            "active_week_1",
            "active_week_4",
        )
    }
    cohorts = [
        {
            "week": row["cohort_week"],
            "users": row["users"],
            "cells": [
                _share(row[name], row["users"])
                for name in (
                    "validated",
                    "added_own_task",
                    "first_completion",
                    "active_week_1",
                    "active_week_4",
                )
            ],
        }
        for row in marts.cohorts
    ]
    return {
        "people_chart": line_chart(
            "People per day",
            days,
            [
                Series("Active", col(marts.daily, "active_users"), "series-1"),
                Series("Signed up", col(marts.daily, "new_users"), "series-2"),
                Series("Confirmed", col(marts.daily, "validated_users"), "series-3"),
            ],
        ),
        "actions_chart": line_chart(
            "Actions per day",
            days,
            [
                Series("Added", col(marts.daily, "items_created"), "series-1"),
                Series("Done", col(marts.daily, "items_completed"), "series-2"),
                Series("Re-entered", col(marts.daily, "items_reentered"), "series-3"),
                Series("Dismissed", col(marts.daily, "items_dismissed"), "series-4"),
                Series("Pages passed", col(marts.daily, "pages_passed"), "series-5"),
                Series("Undos", col(marts.daily, "undos"), "series-6"),
            ],
        ),
        "funnel_chart": bar_chart(
            "Sign-up funnel",
            [
                "Signed up",
                "Confirmed",
                "Own task",
                "First done",
                "Active wk 1",
                "Active wk 4",
            ],
            list(totals.values()),
            "series-1",
        ),
        "health_chart": line_chart(
            "Method health per week",
            weeks,
            [
                Series(
                    "Passes that found something",
                    col(marts.health, "first_pass_success_share"),
                    "series-2",
                ),
                Series(
                    "Dismissed, later restored", col(marts.health, "restored_share"), "series-3"
                ),
                Series("Dismissed, later deleted", col(marts.health, "deleted_share"), "series-4"),
            ],
            percent=True,
        ),
        "cohorts": cohorts,
        "totals": totals,
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    """Staff only; anyone else (signed out included) gets the ordinary 404 page."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        raise Http404
    marts = marts_read()
    context = {
        **admin.site.each_context(request),
        "title": "Analytics",
        "is_nav_sidebar_enabled": False,
        "marts": marts,
        "refresh_command": REFRESH_COMMAND,
        **(_charts(marts) if marts else {}),
    }
    return TemplateResponse(request, "analytics/dashboard.html", context)
