"""Writes to the Autofocus list. Every function is keyword-only and typed.

Every write runs in a transaction that first locks the user's `Notebook` row, so the writes
of one user queue one behind the other (on SQLite the whole database is locked by
`BEGIN IMMEDIATE`), and appends never collide. Each write runs a fixed number of SQL
statements, whatever the length of the list or the page size. Inside a GraphQL mutation, which
rolls back whole when it fails, a write makes no savepoint of its own
(`autofocus.transactions.write`).

Rules (see also focus.models):

* An item's position is assigned at the end of the list when it is added and never changes;
  page = (position - 1) // page_size + 1.
* The working page moves forward only by `page_next` ("nothing stands out") or by itself when
  it has no ACTIVE item left: to the next page that has one, wrapping to the first; the last
  page when the list has no ACTIVE item at all.
* Every action is recorded as an `Event` holding what `action_undo` needs to take it back.
* Every change of an item (its state, text or deletion, undo included) adds 1 to its
  `version`; `item_edit` given the version the person saw refuses with CONFLICT when the
  item has changed since, and changes nothing.
* An import appends all its tasks in one transaction and one IMPORT event; undoing it removes
  every item from the position the list had before it (undo goes strictly backwards, so those
  are exactly the imported ones).
* Every write keeps `Item.text_folded` equal to `fold(text)` (search reads it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Language, User
from autofocus.errors import BadUserInput, Conflict, NotFound
from autofocus.transactions import write
from focus.formats import import_parse
from focus.models import (
    MAX_PAGE_SIZE,
    MAX_TEXT_LENGTH,
    MIN_PAGE_SIZE,
    Event,
    EventKind,
    Item,
    ItemState,
    Notebook,
    fold,
    page_of,
)
from focus.selectors import first_active_position

ONBOARDING: dict[str, list[str]] = {
    Language.EN: [
        "Welcome! This is your list: read down the page and do whatever stands out. "
        "Done with this line? Press Done to cross it out.",
        "Add a task of your own in the box below: new tasks always go to the end of the list.",
        "Worked on a task but not finished? Re-enter it: it is crossed out here and copied to "
        "the end of the list. Try it on this line.",
        "Read the whole page and nothing stands out? Press “Nothing stands out” to go on to "
        "the next page.",
        "Tasks left on a page you passed without doing anything there are dismissed: review "
        "them under Dismissed, then restore or delete each.",
        "Made a mistake? Undo takes back your last step, as many steps back as you like.",
    ],
    Language.RU: [
        "Добро пожаловать! Это ваш список: прочитайте страницу и сделайте то, что бросается "
        "в глаза. Готово? Нажмите «Сделано», чтобы вычеркнуть строку.",
        "Добавьте своё дело в поле ниже: новые дела всегда попадают в конец списка.",
        "Поработали над делом, но не закончили? Перенесите его: здесь оно будет вычеркнуто "
        "и скопировано в конец списка. Попробуйте на этой строке.",
        "Прочитали всю страницу, и ничего не выделяется? Нажмите «Ничего не выделяется», "
        "чтобы перейти к следующей странице.",
        "Дела на странице, где вы ничего не сделали, отклоняются: просмотрите их в разделе "
        "«Отклонённые» и верните или удалите каждое.",
        "Ошиблись? «Отменить» возвращает последний шаг — столько шагов назад, сколько нужно.",
    ],
}

_ID = re.compile(r"[0-9]{1,18}")
ERASE_BATCH = 2_000
NOT_FOUND_MESSAGE = "This item does not exist."


@dataclass(frozen=True)
class _Before:
    """The notebook as it was before an action: what undo puts back."""

    working_page: int
    page_size: int
    next_position: int
    acted_on_page: bool

    @classmethod
    def of(cls, notebook: Notebook) -> _Before:
        return cls(
            notebook.working_page,
            notebook.page_size,
            notebook.next_position,
            notebook.acted_on_page,
        )


# --- helpers -------------------------------------------------------------------------------


def _lock(user: User) -> Notebook:
    """Locks and returns the user's notebook (created on the first write if missing)."""
    notebook = Notebook.objects.select_for_update().filter(user=user).first()
    if notebook is None:
        Notebook.objects.get_or_create(user=user)
        notebook = Notebook.objects.select_for_update().get(user=user)
    user.notebook = notebook  # resolvers of this request read the fresh state
    return notebook


