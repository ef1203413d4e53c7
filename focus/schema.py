"""GraphQL queries and mutations of the Autofocus list. Resolvers only parse and delegate."""

from __future__ import annotations

import graphene

from autofocus.graphql import require_user
from focus import selectors, services
from focus.types import (
    DeletePayload,
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
        description="DISMISSED items awaiting review, in position order.",
    )

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


ITEM_ID = "The item's id."


class CreateItem(graphene.Mutation):
    """Adds a task at the end of the list."""

    class Arguments:
        text = graphene.String(
            required=True, description="What the task says (trimmed; 1 to 1,000 characters)."
        )

    Output = ItemPayload

    @staticmethod
    def mutate(root, info, text: str):
        user = require_user(info)
        return ItemPayload(item=services.item_create(user=user, text=text), user=user)


def _item_action(name: str, doc: str, service) -> type[graphene.Mutation]:
    """A mutation that applies one service to one of the user's items by id."""

    class Arguments:
        id = graphene.ID(required=True, description=ITEM_ID)

    def mutate(root, info, id: str):
        user = require_user(info)
        return ItemPayload(item=service(user=user, item_id=id), user=user)

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

    Output = ItemPayload

    @staticmethod
    def mutate(root, info, id: str, text: str):
        user = require_user(info)
        return ItemPayload(item=services.item_edit(user=user, item_id=id, text=text), user=user)


class DeleteItem(graphene.Mutation):
    """Drops an item, in any state; its line stays empty and no other item moves."""

    class Arguments:
        id = graphene.ID(required=True, description=ITEM_ID)

    Output = DeletePayload

    @staticmethod
    def mutate(root, info, id: str):
        user = require_user(info)
        services.item_delete(user=user, item_id=id)
        return DeletePayload(ok=True, user=user)


class NextPage(graphene.Mutation):
    """ "Nothing stands out": goes on to the next page with an ACTIVE item (wrapping to the
    first). The page left behind has its ACTIVE items dismissed when it is not the last page
    and nothing on it was completed or re-entered since the user arrived on it."""

    Output = NextPagePayload

    @staticmethod
    def mutate(root, info):
        user = require_user(info)
        dismissed = services.page_next(user=user)
        return NextPagePayload(user=user, dismissed=dismissed)


class Undo(graphene.Mutation):
    """Takes back the user's last action not yet undone (CONFLICT when there is none)."""

    Output = UndoPayload

    @staticmethod
    def mutate(root, info):
        user = require_user(info)
        services.action_undo(user=user)
        return UndoPayload(ok=True, user=user)


class UpdateSettings(graphene.Mutation):
    """Changes the page size and/or the interface language; omitted values stay."""

    class Arguments:
        page_size = graphene.Int(description="Items per page, 5 to 100.")
        language = graphene.String(description="Interface language: `en` or `ru`.")

    Output = UserPayload

    @staticmethod
    def mutate(root, info, page_size: int | None = None, language: str | None = None):
        user = require_user(info)
        return UserPayload(
            user=services.settings_update(user=user, page_size=page_size, language=language)
        )


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
    edit_item = EditItem.Field(description="Change the text of an ACTIVE or DISMISSED item.")
    delete_item = DeleteItem.Field(description="Delete one of the user's items, in any state.")
    next_page = NextPage.Field(description="Nothing stands out: go on to the next page.")
    undo = Undo.Field(description="Undo the last action, one step back per call.")
    update_settings = UpdateSettings.Field(description="Change page size and/or language.")
