import pytest

from autofocus.testing import GraphQLClient
from focus.tests.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def gql(db):
    return GraphQLClient()


@pytest.fixture
def signed_in(gql, user):
    gql.force_login(user)
    return gql
