"""Answers to a browser that accepts gzip go out compressed: pages, GraphQL, exports."""

import gzip
import json

import pytest
from django.test import Client

from autofocus.testing import GraphQLClient
from focus.tests.factories import UserFactory, list_fill

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
ITEMS = "query { items { id text } }"


@pytest.fixture
def signed_in() -> GraphQLClient:
    """A person with 25 tasks, signed in (named apart from pytest-django's `client`)."""
    user = UserFactory()
    list_fill(user, 25)
    signed_in = GraphQLClient()
    signed_in.force_login(user)
    return signed_in


def test_the_list_page_goes_out_gzipped_to_a_browser_that_accepts_it(signed_in):
    response = signed_in.client.get("/", headers=GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert 'id="boot-data"' in page and "Task 25" in page
    assert len(response.content) < len(page.encode()) / 2


def test_without_accept_encoding_the_page_is_sent_as_it_is(signed_in):
    response = signed_in.client.get("/")
    assert not response.has_header("Content-Encoding")
    assert "Task 25" in response.content.decode()


def test_a_graphql_answer_goes_out_gzipped_and_reads_the_same(signed_in):
    plain = signed_in.execute(ITEMS)
    response = signed_in.client.post(
        "/graphql",
        data=json.dumps({"query": ITEMS}),
        content_type="application/json",
        headers={"X-CSRFToken": signed_in.csrf_token(), **GZIP},
    )
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content)) == plain
    assert len(plain["data"]["items"]) == 25


def test_an_export_streams_gzipped_and_reads_the_same(signed_in):
    plain = b"".join(signed_in.client.get("/export/autofocus.csv").streaming_content)
    response = signed_in.client.get("/export/autofocus.csv", headers=GZIP)
    assert response.streaming
    assert response["Content-Encoding"] == "gzip"
    assert not response.has_header("Content-Length")
    assert gzip.decompress(b"".join(response.streaming_content)) == plain
    assert b"Task 25" in plain


def test_short_answers_are_not_compressed():
    response = Client().get("/healthz", headers=GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
