from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from focus import services
from focus.models import Event, Item, ItemState, Notebook
from focus.tests.factories import UserFactory, list_fill

pytestmark = pytest.mark.django_db


def old(days: int = 20, **kwargs) -> User:
    user = UserFactory(
        is_validated=False, date_joined=timezone.now() - timedelta(days=days), **kwargs
    )
    services.list_start(user=user)
    return user


def clean(*args: str) -> str:
    out = StringIO()
    call_command("clean_users", *args, stdout=out)
    return out.getvalue().strip()


def emails() -> set[str]:
    return set(User.objects.values_list("email", flat=True))


def first_item(user) -> Item:
    return Item.objects.get(user=user, position=1)


def test_removes_old_unvalidated_accounts_that_never_acted():
    abandoned = old()
    services.item_create(user=abandoned, text="Added but never done")
    recent = old(days=3)
    validated = old()
    User.objects.filter(pk=validated.pk).update(is_validated=True)
    completed = old()
    services.item_complete(user=completed, item_id=first_item(completed).id)
    reentered = old()
    services.item_reenter(user=reentered, item_id=first_item(reentered).id)
    staff = old(is_staff=True)
    assert clean() == "Removed 1 users"
    assert emails() == {
        recent.email,
        validated.email,
        completed.email,
        reentered.email,
        staff.email,
    }
    assert not Item.objects.filter(user_id=abandoned.email).exists()
    assert not Event.objects.filter(user_id=abandoned.email).exists()
    assert not Notebook.objects.filter(user_id=abandoned.email).exists()


def test_an_undone_completion_does_not_count():
    user = old()
    services.item_complete(user=user, item_id=first_item(user).id)
    services.action_undo(user=user)
    assert clean() == "Removed 1 users"
    assert emails() == set()


def test_a_completed_item_that_was_deleted_still_counts():
    user = old()
    services.item_complete(user=user, item_id=first_item(user).id)
    services.item_delete(user=user, item_id=first_item(user).id)
    assert clean() == "Removed 0 users"


def test_days_option():
    ten = old(days=10)
    old(days=30)
    assert clean("--days", "20") == "Removed 1 users"
    assert emails() == {ten.email}
    assert clean("--days", "5") == "Removed 1 users"
    assert emails() == set()


def test_dry_run_only_counts():
    old()
    old()
    UserFactory(is_validated=False)  # joined just now
    assert clean("--dry-run") == "Would remove 2 users"
    assert len(emails()) == 3


def test_dismissed_or_active_items_do_not_keep_an_account():
    user = old()
    list_fill(user, 3, states={1: ItemState.DISMISSED})
    assert clean() == "Removed 1 users"


def test_negative_days_are_refused():
    old()
    with pytest.raises(CommandError):
        clean("--days", "-1")
    assert len(emails()) == 1


def clean_actions(*args: str) -> str:
    out = StringIO()
    call_command("clean_actions", *args, stdout=out)
    return out.getvalue().strip()


def test_clean_actions_removes_action_ids_older_than_30_days():
    from focus.models import Action

    user = UserFactory()
    recent = Action.objects.create(user=user, action_id="recent-id", operation="undo")
    kept = Action.objects.create(user=user, action_id="twenty-nine-days", operation="undo")
    stale = Action.objects.create(user=user, action_id="thirty-one-days", operation="undo")
    Action.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=29))
    Action.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert clean_actions() == "Removed 1 action ids"
    assert set(Action.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}


def test_clean_actions_never_keeps_less_than_30_days():
    with pytest.raises(CommandError):
        clean_actions("--days", "7")
