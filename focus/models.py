"""The Autofocus list: one notebook per user, its items, and the events that changed them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

DEFAULT_PAGE_SIZE = 25
MIN_PAGE_SIZE = 5
MAX_PAGE_SIZE = 100
MAX_TEXT_LENGTH = 1000


def fold(text: str) -> str:
    """The form of a text that search compares: Unicode case folding ("МАМЕ" -> "маме"),
    the same in Python on every database (SQLite's LIKE and LOWER fold ASCII only)."""
    return text.casefold()


def page_of(*, position: int, page_size: int) -> int:
    """The 1-based page that holds a 1-based position."""
    return (position - 1) // page_size + 1


class Notebook(models.Model):
    """A user's list state. Its row is locked by every write to the list, so writes queue."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notebook",
    )
    page_size = models.PositiveSmallIntegerField(default=DEFAULT_PAGE_SIZE)
    working_page = models.PositiveIntegerField(default=1, help_text="The page the user works on.")
    next_position = models.PositiveIntegerField(
        default=1, help_text="The position the next added item gets."
    )
    acted_on_page = models.BooleanField(
        default=False,
        help_text="An item of the working page was completed or re-entered since the user "
        "arrived on it.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(page_size__gte=MIN_PAGE_SIZE) & Q(page_size__lte=MAX_PAGE_SIZE),
                name="focus_notebook_page_size_range",
            ),
            models.CheckConstraint(
                condition=Q(working_page__gte=1), name="focus_notebook_working_page_positive"
            ),
            models.CheckConstraint(
                condition=Q(next_position__gte=1), name="focus_notebook_next_position_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: page {self.working_page} of {self.pages}"

    @property
    def last_position(self) -> int:
        """The highest position assigned so far (0 for an empty list)."""
        return self.next_position - 1

    @property
    def pages(self) -> int:
        """Number of pages: the page of the highest position, at least 1."""
        return page_of(position=max(1, self.last_position), page_size=self.page_size)

    def page_range(self, page: int) -> tuple[int, int]:
        """First and last position of a page (both inclusive)."""
        return (page - 1) * self.page_size + 1, page * self.page_size


class ItemState(models.TextChoices):
    ACTIVE = "active", "Active"
    DONE = "done", "Done"
    REENTERED = "reentered", "Re-entered"
    DISMISSED = "dismissed", "Dismissed"


class ItemQuerySet(models.QuerySet["Item"]):
    def bulk_create(self, objs, *args, **kwargs):
        """Fills each item's folded text, as `Item.save` does."""
        objs = list(objs)
        for obj in objs:
            obj.text_folded = fold(obj.text)
        return super().bulk_create(objs, *args, **kwargs)


class Item(models.Model):
    """One line of a user's list. Its position is fixed when it is added and never reused.

    `text_folded` is `fold(text)`, kept by `save()` and `bulk_create()`; a queryset
    `update(text=...)` must set it too (services are the only writers).
    """

    # No index of its own: the (user, position) unique index starts with the user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    position = models.PositiveIntegerField()
    text = models.CharField(max_length=MAX_TEXT_LENGTH)
    text_folded = models.TextField(
        blank=True, editable=False, help_text="The text case-folded, for search."
    )
    state = models.CharField(max_length=10, choices=ItemState.choices, default=ItemState.ACTIVE)
    repeats = models.PositiveIntegerField(
        default=0, help_text="How many times this task was re-entered before this copy."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Deleted by the user: gone from the list, its line stays empty.",
    )
    version = models.PositiveIntegerField(
        default=1,
        help_text="1 when created, +1 on every change: an edit based on an older version is "
        "refused instead of silently overwriting the newer text.",
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["user", "position"]
        constraints = [
            # Its unique index on (user, position) serves page reads: position BETWEEN a AND b.
            models.UniqueConstraint(fields=["user", "position"], name="focus_item_user_position"),
            models.CheckConstraint(
                condition=Q(state__in=ItemState.values), name="focus_item_state_valid"
            ),
            models.CheckConstraint(condition=Q(repeats__gte=0), name="focus_item_repeats_positive"),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="focus_item_position_positive"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="focus_item_version_positive"),
        ]
        indexes = [
            # "First ACTIVE item at or after a position" walks only open items.
            models.Index(
                fields=["user", "position"],
                name="focus_item_active_idx",
                condition=Q(state="active", deleted_at__isnull=True),
            ),
            models.Index(
                fields=["user", "position"],
                name="focus_item_dismissed_idx",
                condition=Q(state="dismissed", deleted_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} #{self.position}: {self.text[:40]}"

    def save(self, *args, **kwargs) -> None:
        self.text_folded = fold(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_folded"}
        super().save(*args, **kwargs)

    def page_for(self, page_size: int) -> int:
        return page_of(position=self.position, page_size=page_size)


class EventKind(models.TextChoices):
    CREATE = "create", "Create"
    COMPLETE = "complete", "Complete"
    REENTER = "reenter", "Re-enter"
    NEXT_PAGE = "next_page", "Next page"
    RESTORE = "restore", "Restore"
    EDIT = "edit", "Edit"
    DELETE = "delete", "Delete"
    PAGE_SIZE = "page_size", "Page size"
    IMPORT = "import", "Import"


class Event(models.Model):
    """One action of a user on their list, with what undo needs to take it back exactly.

    Every event stores the notebook as it was just before the action (working page, page
    size, next position, the acted-on-page flag) and the item's previous state or text.
    Undo always takes back the user's latest event that is not undone yet, so the list is
    then exactly as the action left it and these values restore it. Undone events stay, marked
    with `undone_at`, for analytics. An IMPORT event's items are those from its
    `prev_next_position` on; `item_count` says how many.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focus_events"
    )
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text="The item acted on (or created).",
    )
    copy = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copied_by",
        help_text="The copy added at the end by re-enter or restore.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    prev_state = models.CharField(max_length=10, choices=ItemState.choices, blank=True)
    prev_text = models.CharField(max_length=MAX_TEXT_LENGTH, blank=True)
    prev_working_page = models.PositiveIntegerField()
    prev_page_size = models.PositiveSmallIntegerField()
    prev_next_position = models.PositiveIntegerField()
    prev_acted_on_page = models.BooleanField()
    dismissed_ids = models.JSONField(
        default=list, blank=True, help_text="Items that a next-page action dismissed."
    )
    item_count = models.PositiveIntegerField(
        default=0, help_text="How many tasks an import added (0 for every other action)."
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="focus_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=EventKind.IMPORT) | Q(item_count=0),
                name="focus_event_item_count_import_only",
            ),
        ]
        indexes = [
            models.Index(
                fields=["user", "-id"],
                name="focus_event_undoable_idx",
                condition=Q(undone_at__isnull=True),
            ),
            models.Index(fields=["kind", "created_at"], name="focus_event_kind_time_idx"),
            # A person's actions over a period (the stats query), undone ones left out.
            models.Index(
                fields=["user", "created_at"],
                name="focus_event_user_time_idx",
                condition=Q(undone_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} at {self.created_at:%Y-%m-%d %H:%M}"


ACTION_ID_PATTERN = r"[A-Za-z0-9_-]{8,64}"


class Action(models.Model):
    """A client-made action id the server has applied, with what its first answer said.

    A mutation sent again with the same id (a retry after a lost answer) applies nothing and
    answers from `result`. Unique per user in the database, so two concurrent calls with one
    id apply once. Kept at least 30 days (`clean_actions`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="focus_actions",
        db_index=False,  # the (user, action_id) unique index starts with the user
    )
    action_id = models.CharField(max_length=64)
    operation = models.CharField(max_length=40, help_text="The mutation that used the id.")
    result = models.JSONField(default=dict, blank=True, help_text="What the first answer held.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "action_id"], name="focus_action_user_id"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.operation} {self.action_id}"
