import pytest

from accounts.services import user_set_language
from autofocus.errors import BadUserInput, Conflict, NotFound
from focus import services
from focus.models import Event, EventKind, Item, ItemState, Notebook
from focus.selectors import items_for_page, notebook_of
from focus.tests.factories import ItemFactory, UserFactory, list_fill

pytestmark = pytest.mark.django_db

A, D, R, X = ItemState.ACTIVE, ItemState.DONE, ItemState.REENTERED, ItemState.DISMISSED


def notebook(user) -> Notebook:
    return Notebook.objects.get(user=user)


def snapshot(user) -> tuple:
    """Everything undo must put back: the notebook and every row of the list."""
    nb = notebook(user)
    rows = tuple(
        Item.objects.filter(user=user)
        .order_by("position")
        .values_list("id", "position", "text", "state", "repeats", "deleted_at", "created_at")
    )
    return (nb.working_page, nb.page_size, nb.next_position, nb.acted_on_page), rows


def states(user) -> list[str]:
    return list(Item.objects.filter(user=user).order_by("position").values_list("state", flat=True))


def item_at(user, position: int) -> Item:
    return Item.objects.get(user=user, position=position)


# --- list_start ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_list_start_gives_onboarding_items_in_the_users_language(language):
    user = UserFactory(language=language)
    services.list_start(user=user)
    items = list(Item.objects.filter(user=user).order_by("position"))
    assert 4 <= len(items) <= 6
    assert [item.position for item in items] == list(range(1, len(items) + 1))
    assert all(item.state == A for item in items)
    assert [item.text for item in items] == services.ONBOARDING[language]
    nb = notebook(user)
    assert (nb.working_page, nb.page_size, nb.next_position) == (1, 25, len(items) + 1)
    assert not Event.objects.filter(user=user).exists()


def test_onboarding_texts_differ_by_language_and_teach_the_actions():
    en, ru = services.ONBOARDING["en"], services.ONBOARDING["ru"]
    assert len(en) == len(ru)
    assert all(a != b for a, b in zip(en, ru, strict=True))
    joined = " ".join(en).lower()
    for word in ("add", "re-enter", "nothing stands out", "undo", "dismissed"):
        assert word in joined
    assert all(any("а" <= ch <= "я" for ch in text.lower()) for text in ru)


def test_list_start_twice_changes_nothing(user):
    services.list_start(user=user)
    before = snapshot(user)
    services.list_start(user=user)
    assert snapshot(user) == before


# --- create --------------------------------------------------------------------------------


def test_create_appends_at_the_end_with_stripped_text(user):
    list_fill(user, 3)
    item = services.item_create(user=user, text="  Call   Bob \n")
    assert (item.position, item.text, item.state, item.repeats) == (4, "Call   Bob", A, 0)
    assert notebook(user).next_position == 5
    event = Event.objects.get(user=user)
    assert (event.kind, event.item_id) == (EventKind.CREATE, item.id)


def test_create_in_an_account_without_a_notebook_makes_one(user):
    item = services.item_create(user=user, text="First")
    assert item.position == 1
    assert notebook(user).next_position == 2


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "x" * 1001, "a\x00b"])
def test_create_refuses_bad_text(user, text):
    list_fill(user, 1)
    with pytest.raises(BadUserInput):
        services.item_create(user=user, text=text)
    assert Item.objects.filter(user=user).count() == 1
    assert not Event.objects.exists()


def test_create_accepts_exactly_1000_characters_after_stripping(user):
    item = services.item_create(user=user, text="  " + "y" * 1000 + "  ")
    assert len(item.text) == 1000


def test_create_keeps_the_working_page_while_it_has_active_items(user):
    list_fill(user, 5, page_size=5)
    services.item_create(user=user, text="Sixth")
    nb = notebook(user)
    assert (nb.working_page, nb.pages) == (1, 2)


