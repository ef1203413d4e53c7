import time

import pytest
from django.http import HttpRequest
from django.test import Client

from autofocus.api_clients import (
    API_TOKEN_SCOPE,
    ApiTokenAccess,
    graphql_middleware,
    token_mutations,
)
from autofocus.ratelimit import rate_limit_retry_after
from autofocus.views import SCHEMA_FILE


def test_browser_requests_get_no_extra_graphql_middleware():
    request = HttpRequest()
    assert graphql_middleware(request, []) == []
    setattr(request, API_TOKEN_SCOPE, "read")
    [access] = graphql_middleware(request, [])
    assert isinstance(access, ApiTokenAccess) and access.scope == "read"


def test_only_the_lists_mutations_are_open_to_tokens():
    from autofocus.schema import schema

    allowed = token_mutations()
    assert {"createItem", "completeItem", "undo", "nextPage", "updateSettings"} <= allowed
    mutations = set(schema.graphql_schema.mutation_type.fields)
    assert allowed <= mutations, "a name given to allow_with_api_token is not a mutation"
    assert {"requestLoginLink", "logout", "createApiToken", "revokeApiToken"} <= (
        mutations - allowed
    )


def test_retry_after_is_the_rest_of_the_window(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000 + 0.5)  # 40 s into a minute
    assert rate_limit_retry_after(rate="600/m") == 20
    assert rate_limit_retry_after(rate="5/h") == 3600 - (1_000_000_000 % 3600)


@pytest.mark.parametrize("debug", [False, True])
def test_the_committed_schema_is_served_as_cacheable_text(settings, debug):
    settings.DEBUG = debug
    response = Client().get("/graphql/schema.graphql")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == SCHEMA_FILE.read_bytes()
    assert b"createApiToken" in response.content
    assert "max-age" in response["Cache-Control"] and "public" in response["Cache-Control"]
    etag = response["ETag"]
    again = Client().get("/graphql/schema.graphql", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert Client().head("/graphql/schema.graphql").status_code == 200
    assert Client().post("/graphql/schema.graphql").status_code == 405
    assert response.cookies == {}
