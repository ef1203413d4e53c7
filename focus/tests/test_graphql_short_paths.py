"""The GraphQL view's short paths on the list's own types: a page of items, the loaded user."""

import pytest

from autofocus.testing import GraphQLClient

pytestmark = pytest.mark.django_db


def test_a_page_of_items_is_completed_on_the_short_path(monkeypatch):
    from graphql import ExecutionContext

    from focus.tests.factories import UserFactory, list_fill

    user = UserFactory()
    list_fill(user, 3)
    gql = GraphQLClient()
    gql.force_login(user)
    # The app shell (for the CSRF cookie) runs the first screen's queries itself: before the spy.
    gql.csrf_token()
    general: list[str] = []
    for name in ("execute_field", "complete_value", "complete_object_value"):
        original = getattr(ExecutionContext, name)

        def spy(self, *args, _name=name, _original=original):
            general.append(_name)
            return _original(self, *args)

        monkeypatch.setattr(ExecutionContext, name, spy)
    answer = gql.execute("{ items { id text state page __typename } }")
    assert [row["text"] for row in answer["data"]["items"]] == [
        item.text for item in user.items.order_by("position")
    ]
    # `items` itself and its list (non-null, then the list); every item and every field of
    # every item on the short path.
    assert general == ["execute_field", "complete_value", "complete_value"]


def test_require_user_hands_over_the_loaded_user_not_the_lazy_proxy():
    from types import SimpleNamespace

    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.utils.functional import SimpleLazyObject

    from accounts.models import User
    from autofocus.graphql import require_user
    from focus.tests.factories import UserFactory

    ann = UserFactory()
    request = RequestFactory().post("/graphql")
    request.user = SimpleLazyObject(lambda: User.objects.get(pk=ann.pk))  # type: ignore[assignment]
    user = require_user(SimpleNamespace(context=request))
    assert type(user) is User and user.pk == ann.pk
    assert request.user is user  # later resolvers read it without the proxy

    request.user = SimpleLazyObject(AnonymousUser)  # type: ignore[assignment]
    with pytest.raises(Exception, match="sign in"):
        require_user(SimpleNamespace(context=request))
