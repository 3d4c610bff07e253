"""The desk form guides the volunteer (issue 11): what to choose instead, what to type instead,
which answers are required, and what happens to a spouse's answers when the status is not joint."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from intake.fields import TAX_YEAR
from intake.models import MAX_AGE, Household
from tests.intake.conftest import household_post
from tests.intake.views.helpers import consent_token

SCREENING = reverse("intake:screening")
CREATE = reverse("intake:household-create")
EARLIEST = TAX_YEAR - 1 - MAX_AGE  # the earliest birth year the form takes (late returns included)
NO_DEPENDENTS = {"dependents-TOTAL_FORMS": "0"}


def _without_dependents(data: dict) -> dict:
    return {k: v for k, v in data.items() if not re.match(r"dependents-\d+-", k)} | NO_DEPENDENTS


def _record(client, **overrides):
    token = consent_token(client)
    return client.post(CREATE, household_post(submission_token=token, **overrides), follow=True)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Head of household needs a qualifying person. Add that person under Dependents, "
               "or choose another filing status, such as Single."),
        ("es", "Cabeza de familia necesita una persona calificada. Agregue a esa persona en Dependientes, "
               "o elija otro estado civil para efectos de la declaración, por ejemplo Soltero."),
    ],
)
def test_head_of_household_without_a_dependent_is_refused_and_nothing_typed_is_lost(
    client, volunteer_a, language, expected
):
    client.force_login(volunteer_a)
    client.cookies["django_language"] = language
    token = consent_token(client)
    data = _without_dependents(household_post(
        submission_token=token, filing_status="head_of_household", spouse_id_type="", spouse_age="",
        wages="$21,500", nickname="Zorblax", notes="Prefers mornings",
    ))
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert not Household.objects.exists()
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["filing_status"]] == ["needs_qualifying_person"]
    html = response.content.decode()
    assert expected in html.replace("&#x27;", "'")
    assert 'href="#id_filing_status"' in html  # in the error summary, linked to the field
    for name, value in [("wages", "$21,500"), ("nickname", "Zorblax"), ("notes", "Prefers mornings")]:
        assert form[name].value() == value
    assert 'value="head_of_household" selected' in html


def test_head_of_household_with_a_dependent_is_saved(client, volunteer_a):
    client.force_login(volunteer_a)
    response = _record(client, filing_status="head_of_household", spouse_id_type="", spouse_age="")
    assert response.redirect_chain and Household.objects.get().filing_status == "head_of_household"


def test_the_anonymous_screening_refuses_it_too(client, volunteer_a):
    client.force_login(volunteer_a)
    data = _without_dependents(household_post(filing_status="qualifying_surviving_spouse", spouse_id_type="",
                                              spouse_age=""))
    response = client.post(SCREENING, data)
    assert response.templates[0].name == "intake/household_form.html"
    assert "Qualifying surviving spouse needs a qualifying person" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "typed", "language", "expected"),
    [
        ("wages", "38k", "en", "Enter the amount in whole dollars, using digits, like 12500 or $12,500."),
        ("wages", "38k", "es", "Escriba la cantidad en dólares enteros, con números, por ejemplo 12500 o $12,500."),
        ("wages", "-500", "en", "This amount cannot be negative: enter 0 or more, in whole dollars, like 12500."),
        ("wages", "-500", "es", "Esta cantidad no puede ser negativa: escriba 0 o más, en dólares enteros, "
                                "por ejemplo 12500."),
        ("taxpayer_age", "200", "en", "Enter an age from 0 to 120, in whole years, like 34."),
        ("taxpayer_age", "200", "es", "Escriba una edad de 0 a 120, en años cumplidos, por ejemplo 34."),
        ("taxpayer_age", "thirty", "en", "Enter the age in whole years, using digits, like 34."),
        ("taxpayer_age", "thirty", "es", "Escriba la edad en años cumplidos, con números, por ejemplo 34."),
        ("taxpayer_birth_year", "90", "en", f"Enter a birth year of {EARLIEST} or later, with four digits, like 1990."),
        ("taxpayer_birth_year", "90", "es", f"Escriba un año de nacimiento de {EARLIEST} o posterior, con cuatro "
                                            "cifras, por ejemplo 1990."),
        ("filing_status", "", "en", "Choose the filing status."),
        ("filing_status", "", "es", "Elija el estado civil para efectos de la declaración."),
        ("taxpayer_id_type", "", "en", "Choose the taxpayer's ID type, or “Prefers not to say”."),
        ("taxpayer_id_type", "", "es", "Elija el tipo de identificación del contribuyente, o «Prefiere no decirlo»."),
        ("dependents-0-id_type", "", "en", "Choose this dependent's ID type, or “Prefers not to say”."),
        ("dependents-0-id_type", "", "es", "Elija el tipo de identificación de este dependiente, o «Prefiere no decirlo»."),
        ("dependents-0-months_lived_with_filer", "13", "en",
         "Enter the months as a whole number from 0 to 12, like 12."),
        ("dependents-0-months_lived_with_filer", "13", "es",
         "Escriba los meses como un número entero de 0 a 12, por ejemplo 12."),
    ],
)
def test_validation_messages_say_what_to_type_instead(client, volunteer_a, field, typed, language, expected):
    client.force_login(volunteer_a)
    client.cookies["django_language"] = language
    overrides = {field: typed}
    if field == "taxpayer_birth_year":
        overrides["taxpayer_age"] = ""
    response = client.post(SCREENING, household_post(**overrides))
    html = response.content.decode().replace("&#x27;", "'")
    assert expected in html
    assert "Ensure this value" not in html and "Asegúrese de que" not in html
    assert "This field is required." not in html and "Este campo es obligatorio." not in html


def test_required_answers_are_marked_for_eyes_and_screen_readers(client, volunteer_a):
    client.force_login(volunteer_a)
    data = household_post()
    data["add-dependent"] = "1"
    html = client.post(SCREENING, data).content.decode()
    assert "Fields marked * must be answered" in html
    for name in ("filing_status", "taxpayer_id_type"):
        assert re.search(rf'<(select|input)[^>]*name="{name}"[^>]*\brequired\b', html), name
    for name in ("language", "taxpayer_age", "spouse_id_type", "spouse_age", "dependents-0-id_type", "dependents-0-age",
                 "dependents-0-months_lived_with_filer"):
        assert re.search(rf'<(select|input)[^>]*name="{name}"[^>]*aria-required="true"', html), name
        label = re.search(rf'<label\s+for="id_{name}"[^>]*>(.*?)</label>', html, re.S).group(1)
        assert '<span class="asteriskField" aria-hidden="true">*</span>' in label, name
    optional = re.search(r'<label\s+for="id_wages"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert "asteriskField" not in optional


def test_spouse_answers_removed_by_the_filing_status_are_named_on_save(client, volunteer_a):
    client.force_login(volunteer_a)
    response = _record(client, filing_status="head_of_household", spouse_foster_youth="on",
                       spouse_qualified_tips="1,000")
    household = Household.objects.get()
    assert household.spouse_id_type == "" and household.spouse_age is None
    html = response.content.decode().replace("&#x27;", "'")
    assert ("The spouse's answers were removed (Spouse's ID type, Spouse's age, Spouse was in California foster "
            "care at age 13 or older, Spouse's qualified tips): the filing status is Head of household") in html
    assert "1,000" not in html.split("alert-warning")[1].split("</div>")[0]  # names, never values


def test_an_edit_that_leaves_joint_filing_says_what_happened_to_the_spouse(client, volunteer_a):
    client.force_login(volunteer_a)
    _record(client)
    household = Household.objects.get()
    assert household.spouse_id_type == "itin"
    edit = reverse("intake:household-edit", kwargs={"code": household.code})
    response = client.post(edit, household_post(filing_status="single", version=str(household.version)),
                           follow=True)
    assert "The spouse's answers were removed (Spouse's ID type, Spouse's age)" in \
        response.content.decode().replace("&#x27;", "'")


def test_no_message_when_no_spouse_answer_was_given(client, volunteer_a):
    client.force_login(volunteer_a)
    response = _record(client, filing_status="single", spouse_id_type="", spouse_age="", spouse_qualified_tips="0")
    assert Household.objects.exists()
    assert "spouse's answers were removed" not in response.content.decode().replace("&#x27;", "'")


def test_the_anonymous_results_say_which_spouse_answers_were_not_used(client, volunteer_a):
    client.force_login(volunteer_a)
    response = client.post(SCREENING, household_post(filing_status="single"), follow=True)
    assert response.templates[0].name == "intake/screening_result.html"
    html = response.content.decode().replace("&#x27;", "'")
    assert "The spouse's answers were removed (Spouse's ID type, Spouse's age): the filing status is Single" in html
    assert response.context["facts"].spouse is None


def test_the_anonymous_form_never_says_something_is_kept(client, volunteer_a):
    client.force_login(volunteer_a)
    html = client.get(SCREENING).content.decode()
    assert "Only the age is kept" not in html
    assert "Instead of the age." in html
    data = household_post()
    data["add-dependent"] = "1"
    token = consent_token(client)
    recording = client.get(f"{CREATE}?consent={token}").content.decode()
    assert "Only the age is kept" in recording  # the recording form still says what it keeps
