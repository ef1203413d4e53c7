import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from accounts.tests.conftest import link_in_mail
from accounts.tests.factories import UserFactory
from autofocus.testing import GraphQLClient, error_codes

REQUEST_LINK = """
mutation RequestLoginLink($email: String!) {
  requestLoginLink(email: $email) { signedIn user { email isValidated language } }
}
"""
USER = "query { user { email isValidated language } }"
LOGOUT = "mutation { logout { ok } }"

pytestmark = pytest.mark.django_db


def test_signed_out_user_is_null(gql):
    assert gql.execute(USER) == {"data": {"user": None}}


def test_new_address_signs_up_and_signs_in_at_once(gql):
    result = gql.execute(REQUEST_LINK, {"email": "  New.Person@Example.COM "})
    assert result["data"]["requestLoginLink"] == {
        "signedIn": True,
        "user": {"email": "new.person@example.com", "isValidated": False, "language": "en"},
    }
    assert gql.execute(USER)["data"]["user"]["email"] == "new.person@example.com"
    assert User.objects.get().email == "new.person@example.com"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.com"]


def test_language_comes_from_the_browser(gql):
    result = gql.execute(
        REQUEST_LINK,
        {"email": "ivan@example.com"},
        headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"},
    )
    assert result["data"]["requestLoginLink"]["user"]["language"] == "ru"
    assert "Ссылка" in mail.outbox[0].subject


def test_known_address_only_gets_an_email(gql):
    UserFactory(email="known@example.com")
    result = gql.execute(REQUEST_LINK, {"email": "known@example.com"})
    assert result["data"]["requestLoginLink"] == {"signedIn": False, "user": None}
    assert gql.execute(USER)["data"]["user"] is None
    assert len(mail.outbox) == 1


def test_email_has_a_short_link_in_text_and_html(gql):
    gql.execute(REQUEST_LINK, {"email": "short@example.com"})
    message = mail.outbox[0]
    link = link_in_mail(message)
    assert link.startswith("http://testserver/s/")
    assert "sesame=" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and link in html and "sesame=" not in html


@pytest.mark.parametrize("email", ["", "   ", "not-an-email", "a@b", "x" * 300 + "@example.com"])
def test_invalid_address_is_refused(gql, email):
    result = gql.execute(REQUEST_LINK, {"email": email})
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert result["errors"][0]["message"] == "Please enter a valid email address."
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_per_address(gql, settings):
    settings.LOGIN_RATE_PER_EMAIL = "2/h"
    UserFactory(email="limited@example.com")
    for _ in range(2):
        assert "errors" not in gql.execute(REQUEST_LINK, {"email": "limited@example.com"})
    result = gql.execute(REQUEST_LINK, {"email": "LIMITED@example.com"})
    assert error_codes(result) == ["RATE_LIMITED"]
    assert len(mail.outbox) == 2
    # Another address from the same client is still served.
    assert "errors" not in gql.execute(REQUEST_LINK, {"email": "other@example.com"})


def test_rate_limit_per_client_ip(gql, settings):
    settings.LOGIN_RATE_PER_IP = "3/h"
    for n in range(3):
        assert "errors" not in gql.execute(REQUEST_LINK, {"email": f"p{n}@example.com"})
    result = gql.execute(REQUEST_LINK, {"email": "p9@example.com"})
    assert error_codes(result) == ["RATE_LIMITED"]
    assert not User.objects.filter(pk="p9@example.com").exists()
    other_client = GraphQLClient(REMOTE_ADDR="10.9.9.9")
    assert "errors" not in other_client.execute(REQUEST_LINK, {"email": "p9@example.com"})


def test_rate_limited_new_and_known_addresses_answer_alike(gql, settings):
    settings.LOGIN_RATE_PER_IP = "0/h"
    UserFactory(email="known@example.com")
    known = gql.execute(REQUEST_LINK, {"email": "known@example.com"})
    new = gql.execute(REQUEST_LINK, {"email": "new@example.com"})
    assert known == new


def test_logout_ends_the_session(gql):
    gql.execute(REQUEST_LINK, {"email": "bye@example.com"})
    assert gql.execute(LOGOUT) == {"data": {"logout": {"ok": True}}}
    assert gql.execute(USER)["data"]["user"] is None


def test_graphql_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/graphql", data={"query": USER}, content_type="application/json")
    assert response.status_code == 403


def test_csrf_token_from_another_session_is_refused(gql):
    gql.csrf_token()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/graphql",
        data={"query": REQUEST_LINK, "variables": {"email": "x@example.com"}},
        content_type="application/json",
        headers={"X-CSRFToken": "A" * 32},
    )
    assert response.status_code == 403
    assert not User.objects.exists()
