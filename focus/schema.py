"""GraphQL queries and mutations of the Autofocus list. Resolvers only parse and delegate."""

from __future__ import annotations

import graphene

from accounts.services import user_set_language
from autofocus.api_clients import allow_with_api_token
from autofocus.graphql import require_user
from autofocus.query_cost import declare_list_size
from focus import actions, selectors, services
from focus.formats import import_parse
from focus.models import MAX_PAGE_SIZE
from focus.types import (
    DeletePayload,
    ImportFormat,
    ImportItemsPayload,
    ImportPreview,
    ItemPayload,
    ItemType,
    NextPagePayload,
    StatsType,
    UndoPayload,
    UserPayload,
)


class Query(graphene.ObjectType):
    items = graphene.List(
        graphene.NonNull(ItemType),
        required=True,
        page=graphene.Int(
            description="The page to read (from 1); the working page when omitted. A page past "
            "the last one is empty; a page below 1 is a BAD_USER_INPUT error."
        ),
        description="A page's items in position order, every state (deleted items excepted).",
    )
    dismissed_items = graphene.List(
        graphene.NonNull(ItemType),
        required=True,
        description="DISMISSED items awaiting review, in position order: the first 100 "
        "(the rest follow as these are restored or deleted).",
    )
    dismissed_count = graphene.Int(
        required=True,
        description="How many DISMISSED items await review, all of them (`dismissedItems` "
        "lists the first 100).",
    )

    search_items = graphene.List(
        graphene.NonNull(ItemType),
        required=True,
        query=graphene.String(
            required=True,
            description="Text to find anywhere in a task, ignoring case (Cyrillic included).",
        ),
        first=graphene.Int(default_value=50, description="At most this many results (1 to 200)."),
        description="Items whose text contains the query, every state but deleted, in "
        "position order, each with its page.",
    )
    import_preview = graphene.Field(
        ImportPreview,
        required=True,
        data=graphene.String(required=True, description="The text or file to import."),
        format=graphene.Argument(ImportFormat, description="The format; detected when omitted."),
        description="What `importItems` would add (count and first ten tasks), adding nothing; "
        "BAD_USER_INPUT naming the first bad line as the import would.",
    )

    @staticmethod
    def resolve_search_items(root, info, query: str, first: int = 50):
        return selectors.items_search(user=require_user(info), query=query, first=first)

    @staticmethod
    def resolve_import_preview(root, info, data: str, format: str | None = None):
        require_user(info)
        chosen, items = import_parse(data=data, format=getattr(format, "value", format))
        return ImportPreview(format=chosen.value, count=len(items), items=items[:10])

    stats = graphene.Field(
        StatsType,
        required=True,
        days=graphene.Int(
            default_value=30,
            description="How many days back, today included: 1 to 366 (BAD_USER_INPUT otherwise).",
        ),
        description="The signed-in person's statistics, per day in their own time zone.",
    )

    @staticmethod
    def resolve_stats(root, info, days: int = 30):
        return selectors.stats_for(user=require_user(info), days=days)

    @staticmethod
    def resolve_items(root, info, page: int | None = None):
        return selectors.items_for_page(user=require_user(info), page=page)

    @staticmethod
    def resolve_dismissed_items(root, info):
        return selectors.dismissed_items(user=require_user(info))

    @staticmethod
    def resolve_dismissed_count(root, info):
        return selectors.dismissed_count(user=require_user(info))


# The query cost limit counts these lists at their largest (autofocus.query_cost).
declare_list_size("Query", "items", MAX_PAGE_SIZE)
declare_list_size("Query", "dismissedItems", selectors.DISMISSED_REVIEW_SIZE)
declare_list_size("Query", "searchItems", selectors.SEARCH_MAX_RESULTS)

ITEM_ID = "The item's id."
ACTION_ID = (
    "A client-made id of this action, 8 to 64 characters of letters, digits, `-` and `_`. "
    "Sent again (a retry), the action is not applied again and the answer is the first one's."
)


