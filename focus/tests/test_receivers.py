import pytest

from accounts.models import User
from accounts.signals import user_signed_up
from focus.models import Item, Notebook
from focus.services import ONBOARDING

pytestmark = pytest.mark.django_db


def test_a_signed_up_account_gets_its_list_with_the_onboarding_items_in_its_language():
    user = User.objects.create_user("boris@example.com", language="ru")
    user_signed_up.send(sender=User, user=user)

    texts = list(Item.objects.filter(user=user).order_by("position").values_list("text", flat=True))
    assert texts == ONBOARDING["ru"]
    assert Notebook.objects.get(user=user).next_position == len(texts) + 1
