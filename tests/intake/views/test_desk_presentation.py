"""What the desk shows at a glance: the headline, people by age, print style, anonymous wording."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from clinic.models import ActivityCounter
from clinic.validators import contact_detail_kind
from intake.eligibility import assess
from intake.facts import household_facts
from intake.models import Household
from tests.intake.conftest import household_post

pytestmark = pytest.mark.django_db
SCREENING = reverse("intake:screening")


def _record(client, user, **overrides):
    from tests.intake.views.helpers import consent_token

    client.force_login(user)
    token = consent_token(client)
    return client.post(reverse("intake:household-create"), household_post(submission_token=token, **overrides), follow=True)


def test_the_results_open_with_the_tax_year_and_the_total(client, volunteer_a):
    response = _record(client, volunteer_a)
    html = response.content.decode()
    household = Household.objects.get()
    screening = assess(household_facts(household))
    top = html.index('id="headline-heading"')
    assert top < html.index('id="credits-heading"')
    headline = html[top : html.index('id="credits-heading"')]
    assert f"Tax year {household.tax_year}" in headline
    assert f"${int(screening.total):,}" in headline
    found = [key for key, credit in screening.credits.items() if credit.is_eligible and credit.amount]
    assert found and all(f'data-headline="{key}"' in headline for key in found)
    # The details stay, folded into <details> (keyboard and no-JavaScript friendly).
    assert "<details" in html and "<summary" in html


def test_saving_says_what_back_and_edit_do(client, volunteer_a):
    html = _record(client, volunteer_a).content.decode()
    assert "To correct an answer, use Edit" in html


def test_people_are_named_by_age(client, volunteer_a):
    html = _record(client, volunteer_a).content.decode()
    # The relationship question (tax year 2026 fields) is answered "child" in the posted form.
    assert "the 4-year-old, child (dependent 1)" in html
    assert "the 16-year-old, child (dependent 3)" in html


def test_the_print_style_hides_navigation_and_id_types():
    css = open(finders.find("confianza/app.css"), encoding="utf-8").read()
    block = css[css.index("@media print") :]
    for selector in (".site-header", ".btn", ".id-type", ".results details", 'section[aria-labelledby="flags-heading"]'):
        assert selector in block


def test_the_anonymous_screening_has_no_nickname_or_notes_and_says_nothing_is_saved(client, volunteer_a):
    client.force_login(volunteer_a)
    form = client.get(SCREENING).content.decode()
    assert 'name="nickname"' not in form and 'name="notes"' not in form
    assert "nothing you enter here is saved" in form
    errors = client.post(SCREENING, household_post(taxpayer_age="")).content.decode()
    assert "to see the results" in errors and "before saving" not in errors


def test_an_anonymous_screening_is_counted_and_can_be_changed_without_back(client, volunteer_a, site_a):
    client.force_login(volunteer_a)
    html = client.post(SCREENING, household_post(wages="21,500"), follow=True).content.decode()
    assert ActivityCounter.objects.get(activity="screening", site=site_a).count == 1
    assert 'name="revise"' in html
    revised = client.post(SCREENING, {**household_post(wages="21,500"), "revise": "1"})
    page = revised.content.decode()
    assert 'value="21,500"' in page and 'id="id_dependents-2-age"' in page
    assert ActivityCounter.objects.get(activity="screening").count == 1  # changing answers is not a screening


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("call her at (559) 555-0100", "phone"),
        ("tel 559.555.0100 evenings", "phone"),
        ("rosa@example.org", "email"),
        ("Lives at 123 Main St, Fresno", "address"),
        ("vive en Calle Reforma 45", "address"),
        ("PO Box 77", "address"),
        ("Has 3 kids, works 40 hours a week", None),
        ("Moved in 2024; 12 months with grandma", None),
    ],
)
def test_notes_catch_contact_details(text, kind):
    assert contact_detail_kind(text) == kind


def test_an_address_in_the_notes_is_refused_and_nothing_typed_is_lost(client, volunteer_a):
    response = _record(client, volunteer_a, notes="Lives at 123 Main St, Fresno", wages="30,000")
    html = response.content.decode()
    assert Household.objects.count() == 0
    assert "This looks like a street address" in html
    assert 'value="30,000"' in html
