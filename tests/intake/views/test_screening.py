from __future__ import annotations

import logging

from django.contrib.sessions.models import Session
from django.urls import reverse

from clinic.models import AuditEntry
from intake.models import Dependent, Household
from tests.intake.conftest import household_post

SCREENING = reverse("intake:screening")


def test_anonymous_screening_shows_results_and_stores_nothing(client, volunteer_a, caplog):
    client.force_login(volunteer_a)
    sessions_before = {s.session_key: s.get_decoded() for s in Session.objects.all()}
    audit_before = AuditEntry.objects.count()
    caplog.set_level(logging.DEBUG)
    response = client.post(SCREENING, household_post(nickname="Walk-in Rosa", wages="$21,500"))
    assert response.status_code == 200
    assert response.templates[0].name == "intake/screening_result.html"
    html = response.content.decode()
    assert 'id="credit-federal_ctc"' in html
    assert Household.objects.count() == 0 and Dependent.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    for session in Session.objects.all():
        decoded = session.get_decoded()
        assert set(decoded) <= set(sessions_before.get(session.session_key, {})) | {"_auth_user_id", "_auth_user_backend", "_auth_user_hash"}
        assert "21500" not in str(decoded) and "Rosa" not in str(decoded)
    assert "Rosa" not in caplog.text and "21500" not in caplog.text and "21,500" not in caplog.text
    assert "no-store" in response["Cache-Control"]


def test_anonymous_screening_add_dependent_works_without_javascript(client, volunteer_a):
    client.force_login(volunteer_a)
    data = household_post()
    data["add-dependent"] = "1"
    response = client.post(SCREENING, data)
    assert len(response.context["formset"].forms) == 4
    assert Household.objects.count() == 0


def test_anonymous_screening_refuses_an_id_number_too(client, volunteer_a):
    client.force_login(volunteer_a)
    # The screening has no notes field (issue 11: nothing to note when nothing is kept): a note
    # posted anyway is dropped, and the number is never echoed back, not even in a hidden field.
    response = client.post(SCREENING, household_post(notes="ITIN 912-70-1234"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "912-70-1234" not in html
    assert 'name="notes"' not in html and 'name="nickname"' not in html
    form = client.get(SCREENING).content.decode()
    assert 'name="notes"' not in form and 'name="nickname"' not in form
