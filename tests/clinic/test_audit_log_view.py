"""The audit log page: filters, paging that keeps them, edits naming the changed fields only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clinic import clock
from clinic.audit import audit_record
from clinic.models import AuditEntry
from intake.services import household_update

pytestmark = pytest.mark.django_db


def _log(client, user, site, **params):
    client.force_login(user)
    return client.get(reverse("sites:audit-log", kwargs={"slug": site.slug}), params)


def test_an_edit_lists_only_the_fields_that_changed_dependents_included(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a, dependents=[{"id_type": "ssn", "age": 4}, {"id_type": "itin", "age": 9}])
    household_update(
        household=household,
        user=volunteer_a,
        expected_version=household.version,
        values={"wages": 32000, "filing_status": household.filing_status, "nickname": ""},
        dependents=[{"id_type": "ssn", "age": 4}, {"id_type": "itin", "age": 10}, {"id_type": "none", "age": 1}],
    )
    entry = AuditEntry.objects.get(action="edit")
    assert entry.data == {"fields": ["wages", "dependents.2.age", "dependents.3"]}


def test_the_page_names_the_fields_never_the_values(client, site_a, coordinator_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    household_update(
        household=household, user=volunteer_a, expected_version=household.version, values={"wages": 32123}
    )
    html = _log(client, coordinator_a, site_a).content.decode()
    assert "Changed: wages" in html
    assert "32123" not in html and "32,123" not in html


def test_filters_narrow_by_action_person_code_and_dates(client, site_a, coordinator_a, volunteer_a, make_household):
    first = make_household(site_a, volunteer_a)
    second = make_household(site_a, volunteer_a)
    audit_record(actor=coordinator_a, action="view", site=site_a, visit_code=first.code)
    by_code = _log(client, coordinator_a, site_a, code=first.code.lower().replace("-", "")).content.decode()
    assert first.code in by_code and second.code not in by_code
    by_action = _log(client, coordinator_a, site_a, action="view").content.decode()
    assert "1 entry" in by_action
    by_person = _log(client, coordinator_a, site_a, actor=str(volunteer_a.pk)).content.decode()
    assert "2 entries" in by_person  # the two creates
    tomorrow = (clock.today() + dt.timedelta(days=1)).isoformat()
    assert "No entries match these filters." in _log(client, coordinator_a, site_a, since=tomorrow).content.decode()
    assert "3 entries" in _log(client, coordinator_a, site_a, until=clock.today().isoformat()).content.decode()


def test_a_bad_filter_says_what_to_type_and_never_fails(client, site_a, coordinator_a):
    response = _log(client, coordinator_a, site_a, since="yesterday", until="2027-01-01", action="nonsense")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a date such as 2027-02-14." in html
    reversed_range = _log(client, coordinator_a, site_a, since="2027-02-02", until="2027-02-01").content.decode()
    assert "The end date is before the start date." in reversed_range


def test_paging_keeps_the_filters(client, site_a, coordinator_a):
    from clinic.views import AUDIT_PAGE_SIZE

    for _ in range(AUDIT_PAGE_SIZE + 3):
        audit_record(actor=coordinator_a, action="export", site=site_a, data={"format": "csv"})
    html = _log(client, coordinator_a, site_a, action="export").content.decode()
    assert "action=export&amp;page=2" in html
    second = _log(client, coordinator_a, site_a, action="export", page="2").content.decode()
    assert "Page 2 of 2" in second
