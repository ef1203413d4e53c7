"""The `/graphql` endpoint: validation rules, error masking and a parsed-document cache."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import rollbar
from django.conf import settings
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from graphene.validation import depth_limit_validator
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)

from autofocus.api_clients import graphql_middleware
from autofocus.errors import AppError, Unauthenticated

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
def validation_rules(*, introspection: bool, max_depth: int) -> tuple:
    rules = tuple(specified_rules) + (depth_limit_validator(max_depth=max_depth),)
    if not introspection:
        rules += (NoSchemaIntrospection,)
    return rules


@lru_cache(maxsize=512)
def parse_and_validate(
    schema: GraphQLSchema, rules: tuple, query: str
) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    """Parsing and validating a query depends only on its text, the schema and the rules;
    the SPA sends the same few texts again and again, so the result is kept per process."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, (error,)
    return document, tuple(validate(schema, document, rules))


def require_user(info: Any):
    """The signed-in user of a resolver's request, or an UNAUTHENTICATED error."""
    user = info.context.user
    if not user.is_authenticated:
        raise Unauthenticated("Please sign in first.")
    return user


def _original(error: GraphQLError) -> BaseException | None:
    original = error.original_error
    # graphql-core wraps errors raised in nested resolvers again; unwrap them all.
    while isinstance(original, GraphQLError) and original.original_error is not None:
        original = original.original_error
    return original


class AutofocusGraphQLView(GraphQLView):
    """graphene-django's view with product error codes and cached query validation."""

    graphiql = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("graphiql", settings.DEBUG)
        super().__init__(*args, **kwargs)

    def get_middleware(self, request):
        # Token requests (clients outside the browser) get their access check.
        return graphql_middleware(request, super().get_middleware(request))

    def _parse_and_validate(self, query: str):
        rules = validation_rules(introspection=settings.DEBUG, max_depth=settings.GRAPHQL_MAX_DEPTH)
        return parse_and_validate(self.schema.graphql_schema, rules, query)

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        document, errors = self._parse_and_validate(query)
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        operation_ast = get_operation_ast(document, operation_name)
        if operation_ast is None:
            return ExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        "Unknown or ambiguous operation.", extensions={"code": "BAD_REQUEST"}
                    )
                ],
            )
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
            "middleware": self.get_middleware(request),
        }
        if self.execution_context_class:
            options["execution_context_class"] = self.execution_context_class
        schema = self.schema.graphql_schema
        if operation_ast.operation == OperationType.MUTATION:
            # A failed mutation changes nothing.
            with transaction.atomic():
                result = execute(schema, document, **options)
                if isinstance(result, ExecutionResult) and result.errors:
                    transaction.set_rollback(True)
            return result
        return execute(schema, document, **options)

    @staticmethod
    def format_error(error: Any) -> dict[str, Any]:
        if not isinstance(error, GraphQLError):
            error = GraphQLError(str(error), original_error=error)
        original = _original(error)
        formatted = error.formatted
        if isinstance(original, AppError):
            formatted["message"] = original.message
            formatted["extensions"] = original.extensions
        elif original is not None and not isinstance(original, GraphQLError):
            logger.error("Unhandled error in a GraphQL resolver", exc_info=original)
            if settings.ROLLBAR["enabled"]:
                rollbar.report_exc_info((type(original), original, original.__traceback__))
            formatted["message"] = INTERNAL_MESSAGE
            formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR"}
        else:
            extensions = dict(formatted.get("extensions") or {})
            extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED")
            formatted["extensions"] = extensions
        return formatted
