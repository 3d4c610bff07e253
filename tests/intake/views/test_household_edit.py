from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from intake.services import household_open
from tests.intake.conftest import household_post

VALUES = {
    "filing_status": "married_filing_jointly",
    "taxpayer_id_type": "ssn",
    "taxpayer_age": 34,
    "spouse_id_type": "itin",
    "spouse_age": 33,
    "wages": 30000,
    "language": "es",
}
KIDS = [{"id_type": "ssn", "age": 4}, {"id_type": "itin", "age": 9}, {"id_type": "applying", "age": 16}]


@pytest.fixture
def household(site_a, volunteer_a):
    return household_open(site=site_a, user=volunteer_a, values=VALUES, dependents=KIDS)


def _edit_url(household):
    return reverse("intake:household-edit", kwargs={"code": household.code})


def test_the_edit_form_shows_what_is_saved(client, volunteer_a, household):
    client.force_login(volunteer_a)
    response = client.get(_edit_url(household))
    html = response.content.decode()
    assert 'name="version" value="1"' in html
    assert 'name="dependents-2-age" value="16"' in html
    assert 'name="wages" value="30000"' in html


def test_an_edit_saves_and_bumps_the_version(client, volunteer_a, household):
    client.force_login(volunteer_a)
    response = client.post(_edit_url(household), household_post(version="1", wages="31,000"))
    assert response.status_code == 302
    household.refresh_from_db()
    assert (household.wages, household.version) == (31000, 2)


def test_a_stale_form_gets_the_conflict_page_and_loses_nothing(client, volunteer_a, household):
    client.force_login(volunteer_a)
    first = client.get(_edit_url(household)).context
    second = client.get(_edit_url(household)).context
    assert first["hidden"]["version"] == second["hidden"]["version"] == 1
    client.post(_edit_url(household), household_post(version="1", wages="31,000"))
    response = client.post(
        _edit_url(household),
        household_post(version="1", wages="45,000", nickname="Lupe", **{"dependents-0-age": "5"}),
    )
    assert response.status_code == 409
    assert "no-store" in response["Cache-Control"]
    household.refresh_from_db()
    assert household.wages == 31000  # the first save stands
    differences = {row["label"]: (row["mine"], row["saved"]) for row in response.context["differences"]}
    assert differences["Wages (W-2)"] == ("45000", "31000")
    assert differences["Nickname (optional)"] == ("Lupe", "—")
    assert "Dependents" in differences
    html = response.content.decode()
    assert 'value="45,000"' in html and 'value="Lupe"' in html  # what they typed, kept
    assert 'name="version" value="2"' in html
    assert AuditEntry.objects.filter(action="conflict").count() == 1

    # Re-applying their version now succeeds.
    client.post(_edit_url(household), household_post(version="2", wages="45,000", nickname="Lupe"))
    household.refresh_from_db()
    assert (household.wages, household.nickname, household.version) == (45000, "Lupe", 3)


@pytest.mark.parametrize("version", ["", "abc", "-1", "0"])
def test_a_missing_or_tampered_version_is_a_form_error(client, volunteer_a, household, version):
    client.force_login(volunteer_a)
    response = client.post(_edit_url(household), household_post(version=version, wages="1"))
    assert response.status_code == 200
    household.refresh_from_db()
    assert household.version == 1


def test_a_reader_cannot_edit(client, editor_a, household):
    client.force_login(editor_a)
    assert client.get(_edit_url(household)).status_code == 403
