"""Every page that shows a household is a logged read (review finding 3)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import AuditEntry

pytestmark = pytest.mark.django_db


def _views(code):
    return AuditEntry.objects.filter(visit_code=code, action=AuditEntry.Action.VIEW)


@pytest.mark.parametrize(
    ("url_name", "page"),
    [
        ("intake:household-detail", ""),
        ("intake:household-edit", "edit"),
        ("intake:consent-withdraw", "withdraw"),
        ("counseling:client-summary", "summary_form"),
    ],
)
def test_opening_a_page_that_shows_a_household_writes_a_view_entry(client, site_a, volunteer_a, make_household, url_name, page):
    household = make_household(site_a, volunteer_a)
    client.force_login(volunteer_a)
    before = _views(household.code).count()
    for method in ("get", "head"):
        response = getattr(client, method)(reverse(url_name, kwargs={"code": household.code}))
        assert response.status_code == 200
    entries = list(_views(household.code).order_by("id"))[before:]
    assert len(entries) == 2
    assert all(entry.actor_id == volunteer_a.pk and entry.site_id == site_a.pk for entry in entries)
    assert all(entry.data == ({"page": page} if page else {}) for entry in entries)


def test_a_refused_method_logs_nothing(client, site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    client.force_login(volunteer_a)
    for method in ("OPTIONS", "TRACE"):
        assert client.generic(method, reverse("intake:household-edit", kwargs={"code": household.code})).status_code == 405
    assert not _views(household.code).exists()
