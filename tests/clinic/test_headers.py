"""Security headers on every page; no-store on everything the app builds."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def signed_in(client, volunteer_a):
    client.force_login(volunteer_a)
    return client


@pytest.mark.parametrize("url_name", ["login", "intake:household-list"])
def test_a_strict_content_security_policy(signed_in, url_name):
    csp = _csp(signed_in.get(reverse(url_name)))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    flat = " ".join(word for words in csp.values() for word in words)
    assert "unsafe-inline" not in flat and "unsafe-eval" not in flat and "*" not in flat


def test_the_other_headers(signed_in):
    response = signed_in.get(reverse("intake:household-list"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_hsts_on_secure_requests_with_the_production_values(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("login"), secure=True)
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts


@pytest.mark.parametrize("url_name", ["login", "intake:household-list", "home"])
def test_nothing_the_app_builds_may_be_cached(signed_in, url_name):
    response = signed_in.get(reverse(url_name))
    assert "no-store" in response["Cache-Control"]


def test_a_household_page_is_no_store(signed_in, site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    response = signed_in.get(household.get_absolute_url())
    assert "no-store" in response["Cache-Control"]


def test_a_404_is_no_store_too(signed_in):
    assert "no-store" in signed_in.get("/intake/households/NOPE-NOPE/")["Cache-Control"]
