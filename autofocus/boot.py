"""The first screen's data, written into the app's page for a signed-in person.

The SPA's first screen asks three questions: who is signed in (`User`), how many dismissed
tasks wait (`DismissedCount`) and, on the list, the working page's tasks (`Items`). The page
answers them itself, so the list paints as soon as the JavaScript runs instead of a round
trip later. The answers are the SPA's own documents (`frontend/src/graphql/*.graphql`, with
the `__typename` fields Apollo Client adds), run through the `/graphql` endpoint's schema,
validation and execution: the same data the SPA would have been sent.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest
from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
    execute,
    parse,
    print_ast,
)

from autofocus.graphql import (
    LeafFieldsExecutionContext,
    Limits,
    parse_and_validate,
    validation_rules,
)
from autofocus.schema import schema

logger = logging.getLogger(__name__)

DOCUMENTS_DIR = Path(settings.BASE_DIR) / "frontend" / "src" / "graphql"


def _with_typename(selection_set: SelectionSetNode | None) -> SelectionSetNode | None:
    """A selection set with `__typename` in it and in every selection set below it."""
    if selection_set is None:
        return None
    selections = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode) and selection.selection_set is not None:
            selection = FieldNode(
                alias=selection.alias,
                name=selection.name,
                arguments=selection.arguments,
                directives=selection.directives,
                selection_set=_with_typename(selection.selection_set),
            )
        selections.append(selection)
    if not any(isinstance(s, FieldNode) and s.name.value == "__typename" for s in selections):
        selections.append(FieldNode(name=NameNode(value="__typename"), arguments=(), directives=()))
    return SelectionSetNode(selections=tuple(selections))


def _spreads(selection_set: SelectionSetNode | None) -> set[str]:
    names: set[str] = set()
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FragmentSpreadNode):
            names.add(selection.name.value)
        names |= _spreads(getattr(selection, "selection_set", None))
    return names


@cache
def boot_query(name: str, directory: Path = DOCUMENTS_DIR) -> str:
    """The SPA's operation `name` with the fragments it uses, as Apollo Client sends it:
    `__typename` in every selection set but the operation's own."""
    operations: dict[str, OperationDefinitionNode] = {}
    fragments: dict[str, FragmentDefinitionNode] = {}
    for path in sorted(directory.glob("*.graphql")):
        for definition in parse(path.read_text(encoding="utf-8")).definitions:
            if isinstance(definition, OperationDefinitionNode) and definition.name:
                operations[definition.name.value] = definition
            elif isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = definition
    operation = operations[name]
    needed: list[str] = []
    queue = sorted(_spreads(operation.selection_set))
    while queue:
        fragment = queue.pop()
        if fragment in needed:
            continue
        needed.append(fragment)
        queue.extend(sorted(_spreads(fragments[fragment].selection_set)))
    definitions = [operation] + [
        FragmentDefinitionNode(
            name=fragments[f].name,
            type_condition=fragments[f].type_condition,
            directives=fragments[f].directives,
            selection_set=_with_typename(fragments[f].selection_set),
            variable_definitions=fragments[f].variable_definitions,
        )
        for f in sorted(needed)
    ]
    return print_ast(DocumentNode(definitions=tuple(definitions)))


def _answer(request: HttpRequest, name: str, variables: dict[str, Any]) -> dict[str, Any] | None:
    query = boot_query(name)
    rules = validation_rules(introspection=False)
    document, errors = parse_and_validate(
        schema.graphql_schema, rules, query, Limits.from_settings()
    )
    if errors or document is None:
        logger.error("The boot query %s does not validate: %s", name, errors)
        return None
    result = execute(
        schema.graphql_schema,
        document,
        context_value=request,
        variable_values=variables,
        operation_name=name,
        execution_context_class=LeafFieldsExecutionContext,
    )
    if not isinstance(result, ExecutionResult):  # the schema's resolvers are synchronous
        raise TypeError(f"The boot query {name} did not run synchronously")
    if result.errors:
        logger.warning("The boot query %s failed: %s", name, result.errors)
        return None
    return result.data


def boot_data(
    request: HttpRequest, *, on_list: bool, viewed_page: int | None = None
) -> list[dict[str, Any]]:
    """The answers to the first screen's questions for the signed-in person, each
    `{"query", "variables", "data"}`: who they are, how many dismissed tasks wait and, when
    the list is shown (`on_list`), the working page's tasks and those of `viewed_page`. Empty
    when the database cannot answer: the SPA then asks the server itself."""
    answers: list[dict[str, Any]] = []

    def ask(name: str, variables: dict[str, Any]) -> dict[str, Any] | None:
        data = _answer(request, name, variables)
        if data is not None:
            answers.append({"query": name, "variables": variables, "data": data})
        return data

    try:
        who = ask("User", {})
        if who is None or who.get("user") is None or ask("DismissedCount", {}) is None:
            return []
        if on_list:
            user = who["user"]
            shown = viewed_page if viewed_page and viewed_page <= user["pages"] else None
            for page in dict.fromkeys(p for p in (user["page"], shown) if p):
                if ask("Items", {"page": page}) is None:
                    return []
    except DatabaseError:
        logger.warning("The first screen's data is left to the app: the database did not answer")
        return []
    return answers
