"""What a purge counts, and what it does when the rules cannot screen a household (found by mutation testing)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from clinic.models import SeasonCounter
from intake.models import Household
from intake.services import household_open
from tests.logcapture import project_log

pytestmark = pytest.mark.django_db

VISIT = dt.datetime(2026, 2, 10, 15, 0, tzinfo=dt.UTC)  # a Tuesday; its ISO week starts Monday 9 February
PURGE_DAY = dt.datetime(2026, 3, 13, 15, 0, tzinfo=dt.UTC)
VALUES = {"tax_year": 2025, "filing_status": "single", "taxpayer_id_type": "itin", "taxpayer_age": 30,
          "wages": 12000, "nickname": "", "notes": ""}


def _visit_and_purge(monkeypatch, site, user, *, count=5, tax_year=None):
    monkeypatch.setattr("clinic.clock.now", lambda: VISIT)
    households = [household_open(site=site, user=user, values=VALUES, dependents=[]) for _ in range(count)]
    if tax_year is not None:
        # A household whose tax year the rules do not know (one recorded before a rules change).
        Household.objects.filter(pk__in=[h.pk for h in households]).update(tax_year=tax_year)
    monkeypatch.setattr("clinic.clock.now", lambda: PURGE_DAY)
    call_command("purge_expired", stdout=io.StringIO())
    return households


def test_households_are_counted_in_the_period_of_their_last_visit_not_of_the_purge(monkeypatch, site_a, volunteer_a):
    _visit_and_purge(monkeypatch, site_a, volunteer_a)
    weeks = set(SeasonCounter.objects.values_list("week", flat=True))
    assert weeks, "nothing was counted"
    # Whatever the period (week, month, season), it starts on or before the visit, never at the purge.
    assert all(week <= dt.date(2026, 2, 10) for week in weeks), weeks


def test_a_household_the_rules_cannot_screen_is_still_purged_counted_without_credits_and_logged(
    monkeypatch, site_a, volunteer_a
):
    with project_log() as server_log:
        households = _visit_and_purge(monkeypatch, site_a, volunteer_a, tax_year=1999)
    assert not Household.objects.filter(pk__in=[h.pk for h in households]).exists()
    assert sum(SeasonCounter.objects.filter(credit="").values_list("count", flat=True)) == 5
    assert not SeasonCounter.objects.exclude(credit="").exists()
    text = server_log.getvalue()
    assert text.count("season counters: credits not counted for one household (HouseholdError)") == 5, text
