"""The dollar figures a volunteer reads on the results pages, for fixed households.

Every expected figure is worked out by hand from the tax year 2025 parameters and their statutes
(the arithmetic is beside each one), never copied from the program. Figures are found by the
template's stable markers (tests/figures.py), so a restyle that keeps the markers keeps the tests.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from intake.eligibility import assess
from intake.services import household_open
from tests.figures import figures_on
from tests.intake.conftest import household_post

pytestmark = pytest.mark.django_db

FEDERAL = ("federal_ctc", "federal_odc", "federal_eitc")
CALIFORNIA = ("ca_eitc", "ca_yctc", "ca_fytc")


def _open(site, user, *, taxpayer_id="ssn", wages, kids):
    values = {
        "tax_year": 2025,
        "filing_status": "head_of_household",
        "taxpayer_id_type": taxpayer_id,
        "taxpayer_age": 34,
        "wages": wages,
        "language": "en",
        "nickname": "",
        "notes": "",
    }
    dependents = [{"id_type": id_type, "age": age, "months_lived_with_filer": 12} for id_type, age in kids]
    return household_open(site=site, user=user, values=values, dependents=dependents)


def _shown(client, household):
    response = client.get(household.get_absolute_url())
    assert response.status_code == 200
    return figures_on(response.content.decode())


def test_two_ssn_children_at_45000_show_the_ctc_its_refundable_part_the_eitc_and_the_totals(
    client, site_a, volunteer_a
):
    # Head of household, SSN filer, SSN children 4 and 8, wages $45,000, tax year 2025.
    # Tax: 45,000 − 23,625 (HOH standard deduction, §63(c)) = 21,375 taxable;
    #      10% × 17,000 + 12% × 4,375 = 1,700 + 525 = 2,225.
    # CTC: 2 × 2,200 = 4,400 (§24(h)(2)); 2,225 against the tax, 2,175 left (8812 line 16a);
    #      ACTC = min(2,175, 2 × 1,700, 15% × (45,000 − 2,500) = 6,375) = 2,175 refundable.
    # EITC (2 children): 7,152 − 21.06% × (45,000 − 23,350) = 7,152 − 4,559.49 = 2,592.51 → 2,593.
    # California: earned income over $32,901 → CalEITC, YCTC, FYTC 0.
    household = _open(site_a, volunteer_a, wages=45000, kids=[("ssn", 4), ("ssn", 8)])
    client.force_login(volunteer_a)
    shown = _shown(client, household)
    assert shown.amount("federal_ctc") == 4400 and shown.refundable("federal_ctc") == 2175
    assert shown.amount("federal_odc") == 0
    assert shown.amount("federal_eitc") == 2593
    assert [shown.amount(key) for key in CALIFORNIA] == [0, 0, 0]
    assert shown.totals == {"total-federal": 6993, "total-california": 0, "total": 6993, "tax-before-credits": 2225}


def test_the_odc_counts_in_the_totals_and_the_actc_cap_binds_on_the_page(client, site_a, volunteer_a):
    # Head of household, SSN filer, an SSN child of 4 and an ITIN child of 9, wages $33,025, 2025.
    # Tax: 33,025 − 23,625 = 9,400 taxable; 10% = 940.
    # ODC: the ITIN child misses the CTC (no SSN) and gets $500 (§24(h)(4)); applied first: 500.
    # CTC: 2,200 for the SSN child; 940 − 500 = 440 against the tax; 2,200 − 440 = 1,760 left;
    #      ACTC = min(1,760, 1 × 1,700, 15% × 30,525 = 4,578.75) = 1,700 (the per-child cap binds).
    #      CTC shown: 440 + 1,700 = 2,140, of which refundable 1,700.
    # EITC (1 SSN child): 4,328 − 15.98% × (33,025 − 23,350) = 4,328 − 1,546.07 = 2,781.94 → 2,782.
    # Federal total 2,140 + 500 + 2,782 = 5,422. California: earned income ≥ $32,901 → 0.
    household = _open(site_a, volunteer_a, wages=33025, kids=[("ssn", 4), ("itin", 9)])
    client.force_login(volunteer_a)
    shown = _shown(client, household)
    assert shown.amount("federal_ctc") == 2140 and shown.refundable("federal_ctc") == 1700
    assert shown.amount("federal_odc") == 500 and shown.refundable("federal_odc") is None
    assert shown.amount("federal_eitc") == 2782
    assert shown.totals == {"total-federal": 5422, "total-california": 0, "total": 5422, "tax-before-credits": 940}


def test_an_itin_family_sees_the_california_credits_and_their_total(client, site_a, volunteer_a):
    # Head of household, ITIN filer, an ITIN child of 3, wages $6,998, 2025.
    # Federal: no filer with a work SSN → no CTC, no EITC; ODC $500 but no tax to use it on → 0.
    # CalEITC (1 child, at the peak $6,998): 6,998 × 34% × 0.85 = 2,022.42 → 2,022, all refundable.
    # YCTC: a child under 6 and CalEITC allowed, earned income under $27,425 → 1,189.
    # California total 2,022 + 1,189 = 3,211.
    household = _open(site_a, volunteer_a, taxpayer_id="itin", wages=6998, kids=[("itin", 3)])
    client.force_login(volunteer_a)
    shown = _shown(client, household)
    assert [shown.amount(key) for key in FEDERAL] == [0, 0, 0]
    assert shown.amount("ca_eitc") == 2022 and shown.refundable("ca_eitc") == 2022
    assert shown.amount("ca_yctc") == 1189 and shown.refundable("ca_yctc") == 1189
    assert shown.amount("ca_fytc") == 0
    assert shown.totals == {"total-federal": 0, "total-california": 3211, "total": 3211, "tax-before-credits": 0}


def test_the_page_shows_the_engines_figures_in_spanish_too(client, site_a, volunteer_a):
    household = _open(site_a, volunteer_a, wages=33025, kids=[("ssn", 4), ("itin", 9)])
    client.force_login(volunteer_a)
    client.post(reverse("set_language"), {"language": "es"})
    response = client.get(household.get_absolute_url())
    assert 'lang="es"' in response.content.decode()
    shown = figures_on(response.content.decode())
    assert shown.amount("federal_ctc") == 2140 and shown.refundable("federal_ctc") == 1700
    assert shown.totals["total"] == 5422


def test_anonymous_screening_shows_each_credit_and_totals_that_add_up(client, volunteer_a):
    # Whatever the tax year the form screens, the page must show the engine's amount on each card,
    # the refundable part where there is one, and column totals that are the sums of the eligible
    # cards shown — the ODC included.
    client.force_login(volunteer_a)
    post = household_post(
        filing_status="head_of_household", spouse_id_type="", spouse_age="", wages="33,025", language="en",
        **{"dependents-TOTAL_FORMS": "2", "dependents-1-id_type": "itin", "dependents-1-age": "9"},
    )
    for key in [k for k in post if k.startswith("dependents-2-")]:
        del post[key]
    response = client.post(reverse("intake:screening"), post, follow=True)
    assert response.status_code == 200
    shown = figures_on(response.content.decode())
    screening = assess(response.context["facts"])
    assert screening.credits["federal_odc"].amount > 0, "the household must have an ODC for this test to mean anything"
    for key, assessment in screening.credits.items():
        assert shown.amount(key) == int(assessment.amount), key
        if assessment.refundable_amount is not None and assessment.amount:
            assert shown.refundable(key) == int(assessment.refundable_amount), key
    eligible = {key for key, a in screening.credits.items() if a.status.value == "eligible"}
    assert shown.totals["total-federal"] == sum(shown.amount(k) for k in FEDERAL if k in eligible)
    assert shown.totals["total-california"] == sum(shown.amount(k) for k in CALIFORNIA if k in eligible)
    assert shown.totals["total"] == shown.totals["total-federal"] + shown.totals["total-california"]
