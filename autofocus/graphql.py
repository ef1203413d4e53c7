"""The `/graphql` endpoint: request limits, validation rules, error codes, a document cache.

Rules:

* A body over `GRAPHQL_MAX_BODY_BYTES` is refused unread: QUERY_TOO_LARGE, HTTP 413. A
  document over `GRAPHQL_MAX_TOKENS` tokens stops parsing there: QUERY_TOO_LARGE, 400.
* Depth, cost and alias limits are validation rules (`autofocus.query_cost`):
  QUERY_TOO_COMPLEX, 400.
* Client mistakes (not JSON, a batch, no query, an unknown operation, a mutation by GET)
  are BAD_REQUEST (400, or 405 for GET), logged at INFO and never reported.
* The database out of reach: SERVICE_UNAVAILABLE, 503 with Retry-After (`autofocus.outage`).
* Anything else unexpected is INTERNAL_SERVER_ERROR: logged, reported (throttled), masked.
* Only documents that parsed and validated are cached (per process, per query text).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.utils.functional import LazyObject
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionContext,
    ExecutionResult,
    FieldNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    OperationType,
    Undefined,
    execute,
    get_operation_ast,
    located_error,
    parse,
    specified_rules,
    validate,
)
from graphql.execution.execute import get_field_def
from graphql.pyutils import Path

from autofocus import outage, reporting
from autofocus.api_clients import graphql_middleware
from autofocus.errors import AppError, QueryTooLarge, Unauthenticated
from autofocus.query_cost import check_limits
from autofocus.transactions import all_or_nothing

logger = logging.getLogger("autofocus.graphql")

INTERNAL_MESSAGE = "Something went wrong on our side. It has been reported; please try again."


class NoSchemaIntrospection(ASTValidationRule):
    """Refuses `__schema` and `__type` but keeps `__typename`, which clients rely on."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.name.value in ("__schema", "__type"):
            self.report_error(
                GraphQLError(
                    "Introspection is disabled on this server.",
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )


@lru_cache(maxsize=8)
def validation_rules(*, introspection: bool) -> tuple:
    rules = tuple(specified_rules)
    if not introspection:
        rules += (NoSchemaIntrospection,)
    return rules


class _DocumentCache:
    """Parsed and validated documents per (schema, rules, query text), least recently used
    dropped first. Refused documents are never kept: anyone can send endless new ones."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[tuple, DocumentNode] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0

    def get(self, key: tuple) -> DocumentNode | None:
        with self.lock:
            document = self.entries.get(key)
            if document is not None:
                self.entries.move_to_end(key)
                self.hits += 1
            return document

    def put(self, key: tuple, document: DocumentNode) -> None:
        with self.lock:
            self.entries[key] = document
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def __contains__(self, key: tuple) -> bool:
        return key in self.entries


document_cache = _DocumentCache(512)


# Resolver results that are never awaitable (graphql-core's own check is slower).
_PLAIN_VALUES = frozenset({str, int, float, bool, datetime, date})

_new = tuple.__new__

# One field of a selection: its response name, its nodes, and (a leaf field) its definition,
# resolver, serializer and name.
_Step = tuple[str, list[FieldNode], "tuple[GraphQLField, Any, Any, str] | None"]


class LeafFieldsExecutionContext(ExecutionContext):
    """graphql-core's executor with a short path for leaf fields without arguments (scalars
    and enums, such as an item's eight fields), which are most of what a list returns, and
    for lists of objects (a page of items).

    graphql-core completes every field in general steps (the field's definition looked up,
    arguments read, the result checked for an awaitable twice, non-null, list, leaf or object
    tested in turn): about 4 us a field, a millisecond for a page of 25 items. Here:

    * the fields of a selection are looked up once per request (a *plan*), not once per
      object of a list;
    * a leaf field's resolver is called with its `info` and its result serialised straight
      away; anything out of the ordinary (an error, null, an awaitable, a value the scalar
      refuses) is completed by graphql-core's own steps;
    * each object of a list of objects (without `is_type_of`) goes straight to its fields;
      a null, an error or an awaitable in the list takes graphql-core's own steps.

    Answers and errors (messages, paths, nulls propagated) stay the same. Requests with
    graphene middleware (token requests) take the general path for every field.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._leaves: dict[tuple[str, str], tuple[GraphQLField, Any, Any, str] | None] = {}
        self._plans: dict[tuple[str, int], tuple[dict[str, list[FieldNode]], list[_Step]]] = {}
        self._plain = self.middleware_manager is None or not self.middleware_manager.middlewares

    def _leaf(self, parent_type: GraphQLObjectType, node: FieldNode):
        key = (parent_type.name, node.name.value)
        try:
            return self._leaves[key]
        except KeyError:
            pass
        field_def = get_field_def(self.schema, parent_type, node)
        leaf = None
        if field_def is not None and not field_def.args:
            named = field_def.type
            if isinstance(named, GraphQLNonNull):
                named = named.of_type
            if isinstance(named, GraphQLScalarType | GraphQLEnumType):
                resolve = field_def.resolve or self.field_resolver
                leaf = (field_def, resolve, named.serialize, node.name.value)
        self._leaves[key] = leaf
        return leaf

    def _plan(self, parent_type: GraphQLObjectType, fields: dict[str, list[FieldNode]]):
        # graphql-core hands the same dict for every object of a list (collect_subfields
        # caches it); the entry keeps it alive, so its id is not reused meanwhile.
        key = (parent_type.name, id(fields))
        entry = self._plans.get(key)
        if entry is not None and entry[0] is fields:
            return entry[1]
        plan = [(name, nodes, self._leaf(parent_type, nodes[0])) for name, nodes in fields.items()]
        self._plans[key] = (fields, plan)
        return plan

    def execute_fields(self, parent_type, source_value, path, fields):
        if not self._plain:
            return super().execute_fields(parent_type, source_value, path, fields)
        results: dict[str, Any] = {}
        awaitable: list[str] = []
        is_awaitable = self.is_awaitable
        parent_name = parent_type.name
        schema, fragments, root = self.schema, self.fragments, self.root_value
        operation, variables, context = self.operation, self.variable_values, self.context_value
        for response_name, field_nodes, leaf in self._plan(parent_type, fields):
            # Named tuples made the way their own constructor makes them, one call fewer.
            field_path = _new(Path, (path, response_name, parent_name))
            if leaf is None:
                result = self.execute_field(parent_type, source_value, field_nodes, field_path)
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable.append(response_name)
                continue
            field_def, resolve, serialize, field_name = leaf
            # What build_resolve_info makes.
            info = _new(
                GraphQLResolveInfo,
                (
                    field_name,
                    field_nodes,
                    field_def.type,
                    parent_type,
                    field_path,
                    schema,
                    fragments,
                    root,
                    operation,
                    variables,
                    context,
                    is_awaitable,
                ),
            )
            try:
                value = resolve(source_value, info)
                if value is not None and not isinstance(value, Exception):
                    if type(value) not in _PLAIN_VALUES and is_awaitable(value):
                        results[response_name] = self._complete_later(
                            field_def.type, field_nodes, info, field_path, value
                        )
                        awaitable.append(response_name)
                        continue
                    completed = serialize(value)
                    if completed is not None and completed is not Undefined:
                        results[response_name] = completed
                        continue
                results[response_name] = self.complete_value(
                    field_def.type, field_nodes, info, field_path, value
                )
            except Exception as raw_error:
                error = located_error(raw_error, field_nodes, field_path.as_list())
                self.handle_field_error(error, field_def.type, field_path)
                results[response_name] = None
        if not awaitable:
            return results

        async def gathered() -> dict[str, Any]:
            done = await asyncio.gather(*(results[name] for name in awaitable))
            results.update(zip(awaitable, done, strict=True))
            return results

        return gathered()

    def complete_list_value(self, return_type, field_nodes, info, path, result):
        item_type = return_type.of_type
        object_type = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        is_awaitable = self.is_awaitable
        if (
            not self._plain
            or not isinstance(result, list)
            or not isinstance(object_type, GraphQLObjectType)
            or object_type.is_type_of is not None
            or any(is_awaitable(item) for item in result)
        ):
            return super().complete_list_value(return_type, field_nodes, info, path, result)
        fields = self.collect_subfields(object_type, field_nodes)
        completed_results: list[Any] = []
        awaitable: list[int] = []
        for index, item in enumerate(result):
            item_path = _new(Path, (path, index, None))
            try:
                if item is None or isinstance(item, Exception):
                    completed = self.complete_value(item_type, field_nodes, info, item_path, item)
                else:
                    # What complete_value and complete_object_value come to for an object.
                    completed = self.execute_fields(object_type, item, item_path, fields)
                if type(completed) is not dict and is_awaitable(completed):
                    completed = self._await_item(completed, field_nodes, item_type, item_path)
                    awaitable.append(index)
            except Exception as raw_error:
                error = located_error(raw_error, field_nodes, item_path.as_list())
                self.handle_field_error(error, item_type, item_path)
                completed = None
            completed_results.append(completed)
        if not awaitable:
            return completed_results

        async def gathered() -> list[Any]:
            done = await asyncio.gather(*(completed_results[index] for index in awaitable))
            for index, value in zip(awaitable, done, strict=True):
                completed_results[index] = value
            return completed_results

        return gathered()

    async def _await_item(self, completed, field_nodes, item_type, path) -> Any:
        # What graphql-core's complete_list_value does with an item completed later.
        try:
            return await completed
        except Exception as raw_error:
            error = located_error(raw_error, field_nodes, path.as_list())
            self.handle_field_error(error, item_type, path)
            return None

    async def _complete_later(self, return_type, field_nodes, info, path, value) -> Any:
        # What graphql-core's execute_field does with a resolver's awaitable result.
        try:
            return self.complete_value(return_type, field_nodes, info, path, await value)
        except Exception as raw_error:
            error = located_error(raw_error, field_nodes, path.as_list())
            self.handle_field_error(error, return_type, path)
            return None


@dataclass(frozen=True)
class Limits:
    tokens: int = 150
    cost: int = 1200
    aliases: int = 10
    depth: int = 8

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            tokens=settings.GRAPHQL_MAX_TOKENS,
            cost=settings.GRAPHQL_MAX_COST,
            aliases=settings.GRAPHQL_MAX_ALIASES,
            depth=settings.GRAPHQL_MAX_DEPTH,
        )