def _save(notebook: Notebook) -> None:
    notebook.save(update_fields=["working_page", "page_size", "next_position", "acted_on_page"])


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise BadUserInput("Please write something.", field="text")
    if len(text) > MAX_TEXT_LENGTH:
        raise BadUserInput(f"Please keep it under {MAX_TEXT_LENGTH:,} characters.", field="text")
    if "\x00" in text:
        raise BadUserInput("The text contains a character that cannot be stored.", field="text")
    return text


def _item(user: User, item_id: int | str) -> Item:
    """The user's (not deleted) item; NOT_FOUND for anything else, malformed ids included."""
    raw = str(item_id)
    if not _ID.fullmatch(raw):
        raise NotFound(NOT_FOUND_MESSAGE)
    item = Item.objects.filter(user=user, pk=int(raw), deleted_at__isnull=True).first()
    if item is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return item


def _require_state(item: Item, *states: str, action: str) -> None:
    if item.state not in states:
        label = ItemState(item.state).label.lower()
        raise Conflict(f"This item is {label}: it cannot be {action}.")


def _append(notebook: Notebook, *, text: str, repeats: int = 0) -> Item:
    item = Item.objects.create(
        user_id=notebook.user_id, position=notebook.next_position, text=text, repeats=repeats
    )
    notebook.next_position += 1
    return item


def _record(
    notebook: Notebook,
    before: _Before,
    kind: str,
    *,
    item: Item | None = None,
    copy: Item | None = None,
    prev_state: str = "",
    prev_text: str = "",
    dismissed_ids: list[int] | None = None,
    item_count: int = 0,
) -> Event:
    return Event.objects.create(
        user_id=notebook.user_id,
        kind=kind,
        item=item,
        copy=copy,
        prev_state=prev_state,
        prev_text=prev_text,
        prev_working_page=before.working_page,
        prev_page_size=before.page_size,
        prev_next_position=before.next_position,
        prev_acted_on_page=before.acted_on_page,
        dismissed_ids=dismissed_ids or [],
        item_count=item_count,
    )


def _arrive(notebook: Notebook, page: int) -> None:
    if page != notebook.working_page:
        notebook.working_page = page
        notebook.acted_on_page = False


def _page_from(notebook: Notebook, *, start: int) -> int:
    """The AF1 placement rule: the page of the first ACTIVE item at or after `start`,
    wrapping to the first ACTIVE item of the list; the last page when there is none."""
    position = first_active_position(user=notebook.user, start=start)
    if position is None and start > 1:
        position = first_active_position(user=notebook.user, start=1)
    if position is None:
        return notebook.pages
    return page_of(position=position, page_size=notebook.page_size)


def _move_past(notebook: Notebook, *, after: int) -> None:
    """Goes on from a position: to the page the placement rule gives after it."""
    _arrive(notebook, _page_from(notebook, start=after + 1))


def _settle(notebook: Notebook) -> None:
    """Keeps the working page while it has an ACTIVE item; moves on at once otherwise
    (the placement rule from the page's first line gives the page itself in the first case)."""
    first, _ = notebook.page_range(notebook.working_page)
    _arrive(notebook, _page_from(notebook, start=first))


def _mark_acted(notebook: Notebook, item: Item) -> None:
    if item.page_for(notebook.page_size) == notebook.working_page:
        notebook.acted_on_page = True


# --- services ------------------------------------------------------------------------------


def list_start(*, user: User) -> None:
    """Prepares a new account's list (called once, when the account is created): its notebook
    and a few onboarding items, in the account's language, that teach the method by doing it.
    Calling it again changes nothing."""
    with transaction.atomic():
        notebook, created = Notebook.objects.get_or_create(user=user)
        if not created:
            return
        texts = ONBOARDING.get(user.language, ONBOARDING[Language.EN])
        Item.objects.bulk_create(
            Item(user=user, position=position, text=text)
            for position, text in enumerate(texts, start=1)
        )
        notebook.next_position = len(texts) + 1
        notebook.save(update_fields=["next_position"])
        user.notebook = notebook


def list_erase(*, user: User) -> None:
    """Removes the user's whole list (events, items, notebook), a batch at a time so that
    memory does not grow with the list; called when the account is deleted."""
    Event.objects.filter(user=user).delete()
    items = Item.objects.filter(user=user)
    while batch := list(items.values_list("pk", flat=True)[:ERASE_BATCH]):
        Item.objects.filter(pk__in=batch).delete()
    Notebook.objects.filter(user=user).delete()


