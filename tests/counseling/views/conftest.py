"""Personas and a household shared by the counseling view tests (one file per view)."""

from __future__ import annotations

import pytest

PASSWORD = "correct-horse-battery-staple"
HOUSEHOLD_VALUES = {
    "filing_status": "married_filing_jointly",
    "taxpayer_id_type": "itin",
    "taxpayer_age": 34,
    "spouse_id_type": "ssn",
    "spouse_age": 33,
    "wages": 24000,
    "nickname": "Zorblax",
    "language": "es",
}


@pytest.fixture
def household_a(site_a, volunteer_a):
    from intake.services import household_open

    return household_open(
        site=site_a,
        user=volunteer_a,
        values=HOUSEHOLD_VALUES,
        dependents=[{"id_type": "ssn", "age": 4}, {"id_type": "itin", "age": 9}],
    )


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user(username="no-site", password=PASSWORD)
