import pytest

from accounts.models import UserSession
from accounts.sessions import session_key_for
from accounts.tests.factories import UserFactory
from autofocus.testing import GraphQLClient

pytestmark = pytest.mark.django_db

USER = "{ user { email } }"


def test_a_session_made_for_a_user_signs_a_browser_in_and_names_its_account(client):
    ann = UserFactory(email="ann@example.com")
    key = session_key_for(ann)
    assert UserSession.objects.get(session_key=key).user == ann
    client.cookies["sessionid"] = key
    assert GraphQLClient(client).execute(USER) == {"data": {"user": {"email": "ann@example.com"}}}
