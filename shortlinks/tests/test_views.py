from datetime import timedelta

import pytest
from django.test import Client

from shortlinks.services import shortlink_create

pytestmark = pytest.mark.django_db


def test_redirects_with_no_store():
    created = shortlink_create(target="/settings", expires_in=timedelta(minutes=5))
    response = Client().get(created.path)
    assert response.status_code == 302
    assert response["Location"] == "/settings"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["unknown", "expired", "used"])
def test_dead_links_get_the_same_friendly_404(kind):
    if kind == "unknown":
        path = "/s/" + "A" * 22
    else:
        created = shortlink_create(
            target="/", expires_in=timedelta(minutes=-1 if kind == "expired" else 5), max_uses=1
        )
        path = created.path
        if kind == "used":
            Client().get(path)
    response = Client().get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_resolver_is_rate_limited_per_ip(settings):
    settings.SHORTLINK_RATE_PER_IP = "3/m"
    created = shortlink_create(target="/", expires_in=timedelta(minutes=5))
    client = Client()
    assert [client.get(created.path).status_code for _ in range(4)] == [302, 302, 302, 404]
    assert Client(REMOTE_ADDR="10.1.2.3").get(created.path).status_code == 302
