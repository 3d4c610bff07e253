from __future__ import annotations

import logging

from django.contrib.sessions.models import Session
from django.urls import reverse

from clinic.models import AuditEntry
from intake.models import Dependent, Household
from tests.intake.conftest import household_post

SCREENING = reverse("intake:screening")
RESULTS = reverse("intake:screening-results")


def test_anonymous_screening_shows_results_and_stores_nothing(client, volunteer_a, caplog):
    client.force_login(volunteer_a)
    sessions_before = {s.session_key: s.get_decoded() for s in Session.objects.all()}
    audit_before = AuditEntry.objects.count()
    caplog.set_level(logging.DEBUG)
    posted = client.post(SCREENING, household_post(nickname="Walk-in Rosa", wages="$21,500"))
    assert posted.status_code == 303 and posted["Location"] == RESULTS  # POST/redirect/GET
    assert "Rosa" not in posted["Location"] and "21" not in posted["Location"]
    response = client.get(RESULTS)
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
    response = client.post(SCREENING, household_post(notes="ITIN 912-70-1234"), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "912-70-1234" not in html
    assert 'name="notes"' not in html and 'name="nickname"' not in html
    form = client.get(SCREENING).content.decode()
    assert 'name="notes"' not in form and 'name="nickname"' not in form


def test_reload_shows_the_same_results_and_the_answers_are_kept_only_encrypted_in_the_browser(client, volunteer_a):
    from clinic.models import ActivityCounter
    from intake.anonymous import COOKIE, PATH

    client.force_login(volunteer_a)
    posted = client.post(SCREENING, household_post(wages="$21,500", nickname="Walk-in Rosa"))
    morsel = posted.cookies[COOKIE]
    assert morsel["path"] == PATH and morsel["httponly"] and morsel["samesite"] == "Strict"
    assert 0 < int(morsel["max-age"]) <= 15 * 60
    for planted in ("21500", "21,500", "Rosa", "itin", "married"):
        assert planted not in morsel.value
    first = client.get(RESULTS).content.decode()
    again = client.get(RESULTS).content.decode()  # Reload: a GET, no "confirm resubmission"
    assert 'id="credit-federal_ctc"' in first
    assert first.count("credit-card") == again.count("credit-card") > 0
    assert "$21,500" in again or "21,500" in again
    assert ActivityCounter.objects.get(activity="screening").count == 1  # counted once, on the POST
    assert "Rosa" not in again


def test_back_from_the_results_shows_the_answers_to_correct_and_a_new_screening_forgets_them(client, volunteer_a):
    client.force_login(volunteer_a)
    client.post(SCREENING, household_post(wages="$21,500"))
    back = client.get(SCREENING)  # what the browser's Back loads
    assert back.context["form"]["wages"].value() == "$21,500"
    assert len(back.context["formset"].forms) == 3
    assert back.context["form"].errors == {}
    assert "Start a new screening" in back.content.decode()
    new = client.get(f"{SCREENING}?new=1")
    assert new.status_code == 302 and new["Location"] == SCREENING
    fresh = client.get(SCREENING)
    assert fresh.context["form"]["wages"].value() in (None, "")
    gone = client.get(RESULTS, follow=True)
    assert gone.redirect_chain[-1][0] == SCREENING
    assert "no longer available" in gone.content.decode()


def test_the_kept_answers_are_unreadable_after_signing_out_or_for_another_volunteer(client, volunteer_a, coordinator_a):
    from intake.anonymous import COOKIE

    client.force_login(volunteer_a)
    client.post(SCREENING, household_post(wages="$21,500"))
    kept = client.cookies[COOKIE].value
    client.logout()
    client.force_login(coordinator_a)
    client.cookies[COOKIE] = kept
    response = client.get(RESULTS, follow=True)
    assert response.redirect_chain[-1][0] == SCREENING and "21,500" not in response.content.decode()
    assert client.get(SCREENING).context["form"]["wages"].value() in (None, "")


def test_expired_or_damaged_answers_are_not_shown(client, volunteer_a, monkeypatch):
    import time

    from intake.anonymous import COOKIE

    client.force_login(volunteer_a)
    client.post(SCREENING, household_post(wages="$21,500"))
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 16 * 60)
    assert client.get(RESULTS).status_code == 302
    monkeypatch.setattr(time, "time", real)
    client.cookies[COOKIE] = client.cookies[COOKIE].value[:-4] + "AAAA"
    assert client.get(RESULTS).status_code == 302
