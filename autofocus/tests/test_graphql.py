import json
import logging
from pathlib import Path

import pytest

from autofocus.errors import NotFound
from autofocus.graphql import AutofocusGraphQLView
from autofocus.testing import GraphQLClient, error_codes

pytestmark = pytest.mark.django_db

INTROSPECTION = "query { __schema { types { name } } }"
TYPE_QUERY = '{ __type(name: "User") { name } }'
TYPENAME = "query { __typename user { __typename } }"
SPA_DOCUMENTS = Path(__file__).resolve().parents[2] / "frontend" / "src" / "graphql"


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
    from autofocus.graphql import document_cache

    text = "query CacheProbe { user { email } }"
    hits = document_cache.hits
    first = AutofocusGraphQLView()._parse_and_validate(text)
    second = AutofocusGraphQLView()._parse_and_validate(text)
    assert first[0] is second[0]
    assert document_cache.hits == hits + 1


def test_refused_documents_are_not_cached():
    from autofocus.graphql import document_cache

    before = len(document_cache.entries)
    for n in range(5):
        AutofocusGraphQLView()._parse_and_validate(f"query Refused{n} {{ noSuchField }}")
    assert len(document_cache.entries) == before


# --- request limits -------------------------------------------------------------------------


def post(body: str | bytes, content_type: str = "application/json", **headers):
    gql = GraphQLClient()
    return gql.client.post(
        "/graphql",
        data=body,
        content_type=content_type,
        headers={"X-CSRFToken": gql.csrf_token(), **headers},
    )


def test_a_body_over_64_kb_is_refused_with_413():
    body = json.dumps({"query": "{ " + "__typename " * 7000 + "}"})
    assert len(body) > 64 * 1024
    response = post(body)
    assert response.status_code == 413
    assert error_codes(response.json()) == ["QUERY_TOO_LARGE"]


def test_a_document_over_the_token_limit_is_refused_with_400():
    body = json.dumps({"query": "{ " + "__typename " * 3000 + "}"})
    assert len(body) < 64 * 1024
    response = post(body)
    assert response.status_code == 400
    assert error_codes(response.json()) == ["QUERY_TOO_LARGE"]
    assert "tokens" in response.json()["errors"][0]["message"]


def spa_documents() -> dict[str, str]:
    """Every operation the SPA sends, with the fragments it uses."""
    files = {p.stem: p.read_text() for p in SPA_DOCUMENTS.glob("*.graphql")}
    fragments = {name: text for name, text in files.items() if text.lstrip().startswith("fragment")}
    return {
        name: text + "".join("\n" + f for n, f in fragments.items() if f"...{n}" in text)
        for name, text in files.items()
        if name not in fragments
    }


def test_every_document_of_the_spa_is_well_within_the_limits(settings):
    from graphql import parse

    from autofocus.query_cost import measure_document
    from autofocus.schema import schema

    documents = spa_documents()
    assert {"Items", "DismissedItems", "CreateItem"} <= set(documents)
    for name, text in documents.items():
        # Apollo adds __typename to every selection set.
        text = text.replace("{\n", "{\n __typename\n")
        measure = measure_document(schema.graphql_schema, parse(text))
        assert measure.cost <= settings.GRAPHQL_MAX_COST * 0.7, name
        assert measure.depth < settings.GRAPHQL_MAX_DEPTH, name
        tokens = len(list(_tokens(text)))
        assert tokens <= settings.GRAPHQL_MAX_TOKENS * 0.6, name
        view = AutofocusGraphQLView()
        assert view._parse_and_validate(text)[1] == (), name


def _tokens(text: str):
    from graphql.language import Lexer, Source, TokenKind

    lexer = Lexer(Source(text))
    while (token := lexer.advance()).kind != TokenKind.EOF:
        yield token


