"""GraphQL object types of the Autofocus list."""

from __future__ import annotations

import graphene

from accounts.types import UserType
from focus.models import Item
from focus.models import ItemState as ItemStateValue
from focus.selectors import notebook_of


class ItemState(graphene.Enum):
    """Where an item stands in the Autofocus method."""

    ACTIVE = ItemStateValue.ACTIVE.value
    DONE = ItemStateValue.DONE.value
    REENTERED = ItemStateValue.REENTERED.value
    DISMISSED = ItemStateValue.DISMISSED.value

    @property
    def description(self) -> str:
        return {
            ItemState.ACTIVE: "Open: waiting to be worked on.",
            ItemState.DONE: "Crossed out: finished.",
            ItemState.REENTERED: "Crossed out and copied to the end of the list.",
            ItemState.DISMISSED: "Left open on a page that was dismissed; awaiting review.",
        }[self]


class ItemType(graphene.ObjectType):
    """One line of the user's list."""

    class Meta:
        name = "Item"

    id = graphene.ID(required=True, description="The item's id.")
    text = graphene.String(required=True, description="What the task says.")
    state = graphene.Field(ItemState, required=True, description="Where the item stands.")
    repeats = graphene.Int(
        required=True, description="How many times the task was re-entered before this copy."
    )
    position = graphene.Int(
        required=True, description="1-based place in the list, fixed when the item was added."
    )
    page = graphene.Int(required=True, description="The page that holds the item.")
    created_at = graphene.DateTime(required=True, description="When the item was added.")
    version = graphene.Int(
        required=True,
        description="1 when created, +1 on every change; send it with `editItem` to refuse "
        "overwriting a change made elsewhere.",
    )

    @staticmethod
    def resolve_id(item: Item, info) -> str:
        return str(item.pk)

    @staticmethod
    def resolve_text(item: Item, info) -> str:
        return item.text

    @staticmethod
    def resolve_state(item: Item, info) -> str:
        return ItemStateValue(item.state).value

    @staticmethod
    def resolve_repeats(item: Item, info) -> int:
        return item.repeats

    @staticmethod
    def resolve_position(item: Item, info) -> int:
        return item.position

    @staticmethod
    def resolve_page(item: Item, info) -> int:
        return item.page_for(notebook_of(user=info.context.user).page_size)

    @staticmethod
    def resolve_created_at(item: Item, info):
        return item.created_at

    @staticmethod
    def resolve_version(item: Item, info) -> int:
        return item.version


class ItemPayload(graphene.ObjectType):
    """The result of an action on one item."""

    item = graphene.Field(ItemType, required=True, description="The item the action produced.")
    user = graphene.Field(
        UserType, required=True, description="The user, with the working page after the action."
    )


class DeletePayload(graphene.ObjectType):
    """The result of deleting an item."""

    ok = graphene.Boolean(required=True, description="Always true: the item is gone.")
    user = graphene.Field(
        UserType, required=True, description="The user, with the working page after the action."
    )


class NextPagePayload(graphene.ObjectType):
    """The result of "Nothing stands out"."""

    user = graphene.Field(UserType, required=True, description="The user, on the new working page.")
    dismissed = graphene.Int(
        required=True, description="How many items of the page left behind were dismissed."
    )


class UndoPayload(graphene.ObjectType):
    """The result of an undo."""

    ok = graphene.Boolean(required=True, description="Always true: the last action is undone.")
    user = graphene.Field(
        UserType, required=True, description="The user, with the working page after the undo."
    )


class UserPayload(graphene.ObjectType):
    """The result of a settings change."""

    user = graphene.Field(UserType, required=True, description="The updated user.")


class ImportFormat(graphene.Enum):
    """What an import holds."""

    TEXT = "TEXT"
    MARKDOWN = "MARKDOWN"
    JSON = "JSON"
    CSV = "CSV"

    @property
    def description(self) -> str:
        return {
            ImportFormat.TEXT: "One task per line; bullets, numbering and checkboxes trimmed.",
            ImportFormat.MARKDOWN: "`- [ ]` open, `- [x]` done; other lines as TEXT.",
            ImportFormat.JSON: "This app's JSON export.",
            ImportFormat.CSV: "This app's CSV export (a header row with a `text` column).",
        }[self]


class ImportItemsPayload(graphene.ObjectType):
    """The result of an import."""

    imported = graphene.Int(required=True, description="How many tasks were added.")
    user = graphene.Field(
        UserType, required=True, description="The user, with the pages after the import."
    )


class ImportPreviewItem(graphene.ObjectType):
    """A task as an import would add it."""

    text = graphene.String(required=True, description="What the task says.")
    state = graphene.Field(ItemState, required=True, description="Where it will stand.")
    repeats = graphene.Int(required=True, description="How many times it was re-entered.")

    @staticmethod
    def resolve_state(item, info) -> str:
        return ItemStateValue(item.state).value


class ImportPreview(graphene.ObjectType):
    """What an import would add, without adding anything."""

    format = graphene.Field(
        ImportFormat, required=True, description="The format read (detected when not given)."
    )
    count = graphene.Int(required=True, description="How many tasks it holds.")
    items = graphene.List(
        graphene.NonNull(ImportPreviewItem),
        required=True,
        description="The first ten tasks, in the order they will be added.",
    )


class StatsDayType(graphene.ObjectType):
    """What the person did on one day of their own time zone (undone actions not counted)."""

    class Meta:
        name = "StatsDay"

    date = graphene.Date(required=True, description="The day, in the person's time zone.")
    created = graphene.Int(required=True, description="Tasks added that day, typed or imported.")
    completed = graphene.Int(required=True, description="Tasks crossed out as done that day.")
    reentered = graphene.Int(required=True, description="Tasks re-entered that day.")
    dismissed = graphene.Int(
        required=True, description="Tasks dismissed that day by passing a page."
    )


class StatsType(graphene.ObjectType):
    """The person's own figures, live from their list."""

    class Meta:
        name = "Stats"

    days = graphene.List(
        graphene.NonNull(StatsDayType),
        required=True,
        description="One row per day of the period, oldest first, days without actions included.",
    )
    open_items = graphene.Int(required=True, description="Open (ACTIVE) tasks now.")
    dismissed_waiting = graphene.Int(
        required=True, description="Dismissed tasks waiting for review now."
    )
    oldest_open_days = graphene.Int(
        description="How many days ago the oldest open task was added; null with none open."
    )
    median_days_to_done = graphene.Float(
        description="Median days from adding a line to crossing it out as done, over the "
        "period; null when nothing was done."
    )
    first_pass_success_rate = graphene.Float(
        description="Share (0 to 1) of the period's page passes that found something to do "
        "before moving on; null without passes."
    )
    time_zone = graphene.String(required=True, description="The time zone the days are in.")
