"""Every way into /graphql: bearer token only, session cookie with CSRF, both, bad tokens."""

import json
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from accounts.models import UserSession as Session
from accounts.services import api_token_create, api_token_revoke
from accounts.tests.factories import UserFactory
from autofocus.testing import GraphQLClient, error_codes

pytestmark = pytest.mark.django_db

USER = "query { user { email } }"
CREATE_ITEM = "mutation($text: String!) { createItem(text: $text) { item { text } } }"
ITEMS = "query { items { text } }"
LOGOUT = "mutation { logout { ok } }"
REQUEST_LINK = 'mutation { requestLoginLink(email: "new@example.com") { signedIn } }'
CREATE_TOKEN = 'mutation { createApiToken(name: "more", scope: WRITE) { token } }'
REVOKE_TOKEN = "mutation($id: ID!) { revokeApiToken(id: $id) { ok } }"


def post(
    client: Client, query: str, variables: dict | None = None, token: str | None = None, **headers
):
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.post(
        "/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def ann():
    return UserFactory(email="ann@example.com")


@pytest.fixture
def write_token(ann) -> str:
    return api_token_create(user=ann, name="laptop", scope="write").token


@pytest.fixture
def read_token(ann) -> str:
    return api_token_create(user=ann, name="phone", scope="read").token


@pytest.fixture
def api():
    """A client as a script is: no cookies, and Django's CSRF check fully enforced."""
    return Client(enforce_csrf_checks=True)


def test_a_bearer_token_alone_reads_and_writes_without_csrf_or_cookies(api, ann, write_token):
    response = post(api, USER, token=write_token)
    assert response.status_code == 200
    assert response.json() == {"data": {"user": {"email": "ann@example.com"}}}
    response = post(api, CREATE_ITEM, {"text": "Buy milk"}, token=write_token)
    assert response.json() == {"data": {"createItem": {"item": {"text": "Buy milk"}}}}
    assert post(api, ITEMS, token=write_token).json() == {"data": {"items": [{"text": "Buy milk"}]}}
    # No session and no cookie of any kind.
    assert response.cookies == {}
    assert api.cookies == {}
    assert Session.objects.count() == 0


def test_the_scheme_name_is_case_insensitive(api, write_token):
    response = api.post(
        "/graphql",
        data=json.dumps({"query": USER}),
        content_type="application/json",
        headers={"Authorization": f"bearer {write_token}"},
    )
    assert response.json()["data"]["user"]["email"] == "ann@example.com"


def test_a_get_query_works_with_a_token(api, write_token):
    response = api.get(
        "/graphql",
        {"query": USER},
        headers={"Authorization": f"Bearer {write_token}", "Accept": "application/json"},
    )
    assert response.json() == {"data": {"user": {"email": "ann@example.com"}}}


def test_cookie_requests_keep_the_csrf_check(ann):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ann, backend="django.contrib.auth.backends.ModelBackend")
    assert post(browser, USER).status_code == 403  # no CSRF token
    gql = GraphQLClient(browser)
    assert gql.execute(USER) == {"data": {"user": {"email": "ann@example.com"}}}


def test_a_bearer_token_does_not_lift_csrf_from_other_paths(ann, write_token):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        "/login", {"sesame": "x"}, headers={"Authorization": f"Bearer {write_token}"}
    )
    assert response.status_code == 403


def test_a_session_cookie_and_a_bearer_token_together_are_refused(ann, write_token):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ann, backend="django.contrib.auth.backends.ModelBackend")
    gql = GraphQLClient(browser)
    response = browser.post(
        "/graphql",
        data=json.dumps({"query": CREATE_ITEM, "variables": {"text": "x"}}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {write_token}", "X-CSRFToken": gql.csrf_token()},
    )
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]
    assert "not both" in response.json()["errors"][0]["message"]
    assert gql.execute(ITEMS) == {"data": {"items": []}}


