import pytest
from django.test import Client

from focus import services
from focus.models import Item
from focus.tests.factories import UserFactory, list_fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_signed_in():
    admin = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_item_admin_searches_by_email_and_filters_by_state(admin_client_signed_in):
    alice, bob = UserFactory(email="alice@example.com"), UserFactory(email="bob@example.com")
    list_fill(alice, 2)
    Item.objects.filter(user=alice, position=1).update(text="Alice task", state="done")
    list_fill(bob, 1)
    Item.objects.filter(user=bob).update(text="Bob task")
    page = admin_client_signed_in.get("/admin/focus/item/", {"q": "alice@"})
    assert page.status_code == 200
    assert b"Alice task" in page.content and b"Bob task" not in page.content
    done = admin_client_signed_in.get("/admin/focus/item/", {"state__exact": "done"})
    assert b"Alice task" in done.content and b"Task 2" not in done.content


def test_event_admin_filters_by_kind(admin_client_signed_in):
    user = UserFactory(email="carol@example.com")
    list_fill(user, 3)
    services.item_create(user=user, text="x")
    services.page_next(user=user)
    page = admin_client_signed_in.get(
        "/admin/focus/event/", {"kind__exact": "create", "q": "carol"}
    )
    assert page.status_code == 200
    assert page.context["cl"].result_count == 1
    assert admin_client_signed_in.get("/admin/focus/notebook/").status_code == 200
