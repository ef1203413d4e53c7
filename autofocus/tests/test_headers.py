"""Security headers: a strict CSP on every page, Permissions-Policy, CORP."""

import re

import pytest
from django.test import Client

from autofocus.tests.test_settings import PRODUCTION, run

pytestmark = pytest.mark.django_db

PAGES = ["/", "/settings", "/no/such/page", "/login?sesame=forged"]


def directives(header: str) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_strict_policy(path):
    response = Client().get(path)
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
        assert "'self'" in policy[directive]


def test_inline_styles_of_server_pages_carry_the_responses_nonce():
    response = Client().get("/no/such/page")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    body = response.content.decode()
    assert body.count("<style") == body.count(f'<style nonce="{nonce}"') == 1
    assert "<script>" not in body and " style=" not in body
    # A fresh nonce for every response.
    again = Client().get("/no/such/page")["Content-Security-Policy"]
    assert nonce not in again


@pytest.mark.parametrize("path", ["/", "/healthz", "/graphql"])
def test_permissions_policy_and_corp_on_every_response(path):
    response = Client().get(path)
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_report_only_switch_moves_the_policy_to_the_report_only_header():
    code = """
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="autofocus.example.com", secure=True).get("/healthz")
print("CSP" if response.has_header("Content-Security-Policy") else "-",
      "RO" if response.has_header("Content-Security-Policy-Report-Only") else "-")
"""
    result = run({**PRODUCTION, "CSP_REPORT_ONLY": "1"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["-", "RO"]
    result = run(PRODUCTION, code)
    assert result.stdout.split()[-2:] == ["CSP", "-"]
