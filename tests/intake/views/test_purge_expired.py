"""Purging a site's expired households from the page: coordinators only, typed site name, recent sign-in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clinic import clock
from clinic.models import AuditEntry
from intake.models import Household

pytestmark = pytest.mark.django_db


def _expire(household):
    Household.objects.filter(pk=household.pk).update(purge_after=clock.today() - dt.timedelta(days=1))


def test_the_coordinator_purges_only_the_expired_households_of_the_site(
    client, site_a, site_b, volunteer_a, volunteer_b, coordinator_a, make_household
):
    expired, kept = make_household(site_a, volunteer_a), make_household(site_a, volunteer_a)
    elsewhere = make_household(site_b, volunteer_b)
    _expire(expired)
    _expire(elsewhere)
    client.force_login(coordinator_a)
    url = reverse("intake:purge-expired", kwargs={"slug": site_a.slug})
    page = client.get(url)
    assert page.status_code == 200 and page.context["due"] == 1
    wrong = client.post(url, {"confirmation": "site-b"})
    assert wrong.status_code == 200 and "confirmation" in wrong.context["form"].errors
    assert Household.objects.filter(pk=expired.pk).exists()
    response = client.post(url, {"confirmation": site_a.slug.upper()})
    assert response.status_code == 302
    assert not Household.objects.filter(pk=expired.pk).exists()
    assert Household.objects.filter(pk__in=[kept.pk, elsewhere.pk]).count() == 2
    entry = AuditEntry.objects.get(action="purge", site=site_a)
    assert entry.actor == coordinator_a and entry.data == {"count": 1, "reason": "expired"}


def test_volunteers_and_other_sites_cannot_purge(client, site_a, volunteer_a, volunteer_b, make_household):
    household = make_household(site_a, volunteer_a)
    _expire(household)
    url = reverse("intake:purge-expired", kwargs={"slug": site_a.slug})
    client.force_login(volunteer_b)
    assert client.post(url, {"confirmation": site_a.slug}).status_code == 404
    client.force_login(volunteer_a)
    assert client.post(url, {"confirmation": site_a.slug}).status_code == 403
    assert Household.objects.filter(pk=household.pk).exists()


def test_an_old_sign_in_must_type_the_password_first(client, site_a, volunteer_a, coordinator_a, make_household, old_sign_in):
    household = make_household(site_a, volunteer_a)
    _expire(household)
    client.force_login(coordinator_a)
    old_sign_in()
    response = client.post(reverse("intake:purge-expired", kwargs={"slug": site_a.slug}), {"confirmation": site_a.slug})
    assert response.status_code == 302 and response["Location"].startswith(reverse("confirm-password"))
    assert Household.objects.filter(pk=household.pk).exists()


def test_the_coordinators_list_links_to_the_purge_page(client, site_a, coordinator_a):
    client.force_login(coordinator_a)
    listing = client.get(reverse("intake:household-list")).content.decode()
    assert reverse("intake:purge-expired", kwargs={"slug": site_a.slug}) in listing
