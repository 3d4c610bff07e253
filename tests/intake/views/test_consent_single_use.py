"""A consent token records one household, once (review finding 5); a deleted creator never breaks a save (6)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from intake.models import Household, SpentConsent
from tests.intake.conftest import household_post
from tests.intake.views.helpers import consent_token

pytestmark = pytest.mark.django_db

CREATE = reverse("intake:household-create")


def _details(token):
    return household_post(submission_token=token)


def test_resubmitting_after_the_household_was_created_creates_nothing_and_says_why(client, site_a, volunteer_a):
    client.force_login(volunteer_a)
    token = consent_token(client)
    data = _details(token)
    first = client.post(CREATE, data)
    assert first.status_code == 302
    household = Household.objects.get()
    again = client.post(CREATE, data, follow=True)
    assert Household.objects.count() == 1
    assert again.redirect_chain[-1][0] == household.get_absolute_url()
    assert "already used" in again.content.decode()
    assert SpentConsent.objects.count() == 1


def test_a_token_replayed_after_consent_was_withdrawn_creates_nothing(client, site_a, volunteer_a):
    client.force_login(volunteer_a)
    token = consent_token(client)
    data = _details(token)
    client.post(CREATE, data)
    household = Household.objects.get()
    response = client.post(reverse("intake:consent-withdraw", kwargs={"code": household.code}), {"confirmation": household.code})
    assert response.status_code == 302 and not Household.objects.exists()
    replay = client.post(CREATE, data, follow=True)
    assert not Household.objects.exists()
    assert replay.redirect_chain[-1][0] == reverse("intake:household-consent")
    assert "has since been deleted" in replay.content.decode()
    # The GET link of the spent token says the same.
    assert "has since been deleted" in client.get(f"{CREATE}?consent={token}", follow=True).content.decode()


def test_the_spent_record_points_at_no_household_and_is_pruned(client, site_a, volunteer_a, settings):
    import datetime as dt

    from intake.consent import prune_spent_consents

    client.force_login(volunteer_a)
    token = consent_token(client)
    client.post(CREATE, _details(token))
    spent = SpentConsent.objects.get()
    household = Household.objects.get()
    assert household.submission_token not in spent.digest and household.code not in spent.digest
    assert spent.spent_at.minute == 0 and spent.spent_at.second == 0
    assert prune_spent_consents(now=spent.spent_at + dt.timedelta(hours=2)) == 0
    assert prune_spent_consents(now=spent.spent_at + dt.timedelta(hours=6)) == 1


def test_saving_a_household_whose_creator_was_deleted_is_a_normal_save(client, site_a, volunteer_a, coordinator_a, make_household):
    household = make_household(site_a, volunteer_a)
    Household.objects.filter(pk=household.pk).update(created_by=None)  # as every seeded demo household
    client.force_login(coordinator_a)
    url = reverse("intake:household-edit", kwargs={"code": household.code})
    response = client.post(url, household_post(version=str(household.version)))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Household.objects.get(pk=household.pk).version == household.version + 1
    assert AuditEntry.objects.filter(visit_code=household.code, action="edit").exists()


def test_a_model_validation_error_on_save_is_a_form_error(client, site_a, volunteer_a, make_household, monkeypatch):
    from django.core.exceptions import ValidationError

    household = make_household(site_a, volunteer_a)
    client.force_login(volunteer_a)

    def refuse(**kwargs):
        raise ValidationError({"wages": ["Refused by the model."], "created_by": ["Not a form field."]})

    monkeypatch.setattr("intake.views.household_update", refuse)
    url = reverse("intake:household-edit", kwargs={"code": household.code})
    response = client.post(url, household_post(version=str(household.version)))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Refused by the model." in body and "Not a form field." in body


def test_back_after_saving_opens_the_saved_answers_to_correct_not_an_empty_form(client, site_a, volunteer_a):
    client.force_login(volunteer_a)
    token = consent_token(client)
    assert client.post(CREATE, _details(token)).status_code == 302
    household = Household.objects.get()
    back = client.get(f"{CREATE}?consent={token}", follow=True)  # what the browser's Back loads
    assert back.redirect_chain[-1][0] == reverse("intake:household-edit", kwargs={"code": household.code})
    assert back.context["form"]["wages"].value() == household.wages
    assert f"Household {household.code} is already saved with this consent" in back.content.decode()
    assert Household.objects.count() == 1