def action_id_argument() -> graphene.String:
    return graphene.String(description=ACTION_ID)


class CreateItem(graphene.Mutation):
    """Adds a task at the end of the list."""

    class Arguments:
        text = graphene.String(
            required=True, description="What the task says (trimmed; 1 to 1,000 characters)."
        )
        action_id = action_id_argument()

    Output = ItemPayload

    @staticmethod
    def mutate(root, info, text: str, action_id: str | None = None):
        user = require_user(info)
        item = actions.action_once(
            user=user,
            action_id=action_id,
            operation="createItem",
            apply=lambda: services.item_create(user=user, text=text),
            outcome=actions.ITEM,
        )
        return ItemPayload(item=item, user=user)


def _item_action(name: str, doc: str, service) -> type[graphene.Mutation]:
    """A mutation that applies one service to one of the user's items by id."""

    class Arguments:
        id = graphene.ID(required=True, description=ITEM_ID)
        action_id = action_id_argument()

    operation = name[0].lower() + name[1:]

    def mutate(root, info, id: str, action_id: str | None = None):
        user = require_user(info)
        item = actions.action_once(
            user=user,
            action_id=action_id,
            operation=operation,
            apply=lambda: service(user=user, item_id=id),
            outcome=actions.ITEM,
        )
        return ItemPayload(item=item, user=user)

    return type(
        name,
        (graphene.Mutation,),
        {
            "__doc__": doc,
            "Arguments": Arguments,
            "Output": ItemPayload,
            "mutate": staticmethod(mutate),
        },
    )


CompleteItem = _item_action(
    "CompleteItem", "Crosses an ACTIVE item out as finished.", services.item_complete
)
ReenterItem = _item_action(
    "ReenterItem",
    "Crosses an ACTIVE item out and copies it to the end of the list.",
    services.item_reenter,
)
RestoreItem = _item_action(
    "RestoreItem",
    "Brings a DISMISSED item back: crossed out where it was, copied to the end.",
    services.item_restore,
)


class EditItem(graphene.Mutation):
    """Changes the text of an open (ACTIVE or DISMISSED) item."""

    class Arguments:
        id = graphene.ID(required=True, description=ITEM_ID)
        text = graphene.String(
            required=True, description="The new text (trimmed; 1 to 1,000 characters)."
        )
        version = graphene.Int(
            description="The item's version the person saw; when the item has changed since, "
            "the edit is refused with CONFLICT (its extensions carry `currentText` and "
            "`currentVersion`) and nothing changes. Omitted: the edit always applies."
        )
        action_id = action_id_argument()

    Output = ItemPayload

    @staticmethod
    def mutate(
        root,
        info,
        id: str,
        text: str,
        version: int | None = None,
        action_id: str | None = None,
    ):
        user = require_user(info)
        item = actions.action_once(
            user=user,
            action_id=action_id,
            operation="editItem",
            apply=lambda: services.item_edit(user=user, item_id=id, text=text, version=version),
            outcome=actions.ITEM,
        )
        return ItemPayload(item=item, user=user)


class DeleteItem(graphene.Mutation):
    """Drops an item, in any state; its line stays empty and no other item moves."""

    class Arguments:
        id = graphene.ID(required=True, description=ITEM_ID)
        action_id = action_id_argument()

    Output = DeletePayload

    @staticmethod
    def mutate(root, info, id: str, action_id: str | None = None):
        user = require_user(info)
        actions.action_once(
            user=user,
            action_id=action_id,
            operation="deleteItem",
            apply=lambda: services.item_delete(user=user, item_id=id),
            outcome=actions.NOTHING,
        )
        return DeletePayload(ok=True, user=user)


class NextPage(graphene.Mutation):
    """ "Nothing stands out": goes on to the next page with an ACTIVE item (wrapping to the
    first). The page left behind has its ACTIVE items dismissed when it is not the last page
    and nothing on it was completed or re-entered since the user arrived on it."""

    class Arguments:
        action_id = action_id_argument()

    Output = NextPagePayload

    @staticmethod
    def mutate(root, info, action_id: str | None = None):
        user = require_user(info)
        dismissed = actions.action_once(
            user=user,
            action_id=action_id,
            operation="nextPage",
            apply=lambda: services.page_next(user=user),
            outcome=actions.COUNT,
        )
        return NextPagePayload(user=user, dismissed=dismissed)


