"""The purge date a household carries: set on create, moved on every edit, and what purging counts.

With a frozen clock, through the public services and the ``purge_expired`` command (not the
``purge_date`` function alone, which tests/clinic/test_retention.py covers).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from clinic.models import SeasonCounter
from intake.eligibility import assess
from intake.facts import household_facts
from intake.models import Household
from intake.services import household_open, household_update

pytestmark = pytest.mark.django_db

# Mid-February: 30 days later is still well inside the season (which ends October 15).
VISIT = dt.datetime(2026, 2, 10, 15, 0, tzinfo=dt.UTC)
VALUES = {
    "tax_year": 2025,
    "filing_status": "head_of_household",
    "taxpayer_id_type": "itin",
    "taxpayer_age": 34,
    "wages": 18000,
    "nickname": "",
    "notes": "",
}
KIDS = [{"id_type": "ssn", "age": 4, "months_lived_with_filer": 12}]


def _freeze(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr("clinic.clock.now", lambda: moment)


def test_a_new_household_is_purged_exactly_thirty_days_after_the_visit(monkeypatch, site_a, volunteer_a):
    _freeze(monkeypatch, VISIT)
    household = household_open(site=site_a, user=volunteer_a, values=VALUES, dependents=KIDS)
    assert timezone.localdate(VISIT) == dt.date(2026, 2, 10)
    assert household.purge_after == dt.date(2026, 3, 12)
    assert Household.objects.get(pk=household.pk).purge_after == dt.date(2026, 3, 12)


def test_an_edit_moves_the_purge_date_to_thirty_days_after_the_edit(monkeypatch, site_a, volunteer_a):
    _freeze(monkeypatch, VISIT)
    household = household_open(site=site_a, user=volunteer_a, values=VALUES, dependents=KIDS)
    _freeze(monkeypatch, VISIT + dt.timedelta(days=20))  # the family comes back on March 2
    edited = household_update(
        household=household, user=volunteer_a, expected_version=household.version, values={"wages": 19000}
    )
    assert edited.purge_after == dt.date(2026, 4, 1)
    assert edited.last_visit_at == VISIT + dt.timedelta(days=20)


def test_a_visit_near_the_season_end_is_capped_at_october_15(monkeypatch, site_a, volunteer_a):
    _freeze(monkeypatch, dt.datetime(2026, 10, 1, 15, 0, tzinfo=dt.UTC))
    household = household_open(site=site_a, user=volunteer_a, values=VALUES, dependents=KIDS)
    assert household.purge_after == dt.date(2026, 10, 15)


def test_the_command_keeps_a_household_on_its_purge_date_and_purges_it_the_day_after(
    monkeypatch, site_a, volunteer_a
):
    _freeze(monkeypatch, VISIT)
    household = household_open(site=site_a, user=volunteer_a, values=VALUES, dependents=KIDS)
    _freeze(monkeypatch, dt.datetime(2026, 3, 12, 15, 0, tzinfo=dt.UTC))
    call_command("purge_expired", stdout=io.StringIO())
    assert Household.objects.filter(pk=household.pk).exists()
    _freeze(monkeypatch, dt.datetime(2026, 3, 13, 15, 0, tzinfo=dt.UTC))
    call_command("purge_expired", stdout=io.StringIO())
    assert not Household.objects.filter(pk=household.pk).exists()


def test_the_season_counters_record_each_credits_own_result(monkeypatch, site_a, volunteer_a):
    # An ITIN filer with an SSN child at $18,000: the CalEITC and YCTC are allowed, the federal CTC
    # and EITC are not (no filer with a work SSN) — so the counters must hold both kinds. Five alike
    # households, so no counter cell is below the small-count threshold.
    _freeze(monkeypatch, VISIT)
    households = [household_open(site=site_a, user=volunteer_a, values=VALUES, dependents=KIDS) for _ in range(5)]
    expected = {key: a.status.value for key, a in assess(household_facts(households[0])).credits.items()}
    assert expected["federal_ctc"] == "not_eligible" and expected["ca_eitc"] == "eligible"
    _freeze(monkeypatch, dt.datetime(2026, 3, 13, 15, 0, tzinfo=dt.UTC))
    call_command("purge_expired", stdout=io.StringIO())
    counted: dict[tuple[str, str], int] = {}
    for row in SeasonCounter.objects.exclude(credit=""):
        counted[(row.credit, row.status)] = counted.get((row.credit, row.status), 0) + row.count
    assert counted == {(key, status): 5 for key, status in expected.items()}
