"""While the database is out of reach: 503s everywhere, never a 500; then back to normal."""

import pytest
from django.db import OperationalError
from django.test import Client

from autofocus.outage import is_unavailable
from autofocus.testing import GraphQLClient, error_codes

pytestmark = pytest.mark.django_db

QUERY = "query { user { email } }"


@pytest.fixture
def database_down(monkeypatch):
    """Every SQL statement fails the way a lost connection does, until undone."""
    from django.db.backends.utils import CursorWrapper

    original = CursorWrapper.execute

    def refused(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refused)
    yield lambda: monkeypatch.setattr(CursorWrapper, "execute", original)


@pytest.fixture
def signed_in():
    from focus.tests.factories import UserFactory

    gql = GraphQLClient()
    gql.csrf_token()
    gql.force_login(UserFactory())
    return gql


def test_graphql_answers_503_with_retry_after(signed_in, database_down, monkeypatch):
    from autofocus import reporting

    monkeypatch.setattr(reporting, "send", lambda *a, **k: None)
    response = signed_in.client.post(
        "/graphql",
        data={"query": QUERY},
        content_type="application/json",
        headers={"X-CSRFToken": signed_in.csrf_token()},
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert error_codes(response.json()) == ["SERVICE_UNAVAILABLE"]
    # Back again: the same client is answered normally, without any restart.
    database_down()
    assert "errors" not in signed_in.execute(QUERY)


def test_a_mutation_during_an_outage_is_a_503(signed_in, database_down, monkeypatch):
    from autofocus import reporting

    monkeypatch.setattr(reporting, "send", lambda *a, **k: None)
    response = signed_in.client.post(
        "/graphql",
        data={"query": 'mutation { createItem(text: "x") { item { id } } }'},
        content_type="application/json",
        headers={"X-CSRFToken": signed_in.csrf_token()},
    )
    assert response.status_code == 503
    assert error_codes(response.json()) == ["SERVICE_UNAVAILABLE"]


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en-US,en;q=0.9", "The server is busy"), ("ru,en;q=0.5", "Сервер занят")],
)
def test_pages_show_a_friendly_503_in_the_visitors_language(
    signed_in, database_down, monkeypatch, language, heading
):
    from autofocus import reporting

    monkeypatch.setattr(reporting, "send", lambda *a, **k: None)
    response = signed_in.client.get(
        "/", headers={"Accept": "text/html", "Accept-Language": language}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert "Traceback" not in body
    database_down()
    assert signed_in.client.get("/").status_code == 200


def test_the_login_confirmation_page_shows_the_503_page(monkeypatch, request):
    from sesame.utils import get_query_string

    from autofocus import reporting
    from focus.tests.factories import UserFactory

    link = "/login" + get_query_string(UserFactory())
    request.getfixturevalue("database_down")
    monkeypatch.setattr(reporting, "send", lambda *a, **k: None)
    response = Client().get(link, headers={"Accept": "text/html"})
    assert response.status_code == 503
    assert "The server is busy" in response.content.decode()


def test_healthz_answers_503(database_down):
    response = Client().get("/healthz")
    assert response.status_code == 503
    database_down()
    assert Client().get("/healthz").status_code == 200


def test_an_outage_burst_is_reported_once_with_a_count(signed_in, database_down, monkeypatch):
    from autofocus import reporting

    sent = []
    monkeypatch.setattr(reporting, "throttle", reporting.ReportThrottle())
    monkeypatch.setattr(reporting, "send", lambda error, **k: sent.append(k["occurrences"]))
    for _ in range(5):
        signed_in.client.get("/healthz")
        signed_in.client.get("/", headers={"Accept": "text/html"})
    assert sent == [1]


def test_only_connection_failures_count_as_unavailable():
    import sqlite3

    def wrapped(message: str) -> OperationalError:
        error = OperationalError(message)
        error.__cause__ = sqlite3.OperationalError(message)
        return error

    assert is_unavailable(OperationalError("server closed the connection unexpectedly"))
    assert is_unavailable(wrapped("database is locked"))
    assert not is_unavailable(wrapped("no such table: focus_item"))
    assert not is_unavailable(RuntimeError("database is locked"))
