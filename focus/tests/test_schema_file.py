from pathlib import Path

from django.conf import settings
from graphql import print_schema

from autofocus.schema import schema

SCHEMA_FILE = Path(settings.BASE_DIR) / "schema.graphql"
EXPORT = "python manage.py graphql_schema --schema autofocus.schema.schema --out schema.graphql"


def normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def test_committed_schema_file_matches_the_live_schema():
    assert SCHEMA_FILE.exists(), f"schema.graphql is missing: run `{EXPORT}`"
    committed = normalised(SCHEMA_FILE.read_text(encoding="utf-8"))
    live = normalised(print_schema(schema.graphql_schema))
    assert committed == live, f"schema.graphql is out of date: run `{EXPORT}`"


def test_every_field_and_argument_of_the_list_api_is_described():
    graphql_schema = schema.graphql_schema
    names = [
        "Query",
        "Mutation",
        "Item",
        "User",
        "ItemPayload",
        "DeletePayload",
        "NextPagePayload",
        "UndoPayload",
        "UserPayload",
    ]
    missing = []
    for name in names:
        for field_name, field in graphql_schema.get_type(name).fields.items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            missing += [
                f"{name}.{field_name}({arg})"
                for arg, value in field.args.items()
                if not value.description
            ]
    assert missing == []


def test_the_contract_names_are_there():
    graphql_schema = schema.graphql_schema
    assert set(graphql_schema.get_type("ItemState").values) == {
        "ACTIVE",
        "DONE",
        "REENTERED",
        "DISMISSED",
    }
    assert set(graphql_schema.get_type("Item").fields) == {
        "id",
        "text",
        "state",
        "repeats",
        "position",
        "page",
        "createdAt",
        "version",
    }
    assert {"page", "pages", "pageSize"} <= set(graphql_schema.get_type("User").fields)
    assert {"items", "dismissedItems", "user"} <= set(graphql_schema.query_type.fields)
    assert {
        "createItem",
        "completeItem",
        "reenterItem",
        "restoreItem",
        "editItem",
        "deleteItem",
        "nextPage",
        "undo",
        "updateSettings",
    } <= set(graphql_schema.mutation_type.fields)