def test_twenty_aliased_pages_are_too_complex():
    query = "{ " + " ".join(f"p{n}: items {{ id }}" for n in range(1, 21)) + " }"
    response = post(json.dumps({"query": query}))
    assert response.status_code == 400
    assert error_codes(response.json()) == ["QUERY_TOO_COMPLEX"]
    assert "cost" in response.json()["errors"][0]["message"]


def test_fragments_and_repeats_count_every_time():
    from graphql import parse

    from autofocus.query_cost import measure_document
    from autofocus.schema import schema

    once = measure_document(schema.graphql_schema, parse("{ items { id } }"))
    assert once.cost == 1 + 100 * 1
    twice = measure_document(
        schema.graphql_schema,
        parse("{ items { ...F } more: items { ...F } } fragment F on Item { id text }"),
    )
    assert twice.cost == 2 * (1 + 100 * 2)


def test_a_list_with_a_literal_first_counts_that_many_entries_at_most():
    from graphql import parse

    from autofocus.query_cost import measure_document
    from autofocus.schema import schema

    def cost(text: str) -> int:
        return measure_document(schema.graphql_schema, parse(text)).cost

    assert cost('{ searchItems(query: "a") { id } }') == 1 + 200
    assert cost('{ searchItems(query: "a", first: 50) { id } }') == 1 + 50
    # A variable may be anything up to the cap, so the cap counts; so does a larger literal.
    assert cost('query Q($n: Int) { searchItems(query: "a", first: $n) { id } }') == 1 + 200
    assert cost('{ searchItems(query: "a", first: 5000) { id } }') == 1 + 200


def test_too_many_aliases_in_one_selection_are_refused():
    query = "{ " + " ".join(f"a{n}: __typename" for n in range(11)) + " }"
    result = GraphQLClient().execute(query)
    assert error_codes(result) == ["QUERY_TOO_COMPLEX"]
    assert "aliases" in result["errors"][0]["message"]
    assert error_codes(GraphQLClient().execute(query.replace("a10: __typename", ""))) == []


def test_a_field_repeated_many_times_is_refused_before_the_quadratic_checks():
    result = GraphQLClient().execute("{ " + "__typename " * 140 + "}")
    assert error_codes(result) == ["QUERY_TOO_COMPLEX"]
    assert "repeated" in result["errors"][0]["message"]


def test_depth_over_the_limit_is_too_complex(settings):
    settings.GRAPHQL_MAX_DEPTH = 0
    result = GraphQLClient().execute("query { user { email } }")
    assert error_codes(result) == ["QUERY_TOO_COMPLEX"]


# --- client mistakes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ('[{"query": "{ __typename }"}]', 400, "Batched"),
        ('{"query": ', 400, "invalid JSON"),
        ('{"variables": {}}', 400, "no `query`"),
        ('{"query": 42}', 400, "must be a string"),
        (
            '{"query": "query A { __typename } query B { __typename }", "operationName": "C"}',
            400,
            "no operation named 'C'",
        ),
        ('{"query": "query A { __typename } query B { __typename }"}', 400, "operationName"),
    ],
)
def test_client_mistakes_are_bad_requests_logged_at_info(body, status, words, caplog, monkeypatch):
    from autofocus import reporting

    reports = []
    monkeypatch.setattr(reporting, "send", lambda *a, **k: reports.append(a))
    caplog.set_level(logging.INFO)
    response = post(body)
    assert response.status_code == status
    result = response.json()
    assert error_codes(result) == ["BAD_REQUEST"]
    assert words in result["errors"][0]["message"]
    assert "reported" not in result["errors"][0]["message"]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert any(r.levelno == logging.INFO and words in r.getMessage() for r in caplog.records)
    assert reports == []


