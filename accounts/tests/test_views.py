import pytest
from django.core import mail
from django.test import Client
from sesame.utils import get_query_string

from accounts.models import User
from accounts.tests.conftest import link_in_mail
from accounts.tests.factories import UserFactory
from autofocus.testing import GraphQLClient

pytestmark = pytest.mark.django_db

REQUEST_LINK = "mutation($email: String!) { requestLoginLink(email: $email) { signedIn } }"
USER = "query { user { email isValidated } }"


def follow_short_link(client: Client, url: str) -> str:
    path = url.removeprefix("http://testserver")
    response = client.get(path)
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    return response["Location"]


def sign_up(email: str) -> tuple[GraphQLClient, str]:
    first = GraphQLClient()
    first.execute(REQUEST_LINK, {"email": email})
    return first, link_in_mail(mail.outbox[-1])


def test_confirm_page_shows_masked_address_and_does_not_consume_the_token():
    first, link = sign_up("alice@example.com")
    second = Client(enforce_csrf_checks=True)
    target = follow_short_link(second, link)
    assert target.startswith("/login?sesame=")
    for _ in range(2):  # a mail scanner's prefetch, then the person
        page = second.get(target)
        assert page.status_code == 200
        assert "a•••@example.com" in page.content.decode()
        assert "alice@example.com" not in page.content.decode()
        assert "no-store" in page["Cache-Control"]
        assert page["Referrer-Policy"] == "no-referrer"
        # ...but the form's POST must carry a real Origin for the CSRF check.
        assert '<meta name="referrer" content="same-origin">' in page.content.decode()
    assert not User.objects.get().is_validated


def post_confirm(client: Client, target: str):
    page = client.get(target)
    token = target.split("sesame=")[1]
    csrf = client.cookies["csrftoken"].value
    return page, client.post("/login", {"sesame": token, "csrfmiddlewaretoken": csrf})


def test_confirming_validates_signs_in_and_ends_other_sessions():
    first, link = sign_up("bob@example.com")
    assert first.execute(USER)["data"]["user"]["isValidated"] is False
    second = Client(enforce_csrf_checks=True)
    target = follow_short_link(second, link)
    _, response = post_confirm(second, target)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "no-store" in response["Cache-Control"]
    assert User.objects.get().is_validated
    second_gql = GraphQLClient(second)
    assert second_gql.execute(USER)["data"]["user"] == {
        "email": "bob@example.com",
        "isValidated": True,
    }
    # The session that signed up unvalidated has ended.
    assert first.execute(USER)["data"]["user"] is None


def test_later_logins_keep_other_sessions():
    user = UserFactory(email="carol@example.com", is_validated=True)
    laptop = GraphQLClient()
    laptop.force_login(user)
    phone = Client(enforce_csrf_checks=True)
    _, response = post_confirm(phone, f"/login{get_query_string(user)}")
    assert response.status_code == 302
    assert laptop.execute(USER)["data"]["user"]["email"] == "carol@example.com"


def test_login_rotates_the_session_key():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    target = f"/login{get_query_string(user)}"
    client.get(target)
    before = client.session.session_key
    post_confirm(client, target)
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == user.pk


def test_confirm_without_csrf_is_refused():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    token = get_query_string(user).split("=")[1]
    response = client.post("/login", {"sesame": token})
    assert response.status_code == 403
    assert "This page is out of date" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_used_link_shows_friendly_page():
    user = UserFactory()
    target = f"/login{get_query_string(user)}"
    post_confirm(Client(enforce_csrf_checks=True), target)
    again = Client(enforce_csrf_checks=True)
    page = again.get(target)
    assert page.status_code == 410
    assert "expired or was already used" in page.content.decode()
    assert 'href="/"' in page.content.decode()
    response = again.post(
        "/login",
        {
            "sesame": target.split("=")[1],
            "csrfmiddlewaretoken": again.cookies.get("csrftoken").value
            if "csrftoken" in again.cookies
            else "",
        },
    )
    assert response.status_code in (403, 410)
    assert "_auth_user_id" not in again.session


def test_expired_link_shows_friendly_page(settings, monkeypatch):
    import time as real_time

    user = UserFactory()
    target = f"/login{get_query_string(user)}"
    assert Client().get(target).status_code == 200
    later = real_time.time() + settings.SESAME_MAX_AGE + 1
    monkeypatch.setattr("sesame.tokens_v2.time.time", lambda: later)
    page = Client().get(target)
    assert page.status_code == 410
    assert "expired" in page.content.decode()


@pytest.mark.parametrize("token", ["", "forged", "A" * 30, "x" * 500])
def test_forged_tokens_show_friendly_page(token):
    UserFactory()
    client = Client()
    page = client.get(f"/login?sesame={token}")
    assert page.status_code == 410
    assert "Get a new link" in page.content.decode()


def test_login_link_command_prints_a_working_link(capsys):
    from django.core.management import call_command

    UserFactory(email="admin@example.com", is_staff=True)
    call_command("login_link", "Admin@Example.com")
    url = capsys.readouterr().out.strip()
    client = Client()
    target = follow_short_link(client, url)
    assert target.startswith("/login?sesame=")


def test_createsuperuser_needs_no_password():
    from django.core.management import call_command

    call_command("createsuperuser", email="Boss@Example.com", interactive=False, verbosity=0)
    boss = User.objects.get()
    assert boss.email == "boss@example.com"
    assert boss.is_staff and boss.is_superuser and boss.is_validated
    assert not boss.has_usable_password()


def test_links_use_site_url_never_the_host_header(settings):
    settings.SITE_URL = "https://autofocus.example.com"
    settings.ALLOWED_HOSTS = ["*"]
    gql = GraphQLClient()
    gql.execute(REQUEST_LINK, {"email": "host@example.com"}, headers={"Host": "evil.example.net"})
    assert "https://autofocus.example.com/s/" in mail.outbox[0].body
    assert "evil.example.net" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [("en", "Sign in to Autofocus", "Sign in"), ("ru", "Войти в Autofocus", "Войти")],
)
def test_confirm_page_speaks_the_accounts_language_and_shows_no_template_notes(
    language, heading, button
):
    user = UserFactory(email="boris@example.com", language=language)
    page = Client().get(f"/login{get_query_string(user)}").content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert f'<button class="button" type="submit">{button}</button>' in page
    assert "Referrer-Policy" not in page  # the template's comment stays in the template


def test_a_dead_link_page_speaks_the_browsers_language_first():
    page = Client(headers={"accept-language": "ru"}).get("/login?sesame=forged").content.decode()
    assert '<html lang="ru">' in page
    assert page.index("Ссылка") < page.index('<p lang="en">')
