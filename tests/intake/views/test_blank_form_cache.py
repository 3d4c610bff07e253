"""The blank household form's HTML is kept per process (intake/templatetags/intake_forms.py), and
nothing a client answered ever is."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from intake.forms import ConsentForm, HouseholdForm, ScreeningForm, blank_form_key
from intake.templatetags import intake_forms
from tests.intake.conftest import household_post
from tests.intake.views.helpers import consent_token

SCREENING = reverse("intake:screening")


@pytest.fixture(autouse=True)
def _empty_cache():
    intake_forms.forget_blank_forms()
    yield
    intake_forms.forget_blank_forms()


def _form_html(page: str) -> str:
    """The form's fields, from the first crispy field to the dependents (what the cache serves)."""
    return page[page.index('id="fieldset-filing"'):page.index('id="dependents"')]


def test_a_blank_form_is_rendered_once_and_served_the_same(client, volunteer_a):
    client.force_login(volunteer_a)
    first = client.get(SCREENING).content.decode()
    assert len(intake_forms._blank_html) == 1
    second = client.get(SCREENING).content.decode()
    assert len(intake_forms._blank_html) == 1
    assert _form_html(first) == _form_html(second)
    for html in intake_forms._blank_html.values():
        assert "csrfmiddlewaretoken" not in html


def test_the_cached_form_is_what_crispy_renders(client, volunteer_a, monkeypatch):
    client.force_login(volunteer_a)
    client.get(SCREENING)  # fills the cache
    cached = client.get(SCREENING).content.decode()  # served from it
    # Without the cache (every form keyless), the page shows byte for byte the same form.
    intake_forms.forget_blank_forms()
    monkeypatch.setattr(intake_forms, "blank_form_key", lambda form: None)
    fresh = client.get(SCREENING).content.decode()
    assert _form_html(cached) == _form_html(fresh)
    assert intake_forms._blank_html == {}


def test_each_language_has_its_own_form(client, volunteer_a):
    client.force_login(volunteer_a)
    english = client.get(SCREENING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    spanish = client.get(SCREENING, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Filing status" in english and "Filing status" not in spanish
    assert len(intake_forms._blank_html) == 2


def test_a_changed_tax_year_setting_makes_a_new_key(client, volunteer_a):
    client.force_login(volunteer_a)
    client.get(SCREENING)
    with override_settings(CONFIANZA_TAX_YEAR=2025):
        page = client.get(SCREENING).content.decode()
    assert len(intake_forms._blank_html) == 2
    assert 'value="2025" selected' in page


def test_nothing_a_client_answered_is_kept(client, volunteer_a):
    client.force_login(volunteer_a)
    # "Add a dependent" re-renders what was typed; errors re-render it too; so does "change answers".
    typed = household_post(wages="23,456", nickname="Walk-in Ana")
    client.post(SCREENING, {**typed, "add-dependent": "1"})
    client.post(SCREENING, {**typed, "filing_status": ""})
    client.post(SCREENING, {**typed, "revise": "1"})
    token = consent_token(client)
    create = reverse("intake:household-create")
    client.post(f"{create}?consent={token}", household_post(submission_token=token, wages="23,456",
                                                            nickname="Walk-in Ana", **{"add-dependent": "1"}))
    assert intake_forms._blank_html == {}


def test_an_edit_form_is_never_kept(client, volunteer_a, site_a, make_household):
    household = make_household(site_a, volunteer_a, nickname="Ana")
    client.force_login(volunteer_a)
    response = client.get(reverse("intake:household-edit", kwargs={"code": household.code}))
    assert response.status_code == 200
    assert intake_forms._blank_html == {}


def test_only_blank_unbound_forms_have_a_key():
    assert blank_form_key(ScreeningForm()) is not None
    assert blank_form_key(HouseholdForm()) != blank_form_key(ScreeningForm())
    assert blank_form_key(ScreeningForm(data={})) is None
    assert blank_form_key(HouseholdForm(initial={"wages": 1000})) is None
    assert blank_form_key(HouseholdForm(initial={"tax_year": 2025})) is None
    assert blank_form_key(ConsentForm()) is not None and blank_form_key(ConsentForm(data={})) is None


def test_the_consent_form_is_kept_blank_only(client, volunteer_a):
    client.force_login(volunteer_a)
    consent = reverse("intake:household-consent")
    first = client.get(consent).content.decode()
    assert len(intake_forms._blank_html) == 1
    assert 'name="client_agreed"' in client.get(consent).content.decode()
    assert first.count('name="client_agreed"') == 1
    intake_forms.forget_blank_forms()
    refused = client.post(consent, {})  # not agreed: the form with its error is never kept
    assert "Record the household only if the client agrees" in refused.content.decode()
    assert intake_forms._blank_html == {}


def test_a_volunteer_of_several_sites_gets_a_form_with_their_sites(client, volunteer_a, site_a, site_b):
    from clinic.models import Membership

    client.force_login(volunteer_a)
    consent = reverse("intake:household-consent")
    one_site = client.get(consent).content.decode()
    Membership.objects.create(user=volunteer_a, site=site_b, role="volunteer")
    several = client.get(consent).content.decode()
    assert site_b.name not in one_site and site_b.name in several
    assert len(intake_forms._blank_html) == 2
