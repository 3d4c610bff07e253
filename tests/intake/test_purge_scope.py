"""purge_expired's scope, its "today", what it records and returns (found by mutation testing)."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic import clock
from clinic.models import AuditEntry
from intake.models import Household
from intake.shredders import HouseholdShredder, purge_expired

pytestmark = pytest.mark.django_db


def _due(household, days_ago=1):
    Household.objects.filter(pk=household.pk).update(purge_after=clock.today() - dt.timedelta(days=days_ago))


def test_a_purge_at_one_site_leaves_the_other_sites_households(site_a, site_b, volunteer_a, volunteer_b, make_household):
    here, there = make_household(site_a, volunteer_a), make_household(site_b, volunteer_b)
    _due(here), _due(there)
    result = purge_expired(site=site_a)
    assert result.purged == 1 and result.by_site == {site_a.pk: 1}
    assert not Household.objects.filter(pk=here.pk).exists()
    assert Household.objects.filter(pk=there.pk).exists()


def test_the_purge_judges_by_the_day_it_is_given(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    Household.objects.filter(pk=household.pk).update(purge_after=clock.today() + dt.timedelta(days=5))
    assert purge_expired(today=clock.today() + dt.timedelta(days=5)).purged == 0
    assert purge_expired(today=clock.today() + dt.timedelta(days=6)).purged == 1


def test_a_purge_someone_asked_for_is_audited_with_who_and_where(site_a, volunteer_a, coordinator_a, make_household):
    for _ in range(3):
        _due(make_household(site_a, volunteer_a))
    result = purge_expired(site=site_a, user=coordinator_a, batch_size=2)
    assert result.purged == 3 and result.by_site == {site_a.pk: 3}
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PURGE)
    assert entry.actor == coordinator_a and entry.site == site_a
    assert entry.data == {"count": 3, "reason": "expired"}


def test_a_household_not_yet_due_says_why_it_is_kept(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    assert HouseholdShredder(household).shred_constraints() == "Its purge date has not passed yet."
    assert HouseholdShredder(household).shred_constraints(today=household.purge_after + dt.timedelta(days=1)) is None
