"""CalEITC, Young Child Tax Credit and Foster Youth Tax Credit for tax year 2025."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intake.eligibility import Status
from intake.eligibility.curves import california_curve
from tests.intake.households import codes, kid, screen

# CalEITC: peak incomes 4,661 / 6,998 / 9,823 / 9,823 and 85% of the federal rates (facts §2.1, PE
# earned_income_amount.yaml); maxima 303 / 2,022 / 3,340 / 3,757 as the facts file computes them [U].
# The floor (251 / 635) is [U]: amounts on the final segment carry ca_eitc_estimate_uncertain.
CALEITC_CASES = [
    (dict(wages=4661), 0, 303, False),  # 4,661 × 7.65% × 0.85 = 303.08
    (dict(dependents=[kid()], wages=6998), 1, 2022, False),  # 6,998 × 28.9% = 2,022.42
    (dict(dependents=[kid(), kid(age=8)], wages=9823), 2, 3340, False),  # 9,823 × 34% = 3,339.82
    (dict(dependents=[kid(), kid(age=8), kid(age=10)], wages=9823), 3, 3757, False),  # × 38.25% = 3,757.30
    (dict(wages=1000), 0, 65, False),  # phase-in 1,000 × 6.5025% = 65.03
    (dict(dependents=[kid()], wages=8000), 1, 1733, False),  # 2,022.42 − 28.9% × 1,002 = 1,732.85
    # final segment: 635 × (32,901 − 18,000) / (32,901 − 17,778.35) = 625.69
    (dict(dependents=[kid(), kid(age=8)], wages=18000), 2, 626, True),
    (dict(wages=8490), 0, 223, True),  # 251 × 24,411 / 27,439.1 = 223.29
    (dict(wages=32900), 0, 0, None),  # rounds to $0 one dollar below the limit
    # ITIN-only family: California counts the ITIN filer and the ITIN child
    (dict(taxpayer_id="itin", dependents=[kid("itin")], wages=6998), 1, 2022, False),
    # a filer with an SSN not valid for work counts too
    (dict(taxpayer_id="ssn_not_valid_for_employment", wages=4661), 0, 303, False),
    # an ATIN child does not count (figured as no child)
    (dict(dependents=[kid("atin")], wages=4661), 0, 303, False),
]


@pytest.mark.parametrize(("fields", "children", "expected", "uncertain"), CALEITC_CASES)
def test_caleitc_amounts(fields, children, expected, uncertain):
    s = screen(**fields)
    a = s.credits["ca_eitc"]
    assert int(a.amount) == expected
    if expected:
        assert a.status is Status.ELIGIBLE
        assert ("ca_eitc_estimate_uncertain" in {r.code for r in a.reasons}) is uncertain


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        (dict(wages=10000, state="NV"), "ca_not_resident"),
        (dict(filing_status="married_filing_separately", wages=10000), "ca_married_filing_separately"),
        (dict(taxpayer_id="none", wages=10000), "ca_filer_no_ssn_or_itin"),
        (dict(spouse_id="none", wages=10000), "ca_filer_no_ssn_or_itin"),
        (dict(taxpayer_age=17, wages=10000), "ca_eitc_min_age"),
        (dict(wages=10000, investment_income=4815), "ca_investment_income_over_limit"),
        (dict(), "ca_no_earned_income"),
        (dict(wages=32901), "ca_income_too_high"),
        (dict(wages=20000, other_income=13000), "ca_income_too_high"),  # AGI over the limit
    ],
)
def test_caleitc_not_eligible(fields, code):
    a = screen(**fields).credits["ca_eitc"]
    assert a.status is Status.NOT_ELIGIBLE
    assert a.amount == 0
    assert code in {r.code for r in a.reasons}


def test_investment_income_at_the_california_limit_is_allowed():
    assert screen(wages=4661, investment_income=4814).credits["ca_eitc"].status is Status.ELIGIBLE


# YCTC: $1,189, −$21.71 per $100 or part over $27,425 (R&TC §17052.1; facts §2.2).
YCTC_CASES = [
    (dict(dependents=[kid(age=5)], wages=10000), 1189),
    (dict(dependents=[kid(age=6)], wages=10000), 0),  # 6 is too old
    (dict(dependents=[kid(age=5)], wages=27425), 1189),
    (dict(dependents=[kid(age=5)], wages=27426), 1167),  # one (partial) step: 1,167.29
    (dict(dependents=[kid(age=5)], wages=27525), 1167),  # exactly one step
    (dict(dependents=[kid(age=5)], wages=28000), 1059),  # 6 steps: 1,058.74
    (dict(dependents=[kid(age=5)], wages=32800), 17),  # 54 steps × 21.71 = 1,172.34 → 16.66
    (dict(dependents=[kid(age=5)], wages=32901), 0),
    (dict(taxpayer_id="itin", spouse_id="itin", dependents=[kid("itin", 0)], wages=15000), 1189),
    (dict(dependents=[kid("atin", 2)], wages=15000), 0),
    (dict(dependents=[kid(age=2)]), 1189),  # zero earnings rule
    (dict(dependents=[kid(age=2)], self_employment_income=-20000), 1189),
    (dict(dependents=[kid(age=2)], self_employment_income=-35641), 0),
    (dict(filing_status="married_filing_separately", dependents=[kid(age=2)], wages=10000), 0),
]


@pytest.mark.parametrize(("fields", "expected"), YCTC_CASES)
def test_young_child_tax_credit(fields, expected):
    a = screen(**fields).credits["ca_yctc"]
    assert int(a.amount) == expected
    assert a.status is (Status.ELIGIBLE if expected else Status.NOT_ELIGIBLE)


def test_fytc_only_when_a_filer_says_foster_youth():
    plain = screen(wages=10000).credits["ca_fytc"]
    assert plain.status is Status.NOT_ELIGIBLE
    assert plain.reasons[0].code == "fytc_no_foster_youth"
    foster = screen(taxpayer={"id_type": "itin", "age": 20, "foster_youth": True}, wages=10000).credits["ca_fytc"]
    assert (foster.status, foster.amount) == (Status.ELIGIBLE, Decimal(1189))
    assert "fytc_rules_unconfirmed" in {r.code for r in foster.reasons}  # [U] eligibility rules
    both = screen(
        taxpayer={"id_type": "ssn", "age": 22, "foster_youth": True},
        spouse={"id_type": "itin", "age": 25, "foster_youth": True},
        filing_status="married_filing_jointly",
        wages=28000,
    ).credits["ca_fytc"]
    assert both.amount == Decimal(2 * 1059)


@pytest.mark.parametrize(
    ("filer", "fields", "code"),
    [
        ({"id_type": "ssn", "age": 26, "foster_youth": True}, dict(wages=10000), "fytc_age"),
        ({"id_type": "ssn", "age": 20, "foster_youth": True}, dict(), "fytc_needs_caleitc"),
        ({"id_type": "ssn", "age": 20, "foster_youth": True}, dict(wages=40000), "ca_income_too_high"),
    ],
)
def test_fytc_not_eligible(filer, fields, code):
    a = screen(taxpayer=filer, **fields).credits["ca_fytc"]
    assert a.status is Status.NOT_ELIGIBLE
    assert code in {r.code for r in a.reasons}


def test_itin_family_is_told_california_accepts_itins():
    s = screen(filing_status="head_of_household", taxpayer_id="itin", dependents=[kid("itin", 3)], wages=12000)
    assert "ca_itin_accepted" in codes(s)
    assert s.credits["federal_eitc"].status is Status.NOT_ELIGIBLE
    assert s.credits["ca_eitc"].status is Status.ELIGIBLE
    assert s.credits["ca_yctc"].amount == Decimal(1189)


def test_california_curve_runs_from_zero_to_the_limit():
    points = california_curve(2025, 1, step=500)
    assert points[0] == (0, Decimal(0), Decimal(1189))
    assert points[-1] == (32901, Decimal(0), Decimal(0))
    assert max(p[1] for p in points) <= Decimal(2023)
    assert all(p[2] == 0 for p in california_curve(2025, 1, young_child=False))
    assert all(p[2] == 0 for p in california_curve(2025, 0))
    # the curve agrees with the engine at every point
    for earned, caleitc, yctc in points[1:-1:7]:
        s = screen(dependents=[kid(age=3)], wages=earned)
        assert (s.credits["ca_eitc"].amount, s.credits["ca_yctc"].amount) == (caleitc, yctc)


def test_california_curve_rejects_a_bad_step():
    with pytest.raises(ValueError):
        california_curve(2025, 1, step=0)


@pytest.mark.parametrize(
    ("children", "maximum"),
    [
        # Peak earned income × federal phase-in rate × 0.85 (facts §2.1: $4,661×7.65%, $6,998×34%,
        # $9,823×40%, $9,823×45%, each × 0.85), rounded to whole dollars.
        (0, 303),
        (1, 2022),
        (2, 3340),
        (3, 3757),
    ],
)
def test_california_curve_reaches_the_real_maximum(children, maximum):
    assert max(point[1] for point in california_curve(2025, children, step=500)) == maximum
