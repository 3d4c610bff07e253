"""Withdrawing consent: the household is deleted at once, after its visit code is typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import AuditEntry, SeasonCounter
from intake.models import Dependent, Household

pytestmark = pytest.mark.django_db


def test_withdrawing_consent_deletes_the_household_at_once(client, site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a, nickname="Withdrawn")
    client.force_login(volunteer_a)
    url = reverse("intake:consent-withdraw", kwargs={"code": household.code})
    assert client.get(url).status_code == 200
    wrong = client.post(url, {"confirmation": "XXXX-XXXX"})
    assert wrong.status_code == 200 and Household.objects.filter(pk=household.pk).exists()
    response = client.post(url, {"confirmation": household.code.lower()})
    assert response.status_code == 302
    assert not Household.objects.filter(pk=household.pk).exists()
    assert not Dependent.objects.filter(household_id=household.pk).exists()
    assert not AuditEntry.objects.filter(visit_code=household.code).exists()
    assert AuditEntry.objects.filter(action="consent_withdrawn", actor=volunteer_a, visit_code="").exists()
    # A client who withdrew is not counted either.
    assert not SeasonCounter.objects.exists()


def test_withdrawing_consent_for_another_sites_household_is_not_found(client, site_a, volunteer_a, volunteer_b, make_household):
    household = make_household(site_a, volunteer_a)
    client.force_login(volunteer_b)
    url = reverse("intake:consent-withdraw", kwargs={"code": household.code})
    assert client.post(url, {"confirmation": household.code}).status_code == 404
    assert Household.objects.filter(pk=household.pk).exists()


def test_a_read_only_member_cannot_withdraw_consent(client, site_a, volunteer_a, editor_a, make_household):
    household = make_household(site_a, volunteer_a)
    client.force_login(editor_a)
    url = reverse("intake:consent-withdraw", kwargs={"code": household.code})
    assert client.post(url, {"confirmation": household.code}).status_code == 403
    assert Household.objects.filter(pk=household.pk).exists()


def test_withdrawing_consent_needs_a_recent_sign_in(client, site_a, volunteer_a, make_household, old_sign_in):
    household = make_household(site_a, volunteer_a)
    client.force_login(volunteer_a)
    old_sign_in()
    url = reverse("intake:consent-withdraw", kwargs={"code": household.code})
    response = client.post(url, {"confirmation": household.code})
    assert response.status_code == 302 and response["Location"].startswith(reverse("confirm-password"))
    assert Household.objects.filter(pk=household.pk).exists()
