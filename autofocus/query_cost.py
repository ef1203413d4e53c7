"""Limits on what one GraphQL document may ask for, checked before the rest of validation.

Rules, all on the selection sets with their fragments expanded:

* Cost: every field counts 1 (`__typename`, known without resolving anything, 0); a list
  field multiplies the cost of its selection by the largest number of entries it can return
  (declared by the app that owns the field with `declare_list_size`, `DEFAULT_LIST_SIZE`
  otherwise), or by its `first` argument when the document gives it as a number below that.
  Aliases, repeated fields and fragments count every time they appear. Over
  the limit → QUERY_TOO_COMPLEX.
* Aliases: at most `max_aliases` aliased fields in one selection set.
* Repeats: one response name at most `MAX_REPEATS` times in one selection set. graphql-core
  compares same-named fields pairwise (OverlappingFieldsCanBeMerged), so a few hundred
  copies of `__typename` would cost a worker seconds of CPU to validate.

These checks walk the document once, in linear time, and run before graphql-core's own
rules (see `autofocus.graphql.parse_and_validate`), so a refused document costs little.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
)

DEFAULT_LIST_SIZE = 100
MAX_REPEATS = 3
MAX_NESTING = 32  # deeper documents are refused by the depth limit anyway
LIST_SIZES: dict[tuple[str, str], int] = {}


def declare_list_size(type_name: str, field_name: str, size: int) -> None:
    """The most entries the list field `type_name.field_name` can return."""
    LIST_SIZES[(type_name, field_name)] = size


def too_complex(message: str, node: Any = None) -> GraphQLError:
    return GraphQLError(message, node, extensions={"code": "QUERY_TOO_COMPLEX"})


@dataclass
class Measure:
    cost: int = 0
    aliases: int = 0  # the most aliased fields in one selection set
    repeats: int = 0  # the most times one response name appears in one selection set
    depth: int = 0  # the deepest field, root fields at 0 (as graphene's depth limit counts)


class _Walker:
    def __init__(
        self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], stop_at: int
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.stop_at = stop_at
        self.measure = Measure()

    def level(
        self, node: SelectionSetNode | None, parent: GraphQLNamedType | None, depth: int
    ) -> int:
        """The cost of one selection set; also notes its aliases and repeated names."""
        if node is None or depth > MAX_NESTING:
            return 0
        names: Counter[str] = Counter()
        aliases = [0]
        cost = self._selections(node, parent, depth, names, aliases, frozenset())
        self.measure.aliases = max(self.measure.aliases, aliases[0])
        if names:
            self.measure.repeats = max(self.measure.repeats, max(names.values()))
        return cost

    def _selections(
        self,
        node: SelectionSetNode,
        parent: GraphQLNamedType | None,
        depth: int,
        names: Counter[str],
        aliases: list[int],
        seen: frozenset[str],
    ) -> int:
        total = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                names[(selection.alias or selection.name).value] += 1
                if selection.alias is not None:
                    aliases[0] += 1
                total += self._field(selection, parent, depth)
            elif isinstance(selection, InlineFragmentNode):
                condition = parent
                if selection.type_condition is not None:
                    condition = self.schema.get_type(selection.type_condition.name.value)
                total += self._selections(
                    selection.selection_set, condition, depth, names, aliases, seen
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # unknown or cyclic: other rules refuse
                    continue
                condition = self.schema.get_type(fragment.type_condition.name.value)
                total += self._selections(
                    fragment.selection_set, condition, depth, names, aliases, seen | {name}
                )
            if total > self.stop_at:  # the answer is known: stop walking
                return total
        return total

    def _field(self, node: FieldNode, parent: GraphQLNamedType | None, depth: int) -> int:
        self.measure.depth = max(self.measure.depth, depth - 1)
        definition = None
        if isinstance(parent, GraphQLObjectType):
            definition = parent.fields.get(node.name.value)
        if parent is None or definition is None:  # __typename, or an unknown field
            return 0 if node.name.value == "__typename" else 1
        field_type = get_nullable_type(definition.type)
        size = 1
        if isinstance(field_type, GraphQLList):
            size = LIST_SIZES.get((parent.name, node.name.value), DEFAULT_LIST_SIZE)
            for argument in node.arguments or ():
                if argument.name.value == "first" and isinstance(argument.value, IntValueNode):
                    size = min(size, max(0, int(argument.value.value)))
        return 1 + size * self.level(node.selection_set, get_named_type(field_type), depth + 1)


def measure_operation(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDefinitionNode],
    operation: OperationDefinitionNode,
    *,
    stop_at: int = 10**9,
) -> Measure:
    walker = _Walker(schema, fragments, stop_at)
    root = schema.get_root_type(operation.operation)
    walker.measure.cost = walker.level(operation.selection_set, root, 1)
    return walker.measure


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def measure_document(schema: GraphQLSchema, document: DocumentNode) -> Measure:
    """The largest cost, aliases, repeats and depth over a document's operations."""
    fragments = _fragments(document)
    worst = Measure()
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            m = measure_operation(schema, fragments, definition)
            worst = Measure(
                max(worst.cost, m.cost),
                max(worst.aliases, m.aliases),
                max(worst.repeats, m.repeats),
                max(worst.depth, m.depth),
            )
    return worst


def check_limits(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    max_cost: int,
    max_aliases: int,
    max_depth: int,
) -> list[GraphQLError]:
    """QUERY_TOO_COMPLEX errors for the operations of a document over a limit."""
    fragments = _fragments(document)
    errors = []
    for node in document.definitions:
        if not isinstance(node, OperationDefinitionNode):
            continue
        m = measure_operation(schema, fragments, node, stop_at=max_cost)
        if m.cost > max_cost:
            message = (
                f"This query asks for too much at once (cost over {max_cost}); "
                "split it into smaller ones."
            )
        elif m.depth > max_depth:
            message = f"The query exceeds the maximum depth of {max_depth}."
        elif m.aliases > max_aliases:
            message = f"Too many aliases in one selection ({m.aliases}; at most {max_aliases})."
        elif m.repeats > MAX_REPEATS:
            message = (
                f"A field is repeated {m.repeats} times in one selection (at most {MAX_REPEATS})."
            )
        else:
            continue
        errors.append(too_complex(message, node))
    return errors
