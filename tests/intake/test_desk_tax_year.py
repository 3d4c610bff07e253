"""The desk records the household's tax year (the season by default) and the 2027-season fields."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from intake.facts import facts_from_values, household_facts
from intake.forms import HouseholdForm, household_forms
from intake.models import Household, desk_tax_years
from intake.results import results_context
from tests.intake.conftest import household_post
from tests.intake.views.helpers import consent_token


def test_the_setting_is_the_season_and_the_prior_year_is_served(settings):
    assert settings.CONFIANZA_TAX_YEAR == 2026
    assert desk_tax_years() == (2026, 2025)
    assert HouseholdForm().initial["tax_year"] == 2026
    assert [value for value, _label in HouseholdForm().fields["tax_year"].choices] == ["2026", "2025"]


def test_the_default_follows_the_one_setting():
    with override_settings(CONFIANZA_TAX_YEAR=2025):
        assert desk_tax_years() == (2025,)  # 2024 is not a supported year: not offered
        form, formset, _ = household_forms(household_post())
        assert form.is_valid() and formset.is_valid(), (form.errors, formset.errors)
        assert form.household_values()["tax_year"] == 2025


@pytest.mark.parametrize(("typed", "year"), [(None, 2026), ("2026", 2026), ("2025", 2025)])
def test_the_volunteer_can_pick_the_prior_year(typed, year):
    form, formset, _ = household_forms(household_post(tax_year=typed))
    assert form.is_valid(), form.errors
    assert form.household_values()["tax_year"] == year


def test_a_year_the_desk_does_not_serve_is_a_clear_form_error():
    form, _formset, _ = household_forms(household_post(tax_year="2024"))
    assert not form.is_valid()
    assert "tax_year" in form.errors


def test_the_model_refuses_a_year_it_does_not_serve():
    household = Household(tax_year=2030)
    with pytest.raises(ValidationError) as caught:
        household.full_clean(exclude=[f.name for f in Household._meta.fields if f.name != "tax_year"])
    assert "2026, 2025" in str(caught.value)


def test_tips_and_overtime_cannot_be_more_than_wages():
    form, _formset, _ = household_forms(household_post(wages="10,000", taxpayer_qualified_tips="8,000",
                                                       taxpayer_qualified_overtime="3,000"))
    assert not form.is_valid()
    assert "taxpayer_qualified_tips" in form.errors


def _posted_2027_fields() -> dict:
    return household_post(
        tax_year="2026",
        taxpayer_qualified_tips="4,000",
        taxpayer_blind="on",
        spouse_itin_used_recently="no",
        car_loan_interest="2,500",
        **{"dependents-0-relationship": "grandchild", "dependents-0-age": "", "dependents-0-birth_year": "2022"},
    )


def test_the_new_fields_reach_the_engine_through_the_one_adapter():
    form, formset, _ = household_forms(_posted_2027_fields())
    assert form.is_valid() and formset.is_valid(), (form.errors, formset.errors)
    facts = facts_from_values(form.household_values(), formset.dependent_values())
    assert facts.tax_year == 2026
    assert (facts.taxpayer.qualified_tips, facts.taxpayer.blind) == (4000, True)
    assert facts.spouse.itin_used_recently is False
    assert facts.car_loan_interest == 2500
    assert (facts.dependents[0].relationship, facts.dependents[0].birth_year, facts.dependents[0].age) == ("grandchild", 2022, 4)


@pytest.mark.django_db
def test_a_recorded_household_keeps_its_year_and_fields_and_its_results_follow_them(client, volunteer_a):
    client.force_login(volunteer_a)
    token = consent_token(client)
    from django.urls import reverse

    response = client.post(reverse("intake:household-create"), {**_posted_2027_fields(), "submission_token": token})
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "invalid" in line or "error" in line.lower()][:10]
    household = Household.objects.get()
    assert household.tax_year == 2026
    assert household.taxpayer_qualified_tips == 4000 and household.car_loan_interest == 2500
    assert household.spouse_itin_used_recently == "no"
    assert household.dependents.order_by("position")[0].relationship == "grandchild"
    facts = household_facts(household)
    context = results_context(facts, language="en", code=household.code)
    assert context["screening"].tax_year == 2026
    assert any(row["key"] == "car_loan_interest" for row in context["deductions"])
    page = client.get(household.get_absolute_url()).content.decode()
    assert "Credits for tax year 2026" in page
    assert "ITIN on a federal return for 2023, 2024 or 2025" not in page  # the spouse's flag is worded per person
    assert "itin" in page.lower()
    # California 2026 amounts carry the estimate badge (the household has an ITIN spouse and CA credits)
    if context["screening"].estimate:
        assert 'data-estimate="true"' in page
