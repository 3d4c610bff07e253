"""One permission test that walks every URL pattern for every persona (docs/architecture.md, habit 13).

Anonymous → the login page; another site's staff on a site-A object → 404; the read-only persona
writing to a household → 403 (or 405 where the URL takes no POST) with the household unchanged;
nobody ever gets a 500. New URLs are walked automatically (tests/walk.py).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from intake.models import Household
from tests.walk import SITE_SCOPED_KWARGS, World, iter_routes

ROUTES = sorted(iter_routes(), key=lambda route: route.name)
# Reachable without signing in (each is its own sign-in step or carries its own token; signing out
# without a session is harmless).
# "favicon" redirects to a static file, as the static files themselves are public.
PUBLIC = {"login", "logout", "set_language", "set-password", "set-password-done", "admin:login", "admin:logout", "favicon"}
# Views under a household's code that accept a POST and write nothing, so the read-only persona's
# POST may answer 200. Add one only after checking the view; better, decorate it with require_safe.
READ_VIEWS_ACCEPTING_POST = {
    "counseling:client-summary",  # printing the summary is a logged read; the household is unchanged
}
# Reachable signed in before the second factor is verified (clinic.middleware).
TWO_FACTOR_OPEN = {"login", "logout", "set_language", "two-factor-setup", "two-factor-verify"}
PERSONAS = ("volunteer_a", "coordinator_a", "editor_a", "volunteer_b")


@pytest.fixture
def world(site_a, site_b, volunteer_a, make_household):
    return World(site_a=site_a, site_b=site_b, household=make_household(site_a, volunteer_a))


class _NoSuchSite:
    slug = "no-such-site"
    pk = 0


class _NoSuchHousehold:
    code = "ZZZZ-ZZZZ"


def _login_url(route) -> str:
    return reverse("admin:login") if route.namespace == "admin" else reverse(settings.LOGIN_URL)


def _request(client, method: str, url: str):
    return client.get(url) if method == "GET" else client.post(url, {})


def test_the_walk_sees_the_project_urls():
    names = {route.name for route in ROUTES}
    assert {"home", "login", "logout", "intake:household-list", "intake:household-detail", "sites:audit-log"} <= names


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name not in PUBLIC], ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_anonymous_visitors_are_sent_to_sign_in(db, world, route, method):
    response = _request(Client(), method, world.url(route))
    assert response.status_code == 302, f"{method} {route.name}: {response.status_code}"
    assert response.url.startswith(_login_url(route)), f"{method} {route.name} → {response.url}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_no_persona_ever_gets_a_server_error(db, world, route, method, request):
    for persona in PERSONAS:
        client = Client(raise_request_exception=True)
        client.force_login(request.getfixturevalue(persona))
        response = _request(client, method, world.url(route))
        assert response.status_code < 500, f"{persona} {method} {route.name}: {response.status_code}"


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.kwargs & SITE_SCOPED_KWARGS and r.namespace != "admin"], ids=lambda r: r.name
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_another_sites_staff_get_not_found(db, world, route, method, volunteer_b):
    client = Client()
    client.force_login(volunteer_b)
    response = _request(client, method, world.url(route))
    if response.status_code == 405:
        # A method refused before any lookup answers the same for every code: it confirms nothing.
        unknown = World(site_a=_NoSuchSite(), site_b=world.site_b, household=_NoSuchHousehold())
        assert _request(client, method, unknown.url(route)).status_code == 405, f"{method} {route.name}"
    else:
        assert response.status_code == 404, f"{method} {route.name}: {response.status_code}"
    assert Household.objects.filter(pk=world.household.pk, version=world.household.version).exists()


@pytest.mark.parametrize("route", [r for r in ROUTES if "code" in r.kwargs], ids=lambda r: r.name)
def test_the_read_only_persona_cannot_write_to_a_household(db, world, route, editor_a):
    client = Client()
    client.force_login(editor_a)
    response = client.post(world.url(route), {"confirmation": world.household.code})
    allowed = (200, 403, 405) if route.name in READ_VIEWS_ACCEPTING_POST else (403, 405)
    assert response.status_code in allowed, f"POST {route.name}: {response.status_code}"
    assert Household.objects.filter(pk=world.household.pk, version=world.household.version).exists()


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name not in PUBLIC | TWO_FACTOR_OPEN], ids=lambda r: r.name)
def test_a_password_alone_reaches_no_page_when_two_factor_is_required(db, world, route, settings, volunteer_a):
    settings.REQUIRE_2FA = True
    client = Client()
    client.force_login(volunteer_a)
    response = client.get(world.url(route))
    assert response.status_code == 302, f"GET {route.name}: {response.status_code}"
    assert response.url.startswith(reverse("two-factor-setup")), f"GET {route.name} → {response.url}"


@pytest.mark.parametrize("route", [r for r in ROUTES if r.namespace != "admin"], ids=lambda r: r.name)
def test_every_post_needs_a_csrf_token(db, world, route, volunteer_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer_a)
    response = client.post(world.url(route), {})
    # 405 where the URL takes no POST at all; otherwise the CSRF check refuses before the view runs.
    assert response.status_code in (403, 405), f"POST {route.name}: {response.status_code}"
