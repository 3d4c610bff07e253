from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from intake.models import Consent, Household
from tests.intake.conftest import household_post
from tests.intake.views.helpers import consent_token

CREATE = reverse("intake:household-create")


@pytest.fixture
def volunteer(client, volunteer_a):
    client.force_login(volunteer_a)
    return volunteer_a


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(reverse("intake:household-consent"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_household_form_needs_consent_first(client, volunteer):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:household-consent")
    response = client.post(CREATE, household_post(submission_token="forged"))
    assert response.status_code == 302
    assert Household.objects.count() == 0


def test_consent_must_be_ticked(client, volunteer):
    response = client.post(reverse("intake:household-consent"), {})
    assert response.status_code == 200
    assert "Record the household only if the client agrees" in response.content.decode()
    assert 'href="#id_client_agreed"' in response.content.decode()


def test_a_recorded_household_has_its_consent_and_dependents(client, volunteer):
    token = consent_token(client)
    response = client.get(CREATE, {"consent": token})
    assert response.status_code == 200
    response = client.post(CREATE, household_post(submission_token=token, nickname="Rosa"))
    household = Household.objects.get()
    assert response["Location"] == household.get_absolute_url()
    assert household.dependents.count() == 3
    assert household.nickname == "Rosa"
    assert household.language == "es"
    assert household.wages == 30000
    consent = Consent.objects.get(household=household)
    assert consent.recorded_by == volunteer
    assert AuditEntry.objects.filter(action="create", visit_code=household.code).count() == 1


def test_another_volunteers_consent_token_is_refused(client, volunteer, django_user_model, site_a):
    token = consent_token(client)
    from clinic.models import Membership

    other = django_user_model.objects.create_user(username="volunteer-a2", password="x-long-password-1")
    Membership.objects.create(user=other, site=site_a, role="volunteer")
    client.force_login(other)
    response = client.post(CREATE, household_post(submission_token=token))
    assert response.status_code == 302
    assert Household.objects.count() == 0


def test_a_double_submission_creates_one_household(client, volunteer):
    token = consent_token(client)
    first = client.post(CREATE, household_post(submission_token=token))
    second = client.post(CREATE, household_post(submission_token=token))
    assert Household.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_add_another_dependent_keeps_everything_typed(client, volunteer):
    token = consent_token(client)
    data = household_post(submission_token=token, nickname="Rosa", wages="$1,000", taxpayer_age="abc")
    data["add-dependent"] = "1"
    response = client.post(CREATE, data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) == 4
    html = response.content.decode()
    assert 'value="Rosa"' in html
    assert 'value="$1,000"' in html
    assert 'value="abc"' in html
    assert 'name="dependents-2-age" value="16"' in html
    assert response.context["errors"] == []  # nothing validated yet
    assert Household.objects.count() == 0


def test_remove_a_dependent_keeps_the_others_in_order(client, volunteer):
    token = consent_token(client)
    data = household_post(submission_token=token)
    data["remove-dependent"] = "1"
    response = client.post(CREATE, data)
    html = response.content.decode()
    assert len(response.context["formset"].forms) == 2
    assert 'name="dependents-0-age" value="4"' in html
    assert 'name="dependents-1-age" value="16"' in html


def test_a_row_added_and_left_blank_is_ignored(client, volunteer):
    token = consent_token(client)
    data = household_post(submission_token=token, **{"dependents-TOTAL_FORMS": "4"})
    data["dependents-3-months_lived_with_filer"] = "12"
    client.post(CREATE, data)
    assert Household.objects.get().dependents.count() == 3


def test_bad_input_keeps_what_was_typed_and_links_each_error(client, volunteer):
    token = consent_token(client)
    data = household_post(submission_token=token, wages="1e6", notes="her number is 123-45-6789")
    data["dependents-1-age"] = "200"
    response = client.post(CREATE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert Household.objects.count() == 0
    assert 'value="1e6"' in html
    assert "her number is 123-45-6789" in html  # shown back to be fixed, never stored
    anchors = {error["anchor"] for error in response.context["errors"]}
    assert anchors == {"id_wages", "id_notes", "id_dependents-1-age"}
    assert 'href="#id_dependents-1-age"' in html
    assert "Dependent 2: Age" in html


@pytest.mark.parametrize("total", ["1001", "-1", "abc"])
def test_a_tampered_dependent_count_is_a_form_error_not_a_crash(client, volunteer, total):
    token = consent_token(client)
    response = client.post(CREATE, household_post(submission_token=token, **{"dependents-TOTAL_FORMS": total}))
    assert response.status_code == 200
    assert Household.objects.count() == 0
    assert response.context["errors"][0]["anchor"] == "dependents"
    # The re-rendered count is repaired so the next save can succeed.
    assert 'name="dependents-TOTAL_FORMS" value="' in response.content.decode()


def test_a_reader_cannot_record(client, editor_a):
    client.force_login(editor_a)
    assert client.get(reverse("intake:household-consent")).status_code == 403


def test_typed_markup_is_shown_back_escaped(client, volunteer):
    token = consent_token(client)
    response = client.post(
        CREATE, household_post(submission_token=token, notes="<script>alert(1)</script> 123-45-6789")
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
