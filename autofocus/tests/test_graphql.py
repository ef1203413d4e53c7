import pytest

from autofocus.errors import NotFound
from autofocus.graphql import AutofocusGraphQLView
from autofocus.testing import GraphQLClient, error_codes

pytestmark = pytest.mark.django_db

INTROSPECTION = "query { __schema { types { name } } }"
TYPE_QUERY = '{ __type(name: "User") { name } }'
TYPENAME = "query { __typename user { __typename } }"


def test_introspection_is_off_but_typename_works():
    gql = GraphQLClient()
    assert error_codes(gql.execute(INTROSPECTION)) == ["INTROSPECTION_DISABLED"]
    assert error_codes(gql.execute(TYPE_QUERY)) == ["INTROSPECTION_DISABLED"]
    assert gql.execute(TYPENAME) == {"data": {"__typename": "Query", "user": None}}


def test_introspection_is_on_in_debug(settings):
    settings.DEBUG = True
    result = GraphQLClient().execute(INTROSPECTION)
    assert "errors" not in result
    assert any(t["name"] == "User" for t in result["data"]["__schema"]["types"])


def test_query_depth_is_limited(settings):
    settings.GRAPHQL_MAX_DEPTH = 1
    deep = "query { user { email } }"
    assert "errors" not in GraphQLClient().execute(deep)
    settings.GRAPHQL_MAX_DEPTH = 0
    result = GraphQLClient().execute(deep)
    assert result["errors"] and "depth" in result["errors"][0]["message"].lower()


def test_syntax_errors_are_reported_not_raised():
    result = GraphQLClient().execute("query {")
    assert result.get("data") is None
    assert error_codes(result) == ["GRAPHQL_VALIDATION_FAILED"]


def test_unexpected_errors_are_masked_and_logged(monkeypatch, caplog):
    from accounts import schema

    def broken(root, info):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(schema.Query, "resolve_user", staticmethod(broken))
    from autofocus.schema import schema as root_schema

    field = root_schema.graphql_schema.query_type.fields["user"]
    monkeypatch.setattr(field, "resolve", broken)
    result = GraphQLClient().execute("query { user { email } }")
    assert error_codes(result) == ["INTERNAL_SERVER_ERROR"]
    assert "hunter2" not in result["errors"][0]["message"]
    assert "hunter2" in caplog.text


def test_app_errors_keep_message_and_code():
    from graphql import GraphQLError

    error = GraphQLError("wrapped", original_error=NotFound("No such task."))
    formatted = AutofocusGraphQLView.format_error(error)
    assert formatted["message"] == "No such task."
    assert formatted["extensions"] == {"code": "NOT_FOUND"}


def test_mutation_by_get_is_refused():
    gql = GraphQLClient()
    response = gql.client.get(
        "/graphql", {"query": "mutation { logout { ok } }"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 405


def test_parsed_documents_are_cached_per_query_text():
    from autofocus.graphql import parse_and_validate

    text = "query CacheProbe { user { email } }"
    hits = parse_and_validate.cache_info().hits
    first = AutofocusGraphQLView()._parse_and_validate(text)
    second = AutofocusGraphQLView()._parse_and_validate(text)
    assert first is second
    assert parse_and_validate.cache_info().hits == hits + 1
