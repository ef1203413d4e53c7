import pytest

from accounts.models import ApiToken
from accounts.services import MAX_API_TOKENS, api_token_create, api_token_hash
from accounts.tests.factories import UserFactory
from autofocus.testing import GraphQLClient, error_codes

pytestmark = pytest.mark.django_db

API_TOKENS = "query { apiTokens { id name scope createdAt lastUsedAt } }"
CREATE = """
mutation CreateApiToken($name: String!, $scope: ApiTokenScope!) {
  createApiToken(name: $name, scope: $scope) {
    token
    apiToken { id name scope createdAt lastUsedAt }
  }
}
"""
REVOKE = "mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ok } }"


@pytest.fixture
def ann_browser():
    gql = GraphQLClient()
    gql.force_login(UserFactory(email="ann@example.com"))
    return gql


def test_created_token_is_returned_once_and_listed_without_its_secret(ann_browser):
    result = ann_browser.execute(CREATE, {"name": "laptop script", "scope": "WRITE"})
    payload = result["data"]["createApiToken"]
    token = payload["token"]
    assert token.startswith("af_")
    assert payload["apiToken"]["name"] == "laptop script"
    assert payload["apiToken"]["scope"] == "WRITE"
    assert payload["apiToken"]["lastUsedAt"] is None
    assert ApiToken.objects.get().token_hash == api_token_hash(token)

    listed = ann_browser.execute(API_TOKENS)["data"]["apiTokens"]
    assert listed == [payload["apiToken"]]
    assert token not in str(listed)


def test_the_scope_is_read_or_write(ann_browser):
    result = ann_browser.execute(CREATE, {"name": "x", "scope": "ADMIN"})
    assert error_codes(result) == ["GRAPHQL_VALIDATION_FAILED"]
    result = ann_browser.execute(CREATE, {"name": "reader", "scope": "READ"})
    assert result["data"]["createApiToken"]["apiToken"]["scope"] == "READ"
    assert ApiToken.objects.get().scope == "read"


def test_bad_names_are_user_input_errors(ann_browser):
    result = ann_browser.execute(CREATE, {"name": "  ", "scope": "READ"})
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert result["errors"][0]["extensions"]["field"] == "name"


def test_the_twenty_first_token_is_a_conflict(ann_browser):
    ann = ann_browser.execute("{ user { email } }")["data"]["user"]["email"]
    for n in range(MAX_API_TOKENS):
        api_token_create(user=UserFactory(email=ann), name=f"t{n}", scope="read")
    result = ann_browser.execute(CREATE, {"name": "one more", "scope": "READ"})
    assert error_codes(result) == ["CONFLICT"]
    assert ApiToken.objects.count() == MAX_API_TOKENS


def test_revoking_removes_the_token_from_the_list(ann_browser):
    created = ann_browser.execute(CREATE, {"name": "laptop", "scope": "READ"})
    token_id = created["data"]["createApiToken"]["apiToken"]["id"]
    assert ann_browser.execute(REVOKE, {"id": token_id}) == {
        "data": {"revokeApiToken": {"ok": True}}
    }
    assert ann_browser.execute(API_TOKENS) == {"data": {"apiTokens": []}}
    assert error_codes(ann_browser.execute(REVOKE, {"id": token_id})) == ["NOT_FOUND"]


def test_another_users_tokens_are_neither_visible_nor_revocable(ann_browser):
    bob_token = api_token_create(
        user=UserFactory(email="bob@example.com"), name="bob's", scope="write"
    )
    assert ann_browser.execute(API_TOKENS) == {"data": {"apiTokens": []}}
    result = ann_browser.execute(REVOKE, {"id": str(bob_token.api_token.pk)})
    assert error_codes(result) == ["NOT_FOUND"]
    assert ApiToken.objects.get().revoked_at is None


def test_signed_out_visitors_cannot_list_create_or_revoke():
    gql = GraphQLClient()
    assert error_codes(gql.execute(API_TOKENS)) == ["UNAUTHENTICATED"]
    assert error_codes(gql.execute(CREATE, {"name": "x", "scope": "READ"})) == ["UNAUTHENTICATED"]
    assert error_codes(gql.execute(REVOKE, {"id": "1"})) == ["UNAUTHENTICATED"]
    assert ApiToken.objects.count() == 0