def test_create_moves_to_the_new_page_when_nothing_was_active(user):
    list_fill(user, 5, page_size=5, states={p: D for p in range(1, 6)})
    assert notebook(user).working_page == 1
    item = services.item_create(user=user, text="New")
    assert item.position == 6
    assert notebook(user).working_page == 2


# --- complete ------------------------------------------------------------------------------


def test_complete_crosses_out_and_marks_the_page_acted_on(user):
    list_fill(user, 10, page_size=5)
    item = services.item_complete(user=user, item_id=item_at(user, 2).id)
    assert item.state == D
    assert item_at(user, 2).state == D
    assert notebook(user).acted_on_page is True
    assert Event.objects.get(user=user).kind == EventKind.COMPLETE


def test_complete_on_another_page_does_not_mark_the_working_page(user):
    list_fill(user, 10, page_size=5)
    services.item_complete(user=user, item_id=item_at(user, 7).id)
    nb = notebook(user)
    assert (nb.working_page, nb.acted_on_page) == (1, False)


@pytest.mark.parametrize("state", [D, R, X])
def test_complete_refuses_items_that_are_not_active(user, state):
    list_fill(user, 3, states={2: state})
    with pytest.raises(Conflict):
        services.item_complete(user=user, item_id=item_at(user, 2).id)
    assert item_at(user, 2).state == state


@pytest.mark.parametrize("bad_id", ["999999", "abc", "", "-1", "1.5", " 1", "1" * 30, "1_0"])
def test_unknown_or_malformed_ids_are_not_found(user, bad_id):
    list_fill(user, 1)
    for action in (
        services.item_complete,
        services.item_reenter,
        services.item_restore,
        services.item_delete,
    ):
        with pytest.raises(NotFound):
            action(user=user, item_id=bad_id)
    with pytest.raises(NotFound):
        services.item_edit(user=user, item_id=bad_id, text="x")


def test_another_users_item_looks_missing(user):
    other = ItemFactory()
    for action in (
        services.item_complete,
        services.item_reenter,
        services.item_restore,
        services.item_delete,
    ):
        with pytest.raises(NotFound) as missing:
            action(user=user, item_id=other.id)
        assert missing.value.message == services.NOT_FOUND_MESSAGE
    with pytest.raises(NotFound):
        services.item_edit(user=user, item_id=other.id, text="mine")
    other.refresh_from_db()
    assert (other.state, other.deleted_at) == (A, None)


def test_completing_the_last_active_item_of_the_page_moves_on_at_once(user):
    # Page 2 has nothing open: the working page skips it.
    list_fill(user, 15, page_size=5, states={1: D, 2: D, 3: D, 4: D, 6: D, 7: D, 8: D, 9: D, 10: D})
    services.item_complete(user=user, item_id=item_at(user, 5).id)
    nb = notebook(user)
    assert (nb.working_page, nb.acted_on_page) == (3, False)


def test_moving_on_wraps_to_the_first_page_with_an_active_item(user):
    list_fill(
        user,
        15,
        page_size=5,
        working_page=3,
        states={p: D for p in range(1, 16) if p not in (4, 15)},
    )
    services.item_complete(user=user, item_id=item_at(user, 15).id)
    assert notebook(user).working_page == 1


def test_when_nothing_is_active_the_working_page_is_the_last(user):
    list_fill(user, 12, page_size=5, states={p: D for p in range(1, 13) if p != 6}, working_page=2)
    services.item_complete(user=user, item_id=item_at(user, 6).id)
    nb = notebook(user)
    assert nb.working_page == 3 == nb.pages


# --- re-enter ------------------------------------------------------------------------------


def test_reenter_copies_to_the_end_with_one_more_repeat(user):
    list_fill(user, 7, page_size=5)
    Item.objects.filter(user=user, position=2).update(repeats=2, text="Write report")
    copy = services.item_reenter(user=user, item_id=item_at(user, 2).id)
    assert (copy.position, copy.text, copy.state, copy.repeats) == (8, "Write report", A, 3)
    assert item_at(user, 2).state == R
    nb = notebook(user)
    assert (nb.acted_on_page, nb.next_position, nb.working_page) == (True, 9, 1)
    event = Event.objects.get(user=user)
    assert (event.kind, event.item_id, event.copy_id) == (
        EventKind.REENTER,
        item_at(user, 2).id,
        copy.id,
    )