@pytest.mark.parametrize("session", ["expired", "unknown"])
def test_a_dead_session_beside_a_valid_token_is_refused_too(ann, write_token, session):
    # The cookie is what counts: a request that carries one is a browser's, dead or alive.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ann, backend="django.contrib.auth.backends.ModelBackend")
    if session == "expired":
        Session.objects.update(expire_date=timezone.now() - timedelta(days=1))
        assert GraphQLClient(browser).execute(USER) == {"data": {"user": None}}
    else:
        browser.cookies[django_settings.SESSION_COOKIE_NAME] = "no-such-session-key"
    response = post(browser, USER, token=write_token)
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Bearer not-a-token",
        "Bearer af_" + "x" * 43,  # well-formed, unknown
        "Bearer af_" + "x" * 43 + " extra",
    ],
)
def test_malformed_or_unknown_tokens_get_401_with_www_authenticate(api, write_token, header):
    response = api.post(
        "/graphql",
        data=json.dumps({"query": USER}),
        content_type="application/json",
        headers={"Authorization": header},
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]
    assert "Settings" in response.json()["errors"][0]["message"]


def test_a_revoked_token_gets_401_at_once(api, ann, write_token):
    assert post(api, USER, token=write_token).status_code == 200
    api_token_revoke(user=ann, token_id=ApiToken.objects.get(name="laptop").pk)
    response = post(api, USER, token=write_token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]


def test_signing_out_of_the_browser_does_not_end_tokens(api, ann, write_token):
    gql = GraphQLClient()
    gql.force_login(ann)
    assert gql.execute(LOGOUT) == {"data": {"logout": {"ok": True}}}
    assert post(api, USER, token=write_token).json()["data"]["user"]["email"] == "ann@example.com"


def test_other_authorization_schemes_are_left_alone(ann):
    # A proxy's Basic authentication must not break the web app.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ann, backend="django.contrib.auth.backends.ModelBackend")
    gql = GraphQLClient(browser)
    result = gql.execute(USER, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert result == {"data": {"user": {"email": "ann@example.com"}}}


def test_a_read_token_runs_queries_but_no_mutation(api, read_token):
    assert post(api, USER, token=read_token).json() == {
        "data": {"user": {"email": "ann@example.com"}}
    }
    response = post(api, CREATE_ITEM, {"text": "Buy milk"}, token=read_token)
    assert response.status_code == 200
    result = response.json()
    assert error_codes(result) == ["FORBIDDEN"]
    assert "write scope" in result["errors"][0]["message"]
    assert post(api, ITEMS, token=read_token).json() == {"data": {"items": []}}


def test_a_refused_field_rolls_the_whole_mutation_back(api, write_token):
    both = 'mutation { createItem(text: "x") { item { text } } logout { ok } }'
    result = post(api, both, token=write_token).json()
    assert error_codes(result) == ["FORBIDDEN"]
    assert post(api, ITEMS, token=write_token).json() == {"data": {"items": []}}


@pytest.mark.parametrize("mutation", [LOGOUT, REQUEST_LINK, CREATE_TOKEN, "revoke"])
def test_browser_only_mutations_are_refused_with_any_token(api, ann, write_token, mutation):
    variables = {}
    if mutation == "revoke":
        mutation = REVOKE_TOKEN
        variables = {"id": str(ApiToken.objects.get(name="laptop").pk)}
    result = post(api, mutation, variables, token=write_token).json()
    assert error_codes(result) == ["FORBIDDEN"]
    assert "web app" in result["errors"][0]["message"]
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1
    assert Session.objects.count() == 0
    assert post(api, USER, token=write_token).status_code == 200


def test_fragments_do_not_hide_a_browser_only_mutation(api, write_token):
    sneaky = (
        'mutation { ...M } fragment M on Mutation { createApiToken(name: "x", scope: WRITE) '
        "{ token } }"
    )
    assert error_codes(post(api, sneaky, token=write_token).json()) == ["FORBIDDEN"]
    assert ApiToken.objects.count() == 1


def test_each_token_has_its_own_rate_limit(api, ann, write_token, read_token, settings):
    settings.API_TOKEN_RATE = "2/m"
    for _ in range(2):
        assert post(api, USER, token=write_token).status_code == 200
    response = post(api, USER, token=write_token)
    assert response.status_code == 429
    assert error_codes(response.json()) == ["RATE_LIMITED"]
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another token of the same account, and the browser, are not affected.
    assert post(api, USER, token=read_token).status_code == 200
    gql = GraphQLClient()
    gql.force_login(ann)
    assert gql.execute(USER) == {"data": {"user": {"email": "ann@example.com"}}}


def test_the_token_list_updates_last_use(api, write_token):
    assert ApiToken.objects.get(name="laptop").last_used_at is None
    post(api, USER, token=write_token)
    assert ApiToken.objects.get(name="laptop").last_used_at is not None
