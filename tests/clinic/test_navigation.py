"""The top menu: coordinator pages for coordinators, a menu that collapses, a favicon."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _menu(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse("intake:household-list")).content.decode()
    return html[html.index('id="main-menu"') : html.index("</nav>")]


def test_a_coordinator_finds_the_season_audit_log_and_people_in_the_menu(client, coordinator_a, site_a):
    menu = _menu(client, coordinator_a)
    for name in ("sites:season-report", "sites:audit-log", "sites:people-list"):
        assert f'href="{reverse(name, kwargs={"slug": site_a.slug})}"' in menu
    assert f'href="{reverse("counseling:review-due")}"' in menu
    assert f'href="{reverse("counseling:handout-list")}"' in menu


def test_a_volunteer_menu_has_no_coordinator_pages(client, volunteer_a, site_a):
    menu = _menu(client, volunteer_a)
    assert reverse("sites:season-report", kwargs={"slug": site_a.slug}) not in menu
    assert reverse("counseling:review-due") not in menu
    assert 'aria-current="page"' in menu  # "Households" is the page shown


def test_the_menu_collapses_with_the_vendored_script_and_no_inline_script(client, volunteer_a):
    client.force_login(volunteer_a)
    html = client.get(reverse("intake:household-list")).content.decode()
    assert 'data-bs-toggle="collapse"' in html and 'data-bs-target="#main-menu"' in html
    assert "/static/vendor/bootstrap/bootstrap.bundle.min.js" in html
    assert "<script>" not in html and "onclick" not in html
    # The language picker names each language in itself.
    assert '<option value="es" lang="es">Español</option>' in html.replace(" selected", "")


def test_the_favicon_is_vendored(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("confianza/favicon.ico")
    html = client.get(reverse("login")).content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