def test_no_action_moves_another_item_to_another_page(user):
    list_fill(user, 12, page_size=5)
    pages = {item.id: item.page_for(5) for item in Item.objects.filter(user=user)}
    services.item_reenter(user=user, item_id=item_at(user, 1).id)
    services.item_complete(user=user, item_id=item_at(user, 2).id)
    services.item_delete(user=user, item_id=item_at(user, 3).id)
    services.item_create(user=user, text="More")
    for item in Item.objects.filter(user=user, id__in=pages):
        assert item.page_for(5) == pages[item.id]


@pytest.mark.parametrize("state", [D, R, X])
def test_reenter_refuses_items_that_are_not_active(user, state):
    list_fill(user, 3, states={1: state})
    with pytest.raises(Conflict):
        services.item_reenter(user=user, item_id=item_at(user, 1).id)
    assert Item.objects.filter(user=user).count() == 3


def test_reentering_the_last_active_item_on_the_last_page_stays_there(user):
    list_fill(user, 5, page_size=5, states={p: D for p in range(1, 5)})
    copy = services.item_reenter(user=user, item_id=item_at(user, 5).id)
    assert copy.position == 6
    assert notebook(user).working_page == 2


# --- next page -----------------------------------------------------------------------------


def test_next_page_dismisses_an_untouched_page_and_moves_on(user):
    list_fill(user, 12, page_size=5, states={3: D})
    dismissed = services.page_next(user=user)
    assert dismissed == 4
    assert states(user)[:5] == [X, X, D, X, X]
    assert states(user)[5:] == [A] * 7
    nb = notebook(user)
    assert (nb.working_page, nb.acted_on_page) == (2, False)
    event = Event.objects.get(user=user)
    assert event.kind == EventKind.NEXT_PAGE
    assert sorted(event.dismissed_ids) == sorted(item_at(user, p).id for p in (1, 2, 4, 5))


def test_next_page_keeps_a_page_the_user_acted_on(user):
    list_fill(user, 12, page_size=5)
    services.item_complete(user=user, item_id=item_at(user, 1).id)
    assert services.page_next(user=user) == 0
    assert states(user)[:5] == [D, A, A, A, A]
    assert notebook(user).working_page == 2


def test_acting_counts_only_since_arrival_on_the_page(user):
    list_fill(user, 15, page_size=5)
    services.item_complete(user=user, item_id=item_at(user, 1).id)
    services.page_next(user=user)  # acted: page 1 stays open, on to page 2
    services.page_next(user=user)  # page 2 untouched: dismissed
    assert states(user)[5:10] == [X] * 5
    assert notebook(user).working_page == 3
    # The last page is never dismissed; from it, the list wraps to page 1.
    assert services.page_next(user=user) == 0
    assert notebook(user).working_page == 1
    assert notebook(user).acted_on_page is False
    # Back on page 1 without acting since arrival: now it is dismissed.
    assert services.page_next(user=user) == 4
    assert notebook(user).working_page == 3


def test_next_page_skips_pages_without_active_items(user):
    list_fill(user, 15, page_size=5, states={p: D for p in range(6, 11)})
    services.item_complete(user=user, item_id=item_at(user, 1).id)
    services.page_next(user=user)
    assert notebook(user).working_page == 3


def test_next_page_on_the_last_page_never_dismisses(user):
    list_fill(user, 8, page_size=5, working_page=2, states={p: D for p in range(1, 6)})
    assert services.page_next(user=user) == 0
    assert states(user)[5:] == [A, A, A]
    assert notebook(user).working_page == 2


def test_next_page_with_nothing_active_stays_on_the_last_page(user):
    list_fill(user, 8, page_size=5, working_page=2, states={p: D for p in range(1, 9)})
    assert services.page_next(user=user) == 0
    assert notebook(user).working_page == 2


