"""The staff dashboard: staff only (404 for everyone else), charts of the marts, freshness."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client

from accounts.tests.factories import UserFactory
from analytics.testing import marts_create

pytestmark = pytest.mark.django_db
URL = "/admin/analytics/"


def client_for(**fields) -> Client:
    client = Client()
    client.force_login(UserFactory(**fields), backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_signed_out_visitors_get_a_404():
    assert Client().get(URL).status_code == 404


def test_people_who_are_not_staff_get_a_404():
    response = client_for(email="person@example.com").get(URL)
    assert response.status_code == 404
    assert b"Analytics" not in response.content


def test_staff_see_the_charts_or_how_to_build_them():
    client = client_for(email="staff@example.com", is_staff=True)
    if connection.vendor == "postgresql":
        marts_create(until=date(2026, 3, 14))
        page = client.get(URL).content.decode()
        assert "Data up to <strong>Saturday 14 March 2026</strong>" in page
        assert "cd af_dbt &amp;&amp; dbt deps &amp;&amp; dbt run" in page
        assert page.count('<figure class="chart"><svg') == 4
        assert "People per day" in page and "Sign-up funnel" in page
        assert "Method health per week" in page
        assert "<td>10</td>" in page  # the older cohort's size
        assert "80%" in page  # 8 of its 10 people confirmed
    else:
        page = client.get(URL).content.decode()
        assert "No analytics yet" in page
        assert "Analytics needs PostgreSQL" in page


def test_staff_without_built_marts_are_told_how_to_build_them():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("drop schema if exists dbt cascade")
    page = client_for(email="staff@example.com", is_staff=True).get(URL).content.decode()
    assert "No analytics yet" in page
    assert "make analytics" in page
