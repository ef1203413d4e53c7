"""Story: Sam, on the staff, opens the analytics page in the admin and reads which day the
data is from; Ann, who is not staff, finds no such page."""

from datetime import date

import pytest
from django.db import connection
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_read_the_analytics_page_and_others_get_not_found(app, make_user):
    from accounts.models import User

    if connection.vendor == "postgresql":
        from analytics.testing import marts_create

        marts_create(until=date(2026, 3, 14))
    sam = User.objects.create_user("sam@example.com", is_validated=True, is_staff=True)

    app.sign_in_as(sam)
    app.open("/admin/analytics/")
    if connection.vendor == "postgresql":
        app.wait_for_text("Data up to Saturday 14 March 2026 (UTC days)")
        app.wait_for_text("cd af_dbt && dbt deps && dbt run")
        charts = app.driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
        assert len(charts) == 4
        assert all(chart.is_displayed() and chart.size["width"] > 300 for chart in charts)
        titles = [c.find_element(By.TAG_NAME, "title").get_attribute("textContent") for c in charts]
        assert titles == [
            "People per day",
            "Actions per day",
            "Sign-up funnel",
            "Method health per week",
        ]
        app.wait_for_text("Retention by sign-up week")
        app.wait_for_text("Method health")
    else:
        app.wait_for_text("No analytics yet")
        app.wait_for_text("Analytics needs PostgreSQL")

    # The breadcrumb leads back to the admin's home.
    app.click("Home")
    app.until(lambda d: d.current_url == app.url("/admin/"), "not back on the admin home")

    # Ann is not staff: the page does not exist for her.
    ann = make_user("ann@example.com")
    app.forget_everything()
    app.sign_in_as(ann)
    app.open("/admin/analytics/")
    assert app.heading() == "Page not found"
    assert "Data up to" not in app.body_text() and "No analytics yet" not in app.body_text()