def test_the_last_page_is_the_one_holding_the_highest_position_even_if_deleted(user):
    list_fill(user, 6, page_size=5)
    services.item_delete(user=user, item_id=item_at(user, 6).id)
    assert notebook(user).pages == 2
    # Page 1 is not the last page, so an untouched page 1 is dismissed.
    assert services.page_next(user=user) == 5
    assert notebook(user).working_page == 2


# --- restore -------------------------------------------------------------------------------


def test_restore_reenters_a_dismissed_item(user):
    list_fill(user, 8, page_size=5, working_page=2, states={1: X})
    Item.objects.filter(user=user, position=1).update(repeats=1)
    copy = services.item_restore(user=user, item_id=item_at(user, 1).id)
    assert (copy.position, copy.state, copy.repeats, copy.text) == (9, A, 2, "Task 1")
    assert item_at(user, 1).state == R
    assert notebook(user).acted_on_page is False
    assert Event.objects.get(user=user).kind == EventKind.RESTORE


@pytest.mark.parametrize("state", [A, D, R])
def test_restore_refuses_items_that_are_not_dismissed(user, state):
    list_fill(user, 2, states={1: state})
    with pytest.raises(Conflict):
        services.item_restore(user=user, item_id=item_at(user, 1).id)


# --- edit ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [A, X])
def test_edit_changes_the_text_of_open_items(user, state):
    list_fill(user, 2, states={1: state})
    item = services.item_edit(user=user, item_id=item_at(user, 1).id, text=" Better words ")
    assert item.text == "Better words" == item_at(user, 1).text
    event = Event.objects.get(user=user)
    assert (event.kind, event.prev_text) == (EventKind.EDIT, "Task 1")


@pytest.mark.parametrize("state", [D, R])
def test_edit_refuses_crossed_out_items(user, state):
    list_fill(user, 2, states={1: state})
    with pytest.raises(Conflict):
        services.item_edit(user=user, item_id=item_at(user, 1).id, text="New")
    assert item_at(user, 1).text == "Task 1"


def test_edit_refuses_bad_text(user):
    list_fill(user, 1)
    with pytest.raises(BadUserInput):
        services.item_edit(user=user, item_id=item_at(user, 1).id, text="  ")


def test_edit_to_the_same_text_records_nothing(user):
    list_fill(user, 1)
    services.item_edit(user=user, item_id=item_at(user, 1).id, text="Task 1 ")
    assert not Event.objects.exists()


# --- delete --------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [A, D, R, X])
def test_delete_drops_an_item_in_any_state_and_leaves_its_line_empty(user, state):
    list_fill(user, 7, page_size=5, states={2: state})
    services.item_delete(user=user, item_id=item_at(user, 2).id)
    assert [item.position for item in items_for_page(user=user, page=1)] == [1, 3, 4, 5]
    assert [item.position for item in items_for_page(user=user, page=2)] == [6, 7]
    assert services.item_create(user=user, text="Next").position == 8
    with pytest.raises(NotFound):
        services.item_delete(user=user, item_id=item_at(user, 2).id)
    event = Event.objects.filter(kind=EventKind.DELETE).get()
    assert event.prev_state == state


def test_deleting_the_last_active_item_of_the_page_moves_on(user):
    list_fill(user, 7, page_size=5, states={1: D, 2: D, 3: D, 4: D})
    services.item_delete(user=user, item_id=item_at(user, 5).id)
    assert notebook(user).working_page == 2


# --- undo ----------------------------------------------------------------------------------


def test_undo_with_nothing_to_undo_is_a_conflict(user):
    services.list_start(user=user)
    with pytest.raises(Conflict):
        services.action_undo(user=user)