def item_create(*, user: User, text: str) -> Item:
    """Adds an ACTIVE item at the end of the list."""
    text = _clean_text(text)
    with write():
        notebook = _lock(user)
        before = _Before.of(notebook)
        item = _append(notebook, text=text)
        _settle(notebook)
        _save(notebook)
        _record(notebook, before, EventKind.CREATE, item=item)
    return item


def item_complete(*, user: User, item_id: int | str) -> Item:
    """Crosses an ACTIVE item out as finished (DONE)."""
    with write():
        notebook = _lock(user)
        item = _item(user, item_id)
        _require_state(item, ItemState.ACTIVE, action="completed")
        before = _Before.of(notebook)
        item.state = ItemState.DONE
        item.version += 1
        item.save(update_fields=["state", "version"])
        _mark_acted(notebook, item)
        _settle(notebook)
        _save(notebook)
        _record(notebook, before, EventKind.COMPLETE, item=item, prev_state=ItemState.ACTIVE)
    return item


def _reenter(user: User, item_id: int | str, *, state: str, action: str, kind: str) -> Item:
    with write():
        notebook = _lock(user)
        item = _item(user, item_id)
        _require_state(item, state, action=action)
        before = _Before.of(notebook)
        item.state = ItemState.REENTERED
        item.version += 1
        item.save(update_fields=["state", "version"])
        copy = _append(notebook, text=item.text, repeats=item.repeats + 1)
        if kind == EventKind.REENTER:
            _mark_acted(notebook, item)
        _settle(notebook)
        _save(notebook)
        _record(notebook, before, kind, item=item, copy=copy, prev_state=state)
    return copy


def item_reenter(*, user: User, item_id: int | str) -> Item:
    """Crosses an ACTIVE item out and copies it to the end of the list; returns the copy."""
    return _reenter(
        user, item_id, state=ItemState.ACTIVE, action="re-entered", kind=EventKind.REENTER
    )


def item_restore(*, user: User, item_id: int | str) -> Item:
    """Re-enters a DISMISSED item: crossed out where it was, copied to the end (the copy is
    returned)."""
    return _reenter(
        user, item_id, state=ItemState.DISMISSED, action="restored", kind=EventKind.RESTORE
    )


def item_edit(*, user: User, item_id: int | str, text: str, version: int | None = None) -> Item:
    """Changes the text of an open (ACTIVE or DISMISSED) item. Same text: nothing recorded.

    With `version` (the one the person saw): CONFLICT, and nothing changes, when the item
    has changed since; the error carries the current text and version.
    """
    text = _clean_text(text)
    with write():
        notebook = _lock(user)
        item = _item(user, item_id)
        if version is not None and version != item.version:
            raise Conflict(
                "This task was changed elsewhere since you opened it.",
                details={"currentText": item.text, "currentVersion": item.version},
            )
        _require_state(item, ItemState.ACTIVE, ItemState.DISMISSED, action="edited")
        if item.text == text:
            return item
        before = _Before.of(notebook)
        prev_text = item.text
        item.text = text
        item.version += 1
        item.save(update_fields=["text", "version"])
        _record(notebook, before, EventKind.EDIT, item=item, prev_text=prev_text)
    return item


def item_delete(*, user: User, item_id: int | str) -> None:
    """Drops one of the user's items, in any state. Its line stays empty: the position is
    never reused and no other item changes page."""
    with write():
        notebook = _lock(user)
        item = _item(user, item_id)
        before = _Before.of(notebook)
        item.deleted_at = timezone.now()
        item.version += 1
        item.save(update_fields=["deleted_at", "version"])
        _settle(notebook)
        _save(notebook)
        _record(notebook, before, EventKind.DELETE, item=item, prev_state=item.state)


def items_import(*, user: User, data: str, format: str) -> int:
    """Appends the tasks of an import at the end of the list, in their order, with their
    states and repeats; returns how many. All or nothing: any bad line refuses the whole
    import (see focus.formats). One undo takes the whole import back."""
    _, parsed = import_parse(data=data, format=format)
    with write():
        notebook = _lock(user)
        before = _Before.of(notebook)
        start = notebook.next_position
        Item.objects.bulk_create(
            (
                Item(
                    user_id=notebook.user_id,
                    position=start + offset,
                    text=imported.text,
                    state=imported.state,
                    repeats=imported.repeats,
                )
                for offset, imported in enumerate(parsed)
            ),
            batch_size=500,
        )
        notebook.next_position = start + len(parsed)
        _settle(notebook)
        _save(notebook)
        _record(notebook, before, EventKind.IMPORT, item_count=len(parsed))
    return len(parsed)


