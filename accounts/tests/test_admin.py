import pytest
from django.test import Client

from accounts.services import api_token_create
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_see_tokens_by_owner_but_never_their_hash():
    admin = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    ann = api_token_create(
        user=UserFactory(email="ann@example.com"), name="ann's laptop", scope="write"
    )
    api_token_create(user=UserFactory(email="bob@example.com"), name="bob's phone", scope="read")

    page = client.get("/admin/accounts/apitoken/", {"q": "ann@"})
    assert page.status_code == 200
    assert "ann&#x27;s laptop" in page.content.decode() and b"bob" not in page.content
    detail = client.get(f"/admin/accounts/apitoken/{ann.api_token.pk}/change/")
    assert detail.status_code == 200
    assert ann.api_token.token_hash.encode() not in detail.content
    assert ann.token.encode() not in detail.content
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403