ACTIONS = {
    "create": lambda user: services.item_create(user=user, text="New"),
    "complete": lambda user: services.item_complete(user=user, item_id=item_at(user, 5).id),
    "complete_last_on_page": lambda user: services.item_complete(
        user=user, item_id=item_at(user, 4).id
    ),
    "reenter": lambda user: services.item_reenter(user=user, item_id=item_at(user, 4).id),
    "next_page": lambda user: services.page_next(user=user),
    "restore": lambda user: services.item_restore(user=user, item_id=item_at(user, 2).id),
    "edit": lambda user: services.item_edit(user=user, item_id=item_at(user, 4).id, text="New"),
    "delete": lambda user: services.item_delete(user=user, item_id=item_at(user, 4).id),
    "page_size": lambda user: services.settings_update(user=user, page_size=7),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_undo_restores_exactly_what_was_there(user, action):
    # Page 1: done, dismissed, done, active, active(6..). Working page 1 with an item acted on.
    list_fill(user, 13, page_size=6, states={1: D, 2: X, 3: D, 5: A})
    Notebook.objects.filter(user=user).update(acted_on_page=True)
    if action == "complete_last_on_page":
        Item.objects.filter(user=user, position__in=[5, 6]).update(state=D)
    user.refresh_from_db()
    before = snapshot(user)
    ACTIONS[action](user)
    assert snapshot(user) != before
    event = services.action_undo(user=user)
    assert snapshot(user) == before
    event.refresh_from_db()
    assert event.undone_at is not None


def test_undo_goes_back_as_many_steps_as_asked(user):
    list_fill(user, 12, page_size=5)
    history = [snapshot(user)]
    services.item_complete(user=user, item_id=item_at(user, 1).id)
    history.append(snapshot(user))
    services.page_next(user=user)
    history.append(snapshot(user))
    services.page_next(user=user)  # dismisses page 2
    history.append(snapshot(user))
    services.item_restore(user=user, item_id=item_at(user, 7).id)
    history.append(snapshot(user))
    services.item_edit(user=user, item_id=item_at(user, 13).id, text="Edited")
    history.append(snapshot(user))
    services.settings_update(user=user, page_size=10)
    history.append(snapshot(user))
    services.item_delete(user=user, item_id=item_at(user, 3).id)
    while history:
        services.action_undo(user=user)
        assert snapshot(user) == history.pop()
    with pytest.raises(Conflict):
        services.action_undo(user=user)
    assert Event.objects.filter(user=user, undone_at__isnull=False).count() == 7


def test_undo_after_undo_and_new_action_takes_back_the_new_action_first(user):
    list_fill(user, 5)
    services.item_complete(user=user, item_id=item_at(user, 1).id)
    services.item_complete(user=user, item_id=item_at(user, 2).id)
    services.action_undo(user=user)
    services.item_reenter(user=user, item_id=item_at(user, 3).id)
    services.action_undo(user=user)
    assert states(user) == [D, A, A, A, A]
    services.action_undo(user=user)
    assert states(user) == [A] * 5


def test_undo_of_an_added_item_frees_its_position_for_the_next(user):
    list_fill(user, 3)
    services.item_create(user=user, text="Oops")
    services.action_undo(user=user)
    assert services.item_create(user=user, text="Meant this").position == 4


def test_undo_re_creates_a_deleted_item_at_its_position_with_its_id(user):
    list_fill(user, 3)
    item = item_at(user, 2)
    services.item_delete(user=user, item_id=item.id)
    services.action_undo(user=user)
    assert [i.id for i in items_for_page(user=user)][1] == item.id


def test_undo_is_per_user(user):
    other = UserFactory()
    list_fill(user, 2)
    list_fill(other, 2)
    services.item_complete(user=other, item_id=item_at(other, 1).id)
    with pytest.raises(Conflict):
        services.action_undo(user=user)
    assert item_at(other, 1).state == D


# --- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [4, 101, 0, -5])
def test_page_size_out_of_range_is_refused(user, size):
    list_fill(user, 3)
    with pytest.raises(BadUserInput):
        services.settings_update(user=user, page_size=size)
    assert notebook(user).page_size == 25


@pytest.mark.parametrize("size", [5, 100])
def test_page_size_bounds_are_allowed(user, size):
    list_fill(user, 3)
    services.settings_update(user=user, page_size=size)
    assert notebook(user).page_size == size


def test_language_changes_without_an_undo_step(user):
    user_set_language(user=user, language="ru")
    user.refresh_from_db()
    assert user.language == "ru"
    assert not Event.objects.exists()


def test_new_page_size_keeps_the_first_active_item_of_the_working_page(user):
    # Working page 3 of size 10 = positions 21..30; 21, 22 done, so 23 is its first ACTIVE.
    list_fill(user, 40, page_size=10, working_page=3, states={21: D, 22: D})
    services.settings_update(user=user, page_size=5)
    nb = notebook(user)
    assert (nb.page_size, nb.working_page, nb.pages) == (5, 5, 8)
    services.settings_update(user=user, page_size=25)
    assert notebook(user).working_page == 1
    assert Event.objects.filter(kind=EventKind.PAGE_SIZE).count() == 2


def test_new_page_size_with_nothing_active_goes_to_the_last_page(user):
    list_fill(user, 12, page_size=5, working_page=3, states={p: D for p in range(1, 13)})
    services.settings_update(user=user, page_size=10)
    assert notebook(user).working_page == 2
    services.settings_update(user=user, page_size=5)
    assert notebook(user).working_page == 3


def test_same_page_size_records_nothing(user):
    list_fill(user, 3)
    services.settings_update(user=user, page_size=25)
    assert not Event.objects.exists()


def test_notebook_of_user_without_one_has_defaults(user):
    nb = notebook_of(user=user)
    assert (nb.working_page, nb.pages, nb.page_size) == (1, 1, 25)


# --- versions --------------------------------------------------------------------------------


def version_of(user, position: int) -> int:
    return item_at(user, position).version


def test_every_change_of_an_item_adds_one_to_its_version(user):
    list_fill(user, 3)
    assert [version_of(user, p) for p in (1, 2, 3)] == [1, 1, 1]
    services.item_edit(user=user, item_id=item_at(user, 1).pk, text="Reworded")
    assert version_of(user, 1) == 2
    services.item_complete(user=user, item_id=item_at(user, 1).pk)
    assert version_of(user, 1) == 3
    services.action_undo(user=user)  # the completion
    assert version_of(user, 1) == 4
    services.action_undo(user=user)  # the edit
    assert (item_at(user, 1).text, version_of(user, 1)) == ("Task 1", 5)
    services.item_reenter(user=user, item_id=item_at(user, 2).pk)
    assert version_of(user, 2) == 2 and version_of(user, 4) == 1
    services.item_delete(user=user, item_id=item_at(user, 3).pk)
    assert version_of(user, 3) == 2
    services.action_undo(user=user)
    assert version_of(user, 3) == 3
    # Editing to the same text changes nothing, so the version stays.
    services.item_edit(user=user, item_id=item_at(user, 3).pk, text="Task 3")
    assert version_of(user, 3) == 3


def test_dismissal_changes_the_version_of_each_dismissed_item(user):
    list_fill(user, 30)
    services.page_next(user=user)
    assert version_of(user, 1) == 2 and version_of(user, 26) == 1


def test_an_edit_based_on_an_old_version_is_a_conflict_and_changes_nothing(user):
    list_fill(user, 1)
    item = item_at(user, 1)
    services.item_edit(user=user, item_id=item.pk, text="From the phone", version=1)
    events = Event.objects.count()
    with pytest.raises(Conflict) as raised:
        services.item_edit(user=user, item_id=item.pk, text="From the laptop", version=1)
    assert raised.value.extensions == {
        "code": "CONFLICT",
        "currentText": "From the phone",
        "currentVersion": 2,
    }
    assert (item_at(user, 1).text, version_of(user, 1)) == ("From the phone", 2)
    assert Event.objects.count() == events
    # Sent with the current version, the person's own text wins.
    services.item_edit(user=user, item_id=item.pk, text="From the laptop", version=2)
    assert (item_at(user, 1).text, version_of(user, 1)) == ("From the laptop", 3)