def parse_and_validate(
    schema: GraphQLSchema, rules: tuple, query: str, limits: Limits = Limits()
) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    """Parses a query within the token limit, checks the request limits (linear in the
    document's size), then graphql-core's rules (some quadratic: only for documents within
    the limits). The result depends only on the text, the schema, the rules and the limits;
    the SPA sends the same few texts again and again, so valid documents are kept."""
    max_tokens = limits.tokens
    key = (schema, rules, limits, query)
    document = document_cache.get(key)
    if document is not None:
        return document, ()
    try:
        document = parse(query, max_lexical_tokens=max_tokens, max_comments=max_tokens)
    except GraphQLError as error:
        if "Parsing aborted" in error.message:
            error = GraphQLError(
                f"The query is too long (more than {max_tokens} tokens).",
                extensions={"code": QueryTooLarge.code},
            )
        return None, (error,)
    errors = tuple(
        check_limits(
            schema,
            document,
            max_cost=limits.cost,
            max_aliases=limits.aliases,
            max_depth=limits.depth,
        )
    )
    if not errors:
        errors = tuple(validate(schema, document, rules))
    if not errors:
        document_cache.put(key, document)
    return (None if errors else document), errors


def require_user(info: Any):
    """The signed-in user of a resolver's request, or an UNAUTHENTICATED error."""
    request = info.context
    user = request.user
    if not user.is_authenticated:
        raise Unauthenticated("Please sign in first.")
    if isinstance(user, LazyObject):
        # AuthenticationMiddleware's lazy user, loaded by now: the request keeps the user
        # itself, so that the resolvers and services after this one do not go through the
        # proxy on every attribute (an item's `page` reads the user's notebook).
        user = request.user = user._wrapped
    return user