def test_a_mutation_sent_with_get_is_a_bad_request_with_405(caplog, monkeypatch):
    from autofocus import reporting

    reports = []
    monkeypatch.setattr(reporting, "send", lambda *a, **k: reports.append(a))
    response = GraphQLClient().client.get(
        "/graphql", {"query": "mutation { logout { ok } }"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 405
    assert error_codes(response.json()) == ["BAD_REQUEST"]
    assert "POST" in response.json()["errors"][0]["message"]
    assert reports == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_unexpected_errors_reach_the_error_reporter(monkeypatch):
    from autofocus import reporting
    from autofocus.schema import schema as root_schema

    reports = []
    monkeypatch.setattr(reporting, "send", lambda error, **k: reports.append(error))
    monkeypatch.setattr(reporting, "throttle", reporting.ReportThrottle())

    def broken(root, info):
        raise RuntimeError("boom")

    field = root_schema.graphql_schema.query_type.fields["user"]
    monkeypatch.setattr(field, "resolve", broken)
    assert error_codes(GraphQLClient().execute("query { user { email } }")) == [
        "INTERNAL_SERVER_ERROR"
    ]
    assert [type(e) for e in reports] == [RuntimeError]


def _leaf_schema():
    """A small schema whose leaf fields misbehave in every way a resolver can."""
    import asyncio
    import enum

    import graphene

    class Colour(enum.Enum):
        RED = "red"

    ColourType = graphene.Enum.from_enum(Colour)

    class Row(graphene.ObjectType):
        name = graphene.String(required=True)
        count = graphene.Int()
        colour = graphene.Field(ColourType, required=True)
        broken = graphene.Int()
        broken_required = graphene.Int(required=True)
        missing_required = graphene.String(required=True)
        not_an_int = graphene.Int()
        later = graphene.String()
        with_argument = graphene.String(times=graphene.Int())
        path = graphene.String()
        child = graphene.Field(lambda: Row)

        def resolve_child(root, info):
            return {"name": root["name"] + "'", "colour": "red"}

        def resolve_broken(root, info):
            raise ValueError("broken")

        def resolve_broken_required(root, info):
            raise ValueError("broken and required")

        def resolve_missing_required(root, info):
            return None

        def resolve_not_an_int(root, info):
            return "many"

        async def resolve_later(root, info):
            await asyncio.sleep(0)
            return f"later {root['name']}"

        def resolve_with_argument(root, info, times=1):
            return root["name"] * times

        def resolve_path(root, info):
            return ".".join(str(key) for key in info.path.as_list())

    class CheckedRow(graphene.ObjectType):
        name = graphene.String()

        @classmethod
        def is_type_of(cls, root, info):
            return root.get("name") != "b"

    def rows() -> list:
        return [
            {"name": "a", "count": 1, "colour": Colour.RED},
            {"name": "b", "count": None, "colour": "red"},
        ]

    async def later_row() -> dict:
        await asyncio.sleep(0)
        return {"name": "late", "colour": "red"}

    class Query(graphene.ObjectType):
        rows = graphene.List(Row)
        required_rows = graphene.List(graphene.NonNull(Row))
        rows_with_gaps = graphene.List(Row)
        required_rows_with_gap = graphene.List(graphene.NonNull(Row))
        rows_with_error = graphene.List(Row)
        checked_rows = graphene.List(CheckedRow)
        names = graphene.List(graphene.String)
        rows_later = graphene.List(Row)

        def resolve_rows(root, info):
            return rows()

        def resolve_required_rows(root, info):
            return rows()

        def resolve_rows_with_gaps(root, info):
            return [rows()[0], None, rows()[1]]

        def resolve_required_rows_with_gap(root, info):
            return [rows()[0], None]

        def resolve_rows_with_error(root, info):
            return [rows()[0], ValueError("a bad row")]

        def resolve_checked_rows(root, info):
            return rows()

        def resolve_names(root, info):
            return ["a", None, "b"]

        def resolve_rows_later(root, info):
            return [rows()[0], later_row()]

    return graphene.Schema(query=Query).graphql_schema


@pytest.mark.parametrize(
    "query",
    [
        "{ rows { name count colour __typename path withArgument(times: 2) } }",
        "{ rows { name brokenRequired } }",
        "{ rows { name broken notAnInt } }",
        "{ rows { name missingRequired } }",
        "{ rows { name colour count } rows2: rows { n: name } }",
        "{ rows { name child { name path child { path } } } }",
        "{ requiredRows { name path } }",
        "{ requiredRows { name brokenRequired } }",
        "{ requiredRows { name missingRequired } rows { name } }",
        "{ rowsWithGaps { name path } }",
        "{ requiredRowsWithGap { name } rows { name } }",
        "{ rowsWithError { name } }",
        "{ checkedRows { name } }",
        "{ names }",
    ],
)
def test_the_leaf_field_path_answers_as_graphql_core_does(query):
    from graphql import execute, parse

    from autofocus.graphql import LeafFieldsExecutionContext

    schema = _leaf_schema()
    document = parse(query)
    expected = execute(schema, document)
    answered = execute(schema, document, execution_context_class=LeafFieldsExecutionContext)
    assert answered.data == expected.data
    assert [e.formatted for e in answered.errors or []] == [
        e.formatted for e in expected.errors or []
    ]
    assert expected.data is not None


def test_the_leaf_field_path_awaits_async_resolvers_as_graphql_core_does():
    import asyncio

    from graphql import execute, parse

    from autofocus.graphql import LeafFieldsExecutionContext

    schema = _leaf_schema()
    document = parse("{ rows { name later count } rowsLater { name later } }")

    async def both():
        expected = await execute(schema, document)
        answered = await execute(
            schema, document, execution_context_class=LeafFieldsExecutionContext
        )
        return expected, answered

    expected, answered = asyncio.run(both())
    assert (
        answered.data
        == expected.data
        == {
            "rows": [
                {"name": "a", "later": "later a", "count": 1},
                {"name": "b", "later": "later b", "count": None},
            ],
            "rowsLater": [
                {"name": "a", "later": "later a"},
                {"name": "late", "later": "later late"},
            ],
        }
    )
    assert not answered.errors


def test_the_graphql_view_executes_leaf_fields_on_the_short_path(monkeypatch):
    from graphql import ExecutionContext

    from autofocus.graphql import LeafFieldsExecutionContext

    assert AutofocusGraphQLView.execution_context_class is LeafFieldsExecutionContext
    general: list[str] = []
    original = ExecutionContext.execute_field

    def execute_field(self, parent_type, source, field_nodes, path):
        general.append(field_nodes[0].name.value)
        return original(self, parent_type, source, field_nodes, path)

    monkeypatch.setattr(ExecutionContext, "execute_field", execute_field)
    answer = GraphQLClient().execute("{ __typename user { email } }")
    assert answer == {"data": {"__typename": "Query", "user": None}}
    assert general == ["user"]  # the object field; `__typename` took the short path


def test_a_caller_without_a_csrf_cookie_gets_one_from_graphql():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.get("/graphql", {"query": "{ __typename }"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"data": {"__typename": "Query"}}
    token = response.cookies["csrftoken"]
    assert token.value and token["max-age"]
    # The token it got passes the CSRF check of the next POST.
    gql = GraphQLClient(client)
    assert gql.execute("{ __typename }") == {"data": {"__typename": "Query"}}


def test_a_caller_with_a_csrf_cookie_keeps_it_unchanged():
    from django.test import Client

    gql = GraphQLClient(Client(enforce_csrf_checks=True))
    token = gql.csrf_token()
    response = gql.client.post(
        "/graphql",
        data=json.dumps({"query": "{ __typename }"}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.json() == {"data": {"__typename": "Query"}}
    assert "csrftoken" not in response.cookies
    assert gql.client.cookies["csrftoken"].value == token


def test_a_malformed_csrf_cookie_is_replaced_by_graphql():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "not a token"
    response = client.get("/graphql", {"query": "{ __typename }"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.cookies["csrftoken"].value not in ("", "not a token")
