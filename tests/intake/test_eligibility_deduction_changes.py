"""What would change a deduction: computed by screening again, like the credits' changes (issue 9).

Figures from facts §1.4 / §1A.6 (the same for TY2025 and TY2026, none is indexed): senior $6,000
per filer 65+ with a work SSN, −6% of MAGI over $75,000 / $150,000 joint; tips up to $25,000 and
overtime up to $12,500 / $25,000 joint, −$100 per $1,000 over $150,000 / $300,000 joint; car-loan
interest has no SSN rule.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.eligibility import assess, parse_household
from tests.intake.households import household, kid
from tests.intake.test_eligibility_changes import _apply
from tests.intake.test_eligibility_properties import households

YEARS = [2025, 2026]


def _deductions(data: dict) -> dict:
    return assess(parse_household(data)).as_dict()["deductions"]


def _changes(data: dict, key: str) -> list[tuple[frozenset, int, str, str]]:
    return [
        (frozenset((e["path"], e["value"]) for e in c["scenario"]), c["amount_after"], c["code"], c["citation"])
        for c in _deductions(data)[key]["changes"]
    ]


def _filer(id_type: str, age: int = 34, **extra) -> dict:
    return {"id_type": id_type, "age": age, **extra}


TP_SSN = ("taxpayer.id_type", "ssn")
SP_SSN = ("spouse.id_type", "ssn")


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(
    ("wages", "expected"),
    [
        (30000, 6000),  # below the $75,000 start: the full $6,000
        (90000, 5100),  # 6,000 − 6% × (90,000 − 75,000) = 6,000 − 900
        (175000, 0),  # 6,000 − 6% × 100,000 < 0: nothing to gain, nothing listed
    ],
)
def test_an_itin_senior_is_told_what_an_ssn_would_give(year, wages, expected):
    data = household(tax_year=year, taxpayer=_filer("itin", 70), wages=wages)
    found = _changes(data, "senior")
    if expected:
        assert found == [(frozenset({TP_SSN}), expected, "deduction_filer_ssn_before_due_date", "IRC §151(d)(5)(C); P.L. 119-21 §70103")]
    else:
        assert found == []


@pytest.mark.parametrize("year", YEARS)
def test_two_itin_seniors_each_and_together(year):
    # MFJ, AGI 40,000 < 150,000: $6,000 for each senior who receives an SSN, $12,000 for both
    data = household(tax_year=year, filing_status="married_filing_jointly",
                     taxpayer=_filer("itin", 67), spouse=_filer("itin", 66), wages=40000)
    assert sorted((paths, amount, code) for paths, amount, code, _ in _changes(data, "senior")) == [
        (frozenset({TP_SSN}), 6000, "deduction_filer_ssn_before_due_date"),
        (frozenset({SP_SSN}), 6000, "deduction_filer_ssn_before_due_date"),
        (frozenset({TP_SSN, SP_SSN}), 12000, "deduction_combined_changes"),
    ]


@pytest.mark.parametrize("year", YEARS)
def test_tips_open_on_a_joint_return_with_an_itin_spouse_are_settled_by_the_spouses_ssn(year):
    # The earner has an SSN, the spouse an ITIN: [U] facts §1.4, so the deduction is indeterminate
    # today; with the spouse's SSN both readings agree on the $8,000 (AGI 60,000 < 300,000).
    data = household(tax_year=year, filing_status="married_filing_jointly",
                     taxpayer=_filer("ssn", qualified_tips=8000), spouse=_filer("itin"), wages=60000)
    today = _deductions(data)["tips"]
    assert (today["status"], today["amount"]) == ("indeterminate", 0)
    assert _changes(data, "tips") == [(frozenset({SP_SSN}), 8000, "deduction_filer_ssn_before_due_date", "IRC §224 as added by P.L. 119-21 §70201")]


@pytest.mark.parametrize("year", YEARS)
def test_overtime_of_an_itin_filer_up_to_the_cap(year):
    # single: the $12,500 cap on a $14,000 premium (AGI 50,000 < 150,000)
    data = household(tax_year=year, taxpayer=_filer("itin", qualified_overtime=14000), wages=50000)
    assert _changes(data, "overtime") == [(frozenset({TP_SSN}), 12500, "deduction_filer_ssn_before_due_date", "IRC §225 as added by P.L. 119-21 §70202")]


@pytest.mark.parametrize("year", YEARS)
def test_tips_of_an_itin_filer_phased_out(year):
    # single, tips 10,000, wages 170,000: 10,000 − 10% × (170,000 − 150,000) = 8,000
    data = household(tax_year=year, taxpayer=_filer("itin", qualified_tips=10000), wages=170000)
    assert [(p, a) for p, a, _, _ in _changes(data, "tips")] == [(frozenset({TP_SSN}), 8000)]


@pytest.mark.parametrize("year", YEARS)
def test_nothing_is_suggested_where_no_id_changes_the_deduction(year):
    # car-loan interest has no SSN rule: an ITIN filer already gets it, no edit moves it
    data = household(tax_year=year, taxpayer=_filer("itin"), wages=40000, car_loan_interest=5000)
    d = _deductions(data)["car_loan_interest"]
    assert (d["amount"], d["changes"]) == (5000, [])
    # married filing separately: none of the Schedule 1-A deductions, and the spouse is not recorded
    mfs = household(tax_year=year, filing_status="married_filing_separately", taxpayer=_filer("itin", 70), wages=30000)
    assert _changes(mfs, "senior") == []
    # an SSN senior is already at the best; a child's SSN never moves a deduction
    best = household(tax_year=year, taxpayer=_filer("ssn", 70), dependents=[kid("itin", 5)], wages=30000)
    assert all(d["changes"] == [] for d in _deductions(best).values())


@pytest.mark.parametrize("year", YEARS)
def test_a_deduction_change_reads_in_spanish_too(year):
    from django.utils import translation

    data = household(tax_year=year, taxpayer=_filer("itin", 70), wages=30000)
    change = assess(parse_household(data)).deductions["senior"].changes[0]
    with translation.override("en"):
        english = str(change.message)
    with translation.override("es"):
        spanish = str(change.message)
    assert "this deduction would be $6,000" in english
    assert "esta deducción sería de" in spanish


@st.composite
def households_with_deductions(draw):
    """The property households plus ages 65+, tips, overtime and car-loan interest (part of wages)."""
    data = draw(households())
    for filer in filter(None, (data["taxpayer"], data["spouse"])):
        if draw(st.booleans()):
            filer["age"] = draw(st.integers(65, 90))
        share = data["wages"] // 2
        filer["qualified_tips"] = draw(st.sampled_from([0, share // 2, min(share, 30000)]))
        left = share - filer["qualified_tips"]  # each filer's tips + overtime ≤ half the wages
        filer["qualified_overtime"] = draw(st.sampled_from([0, left // 3, min(left, 15000)]))
    if draw(st.booleans()):
        data["car_loan_interest"] = draw(st.integers(0, 12000))
    return data


@settings(max_examples=200, deadline=None)
@given(households_with_deductions(), st.sampled_from(YEARS))
def test_applying_any_listed_deduction_scenario_gives_exactly_amount_after(data, year):
    data["tax_year"] = year
    screened = assess(parse_household(data)).as_dict()
    for key, deduction in screened["deductions"].items():
        for change in deduction["changes"]:
            assert change["scenario"] and change["amount_after"] > deduction["amount"], change
            again = assess(parse_household(_apply(data, change["scenario"]))).as_dict()
            assert again["deductions"][key]["amount"] == change["amount_after"], (key, change)
            assert all(e["path"] in ("taxpayer.id_type", "spouse.id_type") and e["value"] == "ssn"
                       for e in change["scenario"])
        # car-loan interest has no ID rule, so nothing can change it
        if key == "car_loan_interest":
            assert deduction["changes"] == []