def _original(error: GraphQLError) -> BaseException | None:
    original = error.original_error
    # graphql-core wraps errors raised in nested resolvers again; unwrap them all.
    while isinstance(original, GraphQLError) and original.original_error is not None:
        original = original.original_error
    return original


# graphene's dispatch without its `ensure_csrf_cookie` decorator (see `dispatch` below).
_graphene_dispatch = GraphQLView.dispatch.__wrapped__


class AutofocusGraphQLView(GraphQLView):
    """graphene-django's view with product error codes and cached query validation."""

    graphiql = False
    execution_context_class = LeafFieldsExecutionContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("graphiql", settings.DEBUG)
        super().__init__(*args, **kwargs)

    def get_middleware(self, request):
        # Token requests (clients outside the browser) get their access check.
        return graphql_middleware(request, super().get_middleware(request))

    def _parse_and_validate(self, query: str):
        rules = validation_rules(introspection=settings.DEBUG)
        return parse_and_validate(self.schema.graphql_schema, rules, query, Limits.from_settings())

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit = settings.GRAPHQL_MAX_BODY_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit or (request.method == "POST" and len(request.body) > limit):
            logger.info("GraphQL request refused: body of %s bytes", declared or "many")
            response = error_response(
                QueryTooLarge(f"The request body is too large (at most {limit // 1024} KB)."),
                status=413,
            )
            response._has_been_logged = True  # type: ignore[attr-defined]
            return response
        if "CSRF_COOKIE" not in request.META:
            # A caller without a CSRF cookie gets one with this answer, as graphene's
            # ensure_csrf_cookie gives it; one that sent a valid cookie keeps it as it is,
            # rather than having it set again with every answer (the app shell renews it).
            get_token(request)
        try:
            response = _graphene_dispatch(self, request, *args, **kwargs)
        except Exception as error:
            if not outage.is_unavailable(error):
                raise
            response = outage.graphql_response(request, error)
        if 400 <= response.status_code < 500:
            # Client mistakes, logged at INFO here (and in format_error), not as warnings.
            response._has_been_logged = True  # type: ignore[attr-defined]
        return response

    def get_graphql_params(self, request, data):
        if not isinstance(data, dict):  # a form body or query string: a QueryDict
            return super().get_graphql_params(request, data)
        for name in ("query", "operationName"):
            if data.get(name) is not None and not isinstance(data.get(name), str):
                raise HttpError(HttpResponseBadRequest(f"`{name}` must be a string."))
        return super().get_graphql_params(request, data)

    def parse_body(self, request):
        if (
            self.get_content_type(request) == "application/json"
            and request.body.lstrip()[:1] == b"["
        ):
            raise HttpError(
                HttpResponseBadRequest(
                    "Batched requests (a JSON array) are not supported; "
                    "send one operation per request."
                )
            )
        return super().parse_body(request)

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("The request has no `query`."))
        document, errors = self._parse_and_validate(query)
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        operation_ast = get_operation_ast(document, operation_name)
        if operation_ast is None:
            message = (
                f"The document has no operation named {operation_name!r}."
                if operation_name
                else "The document has several operations: say which one in `operationName`."
            )
            raise HttpError(HttpResponseBadRequest(message))
        if request.method.lower() == "get" and operation_ast.operation != OperationType.QUERY:
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"],
                    f"Can only perform a {operation_ast.operation.value} operation "
                    "from a POST request.",
                )
            )
        options: dict[str, Any] = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            # None rather than an empty list: graphql-core wraps every resolver otherwise.
            "middleware": self.get_middleware(request) or None,
        }
        options["execution_context_class"] = self.execution_context_class
        schema = self.schema.graphql_schema
        if operation_ast.operation == OperationType.MUTATION:
            # Who is asking (the session and the user, read lazily) is read before the write
            # transaction: on SQLite, where one writer at a time holds the lock, so that
            # these reads do not lengthen every other writer's wait.
            request.user.is_authenticated  # noqa: B018
            # A failed mutation changes nothing. One mutation field (what the SPA sends): once
            # it fails nothing else runs, so its writes need no savepoints of their own, whose
            # round trips would lengthen the time they hold the user's row lock. Several
            # fields: each write keeps its savepoint, so that the fields after a failed one
            # still run (and are rolled back with it).
            selections = operation_ast.selection_set.selections
            single = len(selections) == 1 and isinstance(selections[0], FieldNode)
            with all_or_nothing() if single else transaction.atomic():
                result = execute(schema, document, **options)
                _raise_if_unavailable(result)
                if isinstance(result, ExecutionResult) and result.errors:
                    transaction.set_rollback(True)
            return result
        result = execute(schema, document, **options)
        _raise_if_unavailable(result)
        return result

    @staticmethod
    def format_error(error: Any) -> dict[str, Any]:
        if isinstance(error, HttpError):
            # A client mistake, not a server fault.
            logger.info("GraphQL request refused: %s", error.message)
            return {"message": error.message, "extensions": {"code": "BAD_REQUEST"}}
        if not isinstance(error, GraphQLError):
            error = GraphQLError(str(error), original_error=error)
        original = _original(error)
        formatted = error.formatted
        if isinstance(original, AppError):
            formatted["message"] = original.message
            formatted["extensions"] = original.extensions
        elif original is not None and not isinstance(original, GraphQLError):
            logger.error("Unhandled error in a GraphQL resolver", exc_info=original)
            reporting.report_exception(original)
            formatted["message"] = INTERNAL_MESSAGE
            formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR"}
        else:
            extensions = dict(formatted.get("extensions") or {})
            extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED")
            formatted["extensions"] = extensions
        return formatted


def error_response(error: AppError, *, status: int) -> HttpResponse:
    """A GraphQL-shaped JSON answer carrying one product error."""
    body = {"errors": [{"message": error.message, "extensions": error.extensions}]}
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def _raise_if_unavailable(result: Any) -> None:
    """A resolver that lost the database makes the whole request a 503, not a partial
    answer: the client retries it as a whole."""
    if not isinstance(result, ExecutionResult):
        return
    for error in result.errors or ():
        original = _original(error)
        if original is not None and outage.is_unavailable(original):
            raise original
