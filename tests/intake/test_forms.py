"""The household and dependent forms: parsing, boundaries, refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from intake.facts import facts_from_values
from intake.fields import parse_money
from intake.forms import DEPENDENT_PREFIX, DependentFormSet, FindForm, HouseholdForm, posted_tax_year
from tests.intake.conftest import household_post


def _forms(data):
    form = HouseholdForm(data)
    formset = DependentFormSet(data, prefix=DEPENDENT_PREFIX, form_kwargs={"tax_year": posted_tax_year(data)})
    return form, formset


@pytest.mark.parametrize(
    ("typed", "dollars"),
    [
        ("0", 0),
        ("1000", 1000),
        ("1,000", 1000),
        ("$1,000", 1000),
        (" $ 18,000 ", 18000),
        ("18000.49", 18000),
        ("18000.50", 18001),
        ("10,000,000", 10_000_000),
    ],
)
def test_it_reads_dollars_as_volunteers_type_them(typed, dollars):
    assert parse_money(typed, allow_negative=False) == dollars


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1e6", "invalid"),
        ("NaN", "invalid"),
        ("Infinity", "invalid"),
        ("1,00", "invalid"),
        ("12.345", "invalid"),
        ("--5", "invalid"),
        ("abc", "invalid"),
        ("-100", "negative"),
        ("-$100", "negative"),
        ("10,000,001", "too_large"),
        ("99999999999999999999999", "too_large"),
        ("١٢٣", "invalid"),  # Arabic-Indic digits: only 0-9
    ],
)
def test_it_refuses_amounts_that_are_not_plain_dollars(typed, code):
    with pytest.raises(ValidationError) as excinfo:
        parse_money(typed, allow_negative=False)
    assert excinfo.value.code == code


@pytest.mark.parametrize(("typed", "dollars"), [("-1,200", -1200), ("$-1,200", -1200), ("-$1,200", -1200)])
def test_self_employment_may_be_negative(typed, dollars):
    form, _formset = _forms(household_post(self_employment_income=typed))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["self_employment_income"] == dollars


@pytest.mark.parametrize("field", ["wages", "other_income", "investment_income"])
def test_other_incomes_may_not_be_negative(field):
    form, _formset = _forms(household_post(**{field: "-5"}))
    assert not form.is_valid()
    assert form.errors[field]


@pytest.mark.parametrize(("wages", "expected"), [("0", 0), ("", 0), ("10,000,000", 10_000_000)])
def test_zero_and_huge_incomes(wages, expected):
    form, _formset = _forms(household_post(wages=wages))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["wages"] == expected


@pytest.mark.parametrize("field", ["nickname", "notes"])
@pytest.mark.parametrize("tin", ["123-45-6789", "912 70 1234", "912701234"])
def test_it_refuses_an_id_number_in_free_text(field, tin):
    form, _formset = _forms(household_post(**{field: f"Rosa {tin}"}))
    assert not form.is_valid()
    assert form.errors[field][0].startswith("This looks like a Social Security number or ITIN")


def test_a_birth_year_becomes_the_age_at_year_end_and_is_not_kept():
    # a late 2025 return (the desk defaults to the season in progress, CONFIANZA_TAX_YEAR)
    form, _formset = _forms(household_post(taxpayer_age="", taxpayer_birth_year="1990", tax_year="2025"))
    assert form.is_valid(), form.errors
    values = form.household_values()
    assert values["taxpayer_age"] == 35  # 2025 - 1990
    assert "taxpayer_birth_year" not in values


def test_an_age_and_a_birth_year_that_disagree_are_refused():
    form, _formset = _forms(household_post(taxpayer_age="20", taxpayer_birth_year="1990", tax_year="2025"))
    assert not form.is_valid()
    assert form.errors["taxpayer_birth_year"][0].startswith("Born in 1990 means 35")


def test_an_age_or_birth_year_is_required():
    form, _formset = _forms(household_post(taxpayer_age=""))
    assert not form.is_valid()
    assert "taxpayer_age" in form.errors


def test_filing_jointly_needs_the_spouse():
    form, _formset = _forms(household_post(spouse_id_type="", spouse_age=""))
    assert not form.is_valid()
    assert set(form.errors) == {"spouse_id_type", "spouse_age"}


def test_the_spouse_is_dropped_unless_filing_jointly():
    form, _formset = _forms(household_post(filing_status="head_of_household", spouse_age="abc"))
    assert form.is_valid(), form.errors
    assert form.household_values()["spouse_id_type"] == ""
    assert form.household_values()["spouse_age"] is None


@pytest.mark.parametrize("age", ["5", "6", "16", "17", "18", "19", "23", "24"])
@pytest.mark.parametrize("student", [True, False])
def test_boundary_ages_reach_the_rules_unchanged(age, student):
    # CTC: under 17 at year end (IRC §24(c)(1)); YCTC: under 6 (R&TC §17052.1);
    # EITC qualifying child: under 19, or under 24 and a full-time student (IRC §32(c)(3)(C)).
    data = household_post(**{"dependents-0-age": age})
    if student:
        data["dependents-0-full_time_student"] = "on"
    form, formset = _forms(data)
    assert form.is_valid() and formset.is_valid(), (form.errors, formset.errors)
    facts = facts_from_values(form.household_values(), formset.dependent_values())
    assert facts.dependents[0].age == int(age)
    assert facts.dependents[0].full_time_student is student


def test_a_dependents_birth_year_is_accepted():
    form, formset = _forms(household_post(tax_year="2025", **{"dependents-0-age": "", "dependents-0-birth_year": "2020"}))
    assert formset.is_valid(), formset.errors
    assert formset.dependent_values()[0]["age"] == 5


def test_blank_dependent_rows_are_ignored():
    data = household_post(**{"dependents-TOTAL_FORMS": "4", "dependents-3-months_lived_with_filer": "12"})
    _form, formset = _forms(data)
    assert formset.is_valid(), formset.errors
    assert len(formset.dependent_values()) == 3


def test_a_half_filled_dependent_row_is_an_error():
    data = household_post(**{"dependents-TOTAL_FORMS": "4", "dependents-3-id_type": "ssn"})
    _form, formset = _forms(data)
    assert not formset.is_valid()
    assert "age" in formset.errors[3]


def _rows(count):
    data = household_post(**{"dependents-TOTAL_FORMS": str(count)})
    for index in range(count):
        data[f"dependents-{index}-id_type"] = "ssn"
        data[f"dependents-{index}-age"] = "3"
        data[f"dependents-{index}-months_lived_with_filer"] = "12"
    return data


def test_twelve_dependents_are_accepted_and_thirteen_are_too_many():
    _form, formset = _forms(_rows(12))
    assert formset.is_valid(), formset.non_form_errors()
    assert len(formset.dependent_values()) == 12
    _form, formset = _forms(_rows(13))
    assert not formset.is_valid()
    assert "at most 12 dependents" in formset.non_form_errors()[0]


@pytest.mark.parametrize("total", ["1001", "-1", "abc", "", "1e3", "99999999999999999999"])
def test_a_tampered_dependent_count_is_a_form_error(total):
    _form, formset = _forms(household_post(**{"dependents-TOTAL_FORMS": total}))
    assert not formset.is_valid()
    assert formset.non_form_errors()
    assert len(formset.forms) <= 12


def test_a_missing_management_form_is_a_form_error():
    data = {k: v for k, v in household_post().items() if "FORMS" not in k}
    _form, formset = _forms(data)
    assert not formset.is_valid()


@pytest.mark.parametrize(("typed", "code"), [("k7mq4xtp", "K7MQ-4XTP"), (" K7MQ - 4XTP ", "K7MQ-4XTP")])
def test_find_normalises_visit_codes(typed, code):
    form = FindForm({"code": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["code"] == code


@pytest.mark.parametrize("typed", ["123-45-6789", "K7MQ", "K7MQ-4XT0", "<script>"])
def test_find_refuses_what_is_not_a_visit_code(typed):
    assert not FindForm({"code": typed}).is_valid()


def test_the_birth_year_help_says_what_is_kept_in_both_languages():
    # A filer's birth year only gives the age; a dependent's is kept for the Trump-account pilot
    # (intake/models.py Dependent.birth_year), and the help text says so, in English and Spanish.
    from django.utils import translation

    form, formset = _forms(household_post(tax_year="2025", **{"dependents-0-age": "", "dependents-0-birth_year": "2020"}))
    assert form.is_valid() and formset.is_valid(), (form.errors, formset.errors)
    assert formset.dependent_values()[0]["birth_year"] == 2020  # kept, as its help says
    filer_help = form.fields["taxpayer_birth_year"].help_text
    dependent_help = formset.forms[0].fields["birth_year"].help_text
    with translation.override("en"):
        assert str(filer_help) == "Instead of the age. Only the age is kept."
        assert str(dependent_help) == (
            "Instead of the age. Kept only to check the Trump-account pilot, which depends on the year of birth.")
    with translation.override("es"):
        assert str(filer_help) == "En lugar de la edad. Solo se guarda la edad."
        assert str(dependent_help) == (
            "En lugar de la edad. Solo se guarda para revisar el programa piloto de las cuentas Trump, "
            "que depende del año de nacimiento.")