class Undo(graphene.Mutation):
    """Takes back the user's last action not yet undone (CONFLICT when there is none)."""

    class Arguments:
        action_id = action_id_argument()

    Output = UndoPayload

    @staticmethod
    def mutate(root, info, action_id: str | None = None):
        user = require_user(info)
        actions.action_once(
            user=user,
            action_id=action_id,
            operation="undo",
            apply=lambda: services.action_undo(user=user),
            outcome=actions.NOTHING,
        )
        return UndoPayload(ok=True, user=user)


class UpdateSettings(graphene.Mutation):
    """Changes the page size and/or the interface language; omitted values stay."""

    class Arguments:
        page_size = graphene.Int(description="Items per page, 5 to 100.")
        language = graphene.String(description="Interface language: `en` or `ru`.")
        action_id = action_id_argument()

    Output = UserPayload

    @staticmethod
    def mutate(
        root,
        info,
        page_size: int | None = None,
        language: str | None = None,
        action_id: str | None = None,
    ):
        user = require_user(info)

        def apply():
            if page_size is not None:
                services.settings_update(user=user, page_size=page_size)
            if language is not None and language != user.language:
                user_set_language(user=user, language=language)
            return user

        return UserPayload(
            user=actions.action_once(
                user=user,
                action_id=action_id,
                operation="updateSettings",
                apply=apply,
                outcome=actions.USER,
            )
        )


class ImportItems(graphene.Mutation):
    """Appends the tasks of a text or file at the end of the list, in one step that one undo
    takes back. At most 5,000 tasks and 1 MB; a bad line refuses the whole import."""

    class Arguments:
        data = graphene.String(required=True, description="The text or file to import.")
        format = ImportFormat(required=True, description="What `data` holds.")
        action_id = action_id_argument()

    Output = ImportItemsPayload

    @staticmethod
    def mutate(root, info, data: str, format: str, action_id: str | None = None):
        user = require_user(info)
        imported = actions.action_once(
            user=user,
            action_id=action_id,
            operation="importItems",
            apply=lambda: services.items_import(
                user=user, data=data, format=getattr(format, "value", format)
            ),
            outcome=actions.COUNT,
        )
        return ImportItemsPayload(imported=imported, user=user)


class Mutation(graphene.ObjectType):
    create_item = CreateItem.Field(description="Add a task at the end of the list.")
    complete_item = CompleteItem.Field(
        description="Cross an ACTIVE item out as done; returns the completed item."
    )
    reenter_item = ReenterItem.Field(
        description="Re-enter an ACTIVE item; returns the new copy at the end of the list."
    )
    restore_item = RestoreItem.Field(
        description="Re-enter a DISMISSED item; returns the new copy at the end of the list."
    )
    edit_item = EditItem.Field(
        description="Change the text of an ACTIVE or DISMISSED item (CONFLICT when `version` "
        "is given and no longer current)."
    )
    delete_item = DeleteItem.Field(description="Delete one of the user's items, in any state.")
    next_page = NextPage.Field(description="Nothing stands out: go on to the next page.")
    undo = Undo.Field(description="Undo the last action, one step back per call.")
    update_settings = UpdateSettings.Field(description="Change page size and/or language.")
    import_items = ImportItems.Field(
        description="Append the tasks of a text or file (TEXT, MARKDOWN, JSON, CSV)."
    )


# A `write` API token may run these mutations of the list (see autofocus.api_clients).
allow_with_api_token(
    "createItem",
    "completeItem",
    "reenterItem",
    "restoreItem",
    "editItem",
    "deleteItem",
    "nextPage",
    "undo",
    "updateSettings",
    "importItems",
)
