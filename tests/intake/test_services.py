from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from clinic.models import AuditEntry
from intake.access import household_for_user
from intake.facts import household_facts
from intake.models import Consent, Household
from intake.services import HouseholdConflict, household_open, household_update

BASE = {
    "filing_status": "married_filing_jointly",
    "taxpayer_id_type": "ssn",
    "taxpayer_age": 34,
    "spouse_id_type": "itin",
    "spouse_age": 33,
    "wages": 30000,
}
KIDS = [{"id_type": "ssn", "age": 4}, {"id_type": "itin", "age": 16}]


@pytest.fixture
def household(site_a, volunteer_a):
    return household_open(site=site_a, user=volunteer_a, values=BASE, dependents=KIDS)


def test_it_records_consent_and_an_audit_entry(household, volunteer_a):
    assert Consent.objects.get(household=household).recorded_by == volunteer_a
    assert AuditEntry.objects.filter(visit_code=household.code, action="create").count() == 1
    assert household.dependents.count() == 2


def test_a_double_submission_creates_one_household(site_a, volunteer_a):
    first = household_open(site=site_a, user=volunteer_a, values=BASE, submission_token="tok-1")
    second = household_open(site=site_a, user=volunteer_a, values=BASE, submission_token="tok-1")
    assert first.pk == second.pk
    assert Household.objects.count() == 1


def test_a_stale_edit_conflicts_and_keeps_the_first_write(household, volunteer_a):
    household_update(household=household, user=volunteer_a, expected_version=1, values={"wages": 31000})
    with pytest.raises(HouseholdConflict) as excinfo:
        household_update(household=household, user=volunteer_a, expected_version=1, values={"wages": 99000})
    assert excinfo.value.household.wages == 31000
    household.refresh_from_db()
    assert household.wages == 31000
    assert household.version == 2


def test_it_drops_the_spouse_when_not_filing_jointly(household, volunteer_a):
    updated = household_update(
        household=household, user=volunteer_a, expected_version=1, values={"filing_status": "head_of_household"}
    )
    assert updated.spouse_id_type == ""
    assert household_facts(updated).spouse is None


def test_it_rejects_an_out_of_range_age(site_a, volunteer_a):
    with pytest.raises(ValidationError):
        household_open(site=site_a, user=volunteer_a, values={**BASE, "taxpayer_age": 500})


def test_the_purge_date_is_thirty_days_after_the_visit(household):
    assert household.purge_after - household.last_visit_at.date() <= dt.timedelta(days=30)


def test_access_is_404_outside_the_site_and_403_for_read_only(household, volunteer_b, editor_a, volunteer_a):
    with pytest.raises(Http404):
        household_for_user(volunteer_b, household.code)
    with pytest.raises(PermissionDenied):
        household_for_user(editor_a, household.code, write=True)
    assert household_for_user(volunteer_a, household.code, write=True) == (household, True)


def test_household_facts_match_the_record(household):
    facts = household_facts(household)
    assert facts.spouse.id_type.value == "itin"
    assert [d.age for d in facts.dependents] == [4, 16]


def test_an_edit_of_an_encrypted_field_reads_back_as_typed(household, volunteer_a):
    updated = household_update(
        household=household,
        user=volunteer_a,
        expected_version=1,
        values={"nickname": "Lupe", "notes": "prefers mornings", "taxpayer_id_type": "itin"},
    )
    assert (updated.nickname, updated.notes, updated.taxpayer_id_type) == ("Lupe", "prefers mornings", "itin")


def test_a_conflict_is_audited_even_though_the_edit_is_rolled_back(household, volunteer_a):
    household_update(household=household, user=volunteer_a, expected_version=1, values={"wages": 1})
    with pytest.raises(HouseholdConflict):
        household_update(household=household, user=volunteer_a, expected_version=1, values={"wages": 2})
    assert AuditEntry.objects.filter(action="conflict", visit_code=household.code).count() == 1
