"""A person's time zone: from the browser at sign-up, changeable, always a known IANA name."""

import pytest

from accounts.models import User
from accounts.services import user_set_time_zone, user_sign_in_or_up, user_validate
from accounts.tests.factories import UserFactory
from autofocus.errors import BadUserInput
from autofocus.testing import GraphQLClient, error_codes

SIGN_UP = """
mutation RequestLoginLink($email: String!, $timeZone: String) {
  requestLoginLink(email: $email, timeZone: $timeZone) { signedIn user { email timeZone } }
}
"""
UPDATE = """
mutation UpdateTimeZone($timeZone: String!) {
  updateTimeZone(timeZone: $timeZone) { user { timeZone } }
}
"""

pytestmark = pytest.mark.django_db


def test_sign_up_keeps_the_browsers_time_zone(gql):
    result = gql.execute(SIGN_UP, {"email": "tokyo@example.com", "timeZone": "Asia/Tokyo"})
    assert result["data"]["requestLoginLink"]["user"]["timeZone"] == "Asia/Tokyo"
    assert User.objects.get(pk="tokyo@example.com").time_zone == "Asia/Tokyo"


@pytest.mark.parametrize("zone", [None, "Mars/Olympus_Mons", ""])
def test_sign_up_without_a_known_time_zone_counts_in_utc(gql, zone):
    result = gql.execute(SIGN_UP, {"email": "nowhere@example.com", "timeZone": zone})
    assert result["data"]["requestLoginLink"]["signedIn"] is True
    assert User.objects.get(pk="nowhere@example.com").time_zone == "UTC"


def test_a_known_address_keeps_its_time_zone_at_sign_in():
    UserFactory(email="kept@example.com", time_zone="Europe/Paris")
    user_sign_in_or_up(
        email="kept@example.com", language="en", client_ip="10.0.0.1", time_zone="Asia/Tokyo"
    )
    assert User.objects.get(pk="kept@example.com").time_zone == "Europe/Paris"


def test_the_time_zone_can_be_changed(gql):
    user = UserFactory()
    gql.force_login(user)
    result = gql.execute(UPDATE, {"timeZone": "America/Sao_Paulo"})
    assert result["data"]["updateTimeZone"]["user"]["timeZone"] == "America/Sao_Paulo"
    user.refresh_from_db()
    assert user.time_zone == "America/Sao_Paulo"


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus_Mons", "", "posixrules", "../../etc/passwd", " UTC"]
)
def test_an_unknown_time_zone_is_refused_and_nothing_changes(gql, zone):
    user = UserFactory(time_zone="Europe/Paris")
    gql.force_login(user)
    result = gql.execute(UPDATE, {"timeZone": zone})
    assert error_codes(result) == ["BAD_USER_INPUT"]
    user.refresh_from_db()
    assert user.time_zone == "Europe/Paris"


def test_changing_the_time_zone_needs_a_signed_in_person():
    result = GraphQLClient().execute(UPDATE, {"timeZone": "UTC"})
    assert error_codes(result) == ["UNAUTHENTICATED"]


def test_the_service_refuses_an_unknown_zone():
    with pytest.raises(BadUserInput):
        user_set_time_zone(user=UserFactory(), time_zone="Nowhere/Town")


def test_the_first_validation_records_when():
    user = UserFactory(is_validated=False)
    assert user_validate(user=user) is True
    assert user.validated_at is not None