def page_next(*, user: User) -> int:
    """ "Nothing stands out": leaves the working page; returns how many items it dismissed.

    When the working page is not the last page and nothing on it was completed or re-entered
    since the user arrived, its ACTIVE items become DISMISSED. The working page then becomes
    the next page with an ACTIVE item, wrapping to the first one.
    """
    with write():
        notebook = _lock(user)
        before = _Before.of(notebook)
        first, last = notebook.page_range(notebook.working_page)
        dismissed: list[int] = []
        if notebook.working_page < notebook.pages and not notebook.acted_on_page:
            dismissed = list(
                Item.objects.filter(
                    user=user,
                    state=ItemState.ACTIVE,
                    deleted_at__isnull=True,
                    position__gte=first,
                    position__lte=last,
                ).values_list("pk", flat=True)
            )
            if dismissed:
                Item.objects.filter(pk__in=dismissed).update(
                    state=ItemState.DISMISSED, version=F("version") + 1
                )
        _move_past(notebook, after=last)
        notebook.acted_on_page = False  # a new pass starts, even on the same page
        _save(notebook)
        _record(notebook, before, EventKind.NEXT_PAGE, dismissed_ids=dismissed)
    return len(dismissed)


def action_undo(*, user: User) -> Event:
    """Takes back the user's latest action that is not undone yet; CONFLICT when none.

    Undo goes strictly backwards, so the list is exactly as that action left it and the
    event's saved values restore what was there before. The event stays, marked undone.
    """
    with write():
        notebook = _lock(user)
        event = Event.objects.filter(user=user, undone_at__isnull=True).order_by("-id").first()
        if event is None:
            raise Conflict("There is nothing to undo.")
        items = Item.objects.filter(user=user)
        item = items.filter(pk=event.item_id or 0)  # lazy; 0 matches nothing
        copy = items.filter(pk=event.copy_id or 0)
        bump = F("version") + 1
        if event.kind == EventKind.CREATE:
            item.delete()
        elif event.kind == EventKind.COMPLETE:
            item.update(state=event.prev_state, version=bump)
        elif event.kind in (EventKind.REENTER, EventKind.RESTORE):
            item.update(state=event.prev_state, version=bump)
            copy.delete()
        elif event.kind == EventKind.NEXT_PAGE:
            if event.dismissed_ids:
                items.filter(pk__in=event.dismissed_ids).update(
                    state=ItemState.ACTIVE, version=bump
                )
        elif event.kind == EventKind.EDIT:
            item.update(text=event.prev_text, text_folded=fold(event.prev_text), version=bump)
        elif event.kind == EventKind.IMPORT:
            items.filter(position__gte=event.prev_next_position).delete()
        elif event.kind == EventKind.DELETE:
            item.update(deleted_at=None, version=bump)
        # PAGE_SIZE: the notebook alone holds what changed.
        notebook.working_page = event.prev_working_page
        notebook.page_size = event.prev_page_size
        notebook.next_position = event.prev_next_position
        notebook.acted_on_page = event.prev_acted_on_page
        _save(notebook)
        event.undone_at = timezone.now()
        event.save(update_fields=["undone_at"])
    return event


def settings_update(*, user: User, page_size: int) -> User:
    """Changes the page size (the interface language is the account's: accounts.services).

    A new page size re-cuts the pages; the working page becomes the page (under the new size)
    of the first ACTIVE item the old working page had. The change is an undoable action.
    """
    if not MIN_PAGE_SIZE <= page_size <= MAX_PAGE_SIZE:
        raise BadUserInput(
            f"The page size must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}.",
            field="pageSize",
        )
    with write():
        notebook = _lock(user)
        if page_size != notebook.page_size:
            before = _Before.of(notebook)
            first, last = notebook.page_range(notebook.working_page)
            position = first_active_position(user=user, start=first)
            notebook.page_size = page_size
            notebook.acted_on_page = False
            if position is not None and position <= last:
                notebook.working_page = page_of(position=position, page_size=page_size)
            else:  # the placement rule from the page that now holds the old one's first line
                page = min(page_of(position=first, page_size=page_size), notebook.pages)
                notebook.working_page = _page_from(notebook, start=notebook.page_range(page)[0])
            _save(notebook)
            _record(notebook, before, EventKind.PAGE_SIZE)
    return user
