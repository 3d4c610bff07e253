"""Federal income tax, CTC/ACTC, ODC and EITC for tax year 2025, as tables with their sources."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intake.eligibility import Status
from tests.intake.households import codes, kid, screen

# --- Federal income tax before credits -------------------------------------------------------------
# Brackets and standard deductions: Rev. Proc. 2024-40 §3.01 / P.L. 119-21 §70102 (std. deduction
# $15,750 / $23,625 / $31,500); additional 65+ amounts RP 24-40 §3.03(3) ($2,000 unmarried, $1,600
# married); senior deduction P.L. 119-21 §70103 ($6,000, −6% of MAGI over $75k/$150k). Exact
# bracket formula, rounded half up.
TAX_CASES = [
    # single, $50,000 wages: TI 34,250 → 1,192.50 + 12% × 22,325 = 3,871.50 → 3,872
    (dict(wages=50000), 3872),
    # MFJ $100,000: TI 68,500 → 2,385 + 12% × 44,650 = 7,743
    (dict(spouse_id="ssn", wages=100000), 7743),
    # HOH $45,000 (a 20-year-old dependent as the qualifying person): TI 21,375 → 1,700 + 12% × 4,375 = 2,225
    (dict(filing_status="head_of_household", dependents=[kid(age=20)], wages=45000), 2225),
    # below the standard deduction: no tax
    (dict(wages=15750), 0),
    # single 70 with a work SSN: 15,750 + 2,000 + 6,000 senior → TI 16,250 → 1,711.50 → 1,712
    (dict(taxpayer_age=70, taxpayer_id="ssn", wages=40000), 1712),
    # single 70 with an ITIN: no senior deduction → TI 22,250 → 2,431.50 → 2,432
    (dict(taxpayer_age=70, taxpayer_id="itin", wages=40000), 2432),
    # senior deduction phased: 6,000 − 6% × 25,000 = 4,500; TI 77,750 → 12,019
    (dict(taxpayer_age=70, taxpayer_id="ssn", wages=100000), 12019),
    # MFJ SSN 70 + ITIN 66: 31,500 + 2 × 1,600 + 6,000 (SSN spouse only) → TI 19,300 → 1,930
    (dict(taxpayer_id="ssn", taxpayer_age=70, spouse_id="itin", spouse_age=66, wages=60000), 1930),
    # self-employment $20,000: SE tax 18,470 × 15.3% = 2,825.91, half deducted → AGI 18,587.05;
    # TI before QBI 2,837.05; QBI (§199A, facts §1.5) = min(20% × 18,587.05, 20% × 2,837.05) =
    # 567.41 → 567; TI 2,270.05 → 227.01 → 227 (SE tax itself is not income tax). Before issue 9
    # the engine had no QBI deduction and said 284.
    (dict(self_employment_income=20000), 227),
    # MFS: the 37% bracket starts at $375,800 (RP 24-40). TI 384,250 → 1,192.50 + 4,386 +
    # 12,072.50 + 22,548 + 17,032 + 43,846.25 + 37% × 8,450 (3,126.50) = 104,203.75
    (dict(filing_status="married_filing_separately", wages=400000), 104204),
]


@pytest.mark.parametrize(("fields", "expected"), TAX_CASES)
def test_it_estimates_federal_income_tax_before_credits(fields, expected):
    assert screen(**fields).federal_income_tax_before_credits == Decimal(expected)


def test_blind_adds_the_additional_standard_deduction():
    data = screen(wages=30000)
    assert data.federal_income_tax_before_credits == Decimal(1472)  # TI 14,250 → 1,471.50 → 1,472
    blind = screen(wages=30000, taxpayer={"id_type": "ssn", "age": 34, "blind": True})
    assert blind.federal_income_tax_before_credits == Decimal(1232)  # TI 12,250 → 1,231.50 → 1,232


# --- Child Tax Credit and Credit for Other Dependents ----------------------------------------------
# $2,200 per child (§24(h)(2)), $1,700 refundable cap (RP 24-40), 15% over $2,500 (§24(d)), $500 ODC,
# phase-out $50 per $1,000 or part over $200k/$400k (§24(b)); worked through Schedule 8812 (2025).
CTC_CASES = [
    # HOH, 2 SSN children, $18,000: no tax; ACTC = min(3,400, 15% × 15,500 = 2,325)
    ("hoh-2-kids-18k", dict(filing_status="head_of_household", dependents=[kid(age=4), kid(age=8)], wages=18000),
     ("eligible", 2325, 2325), ("not_eligible", 0)),
    # HOH $45,000: tax 2,225 non-refundable + ACTC min(2,175, 3,400, 6,375) = 4,400 total
    ("hoh-2-kids-45k", dict(filing_status="head_of_household", dependents=[kid(age=4), kid(age=8)], wages=45000),
     ("eligible", 4400, 2175), ("not_eligible", 0)),
    # one child, $10,000: ACTC 15% × 7,500 = 1,125
    ("1-kid-10k", dict(dependents=[kid()], wages=10000), ("eligible", 1125, 1125), ("not_eligible", 0)),
    # one child, $30,000: tax 1,472 non-refundable; ACTC min(728, 1,700, 4,125) = 728
    ("1-kid-30k", dict(dependents=[kid()], wages=30000), ("eligible", 2200, 728), ("not_eligible", 0)),
    # no income at all: nothing to reduce, nothing to refund
    ("1-kid-0", dict(dependents=[kid()]), ("not_eligible", 0, 0), ("not_eligible", 0)),
    # children 16 and 17: only the 16-year-old is a CTC child; the 17-year-old counts for the ODC
    ("16-and-17", dict(filing_status="head_of_household", dependents=[kid(age=16), kid(age=17)], wages=60000),
     ("eligible", 2200, 0), ("eligible", 500)),
    # phase-out: AGI $200,001 → one $1,000 step → −$50
    ("phase-1-step", dict(dependents=[kid()], wages=200001), ("eligible", 2150, 0), ("not_eligible", 0)),
    # MFJ $420,500, two children: 21 steps → −1,050 → 3,350
    ("mfj-phase", dict(spouse_id="ssn", dependents=[kid(), kid(age=9)], wages=420500), ("eligible", 3350, 0), ("not_eligible", 0)),
    # single $250,000, one child: 50 steps → −2,500 ≥ 2,200: fully phased out
    ("phased-out", dict(dependents=[kid()], wages=250000), ("not_eligible", 0, 0), ("not_eligible", 0)),
    # ITIN-only HOH, two SSN children, $60,000: no CTC; ODC 2 × 500 against tax 2,325
    ("itin-family", dict(filing_status="head_of_household", taxpayer_id="itin", dependents=[kid(), kid(age=8)], wages=60000),
     ("not_eligible", 0, 0), ("eligible", 1000)),
    # ITIN-only HOH, $30,000: tax 637.50 → 638 limits the ODC
    ("itin-family-low-tax", dict(filing_status="head_of_household", taxpayer_id="itin", dependents=[kid(), kid(age=8)], wages=30000),
     ("not_eligible", 0, 0), ("eligible", 638)),
    # mixed-status MFJ (ITIN spouse), 3 SSN children, $4,000: 15% × 1,500 = 225 < FICA 306 − EITC 0
    ("mixed-3-kids-4k", dict(spouse_id="itin", dependents=[kid(), kid(age=8), kid(age=10)], wages=4000),
     ("eligible", 306, 306), ("not_eligible", 0)),
    # same with both SSNs: EITC 1,800 exceeds FICA, so the 15% amount (225) applies
    ("ssn-3-kids-4k", dict(spouse_id="ssn", dependents=[kid(), kid(age=8), kid(age=10)], wages=4000),
     ("eligible", 225, 225), ("not_eligible", 0)),
    # a child with an ITIN: ODC instead of CTC (tax 2,225 at HOH $45,000)
    ("itin-child", dict(filing_status="head_of_household", dependents=[kid("itin", 5)], wages=45000),
     ("not_eligible", 0, 0), ("eligible", 500)),
    # a child who lived with the filer 6 months counts only with the other parent's release (Form
    # 8332): the CTC depends on it (indeterminate); the ODC is $0 either way (with the release the
    # child is a CTC child, without it a dependent of no one here). Before issue 9: ODC "eligible".
    ("six-months", dict(filing_status="head_of_household", dependents=[kid(months_lived_with_filer=6)], wages=45000),
     ("indeterminate", 0, 0), ("not_eligible", 0)),
    # ODC first against the tax: 1 CTC child + 1 ODC, tax 1,472 → ODC 500, CTC 972 + ACTC
    # min(line 16a 1,228, 1,700, 4,125) = 1,228 — the Schedule 8812 total (line 14 + line 27) is 2,700
    ("ctc-and-odc", dict(dependents=[kid(), kid(age=19)], wages=30000), ("eligible", 2200, 1228), ("eligible", 500)),
    # a dependent with no number: not counted for the ODC
    ("no-number", dict(filing_status="head_of_household", dependents=[kid("none", 20)], wages=45000),
     ("not_eligible", 0, 0), ("not_eligible", 0)),
    # self-employed, one child, $30,000 profit: SE tax 27,705 × 15.3% = 4,238.87, AGI 27,880.57,
    # TI before QBI 12,130.57; QBI = min(20% × (30,000 − 2,119.43), 20% × 12,130.57) = 2,426.11 →
    # 2,426; TI 9,704.57 → tax 970.46 → 970; ACTC = min(2,200 − 970, 1,700, 15% × 25,380.57) = 1,230
    ("se-30k", dict(dependents=[kid()], self_employment_income=30000), ("eligible", 2200, 1230), ("not_eligible", 0)),
]


@pytest.mark.parametrize(("name", "fields", "ctc", "odc"), CTC_CASES, ids=[c[0] for c in CTC_CASES])
def test_child_tax_credit_and_odc(name, fields, ctc, odc):
    s = screen(**fields)
    a = s.credits["federal_ctc"]
    assert (a.status.value, int(a.amount), int(a.refundable_amount)) == ctc
    o = s.credits["federal_odc"]
    assert (o.status.value, int(o.amount)) == odc
    assert o.refundable_amount is None


def test_mixed_status_joint_return_gets_the_ctc_with_a_reason():
    s = screen(spouse_id="itin", dependents=[kid()], wages=40000)
    assert s.credits["federal_ctc"].status is Status.ELIGIBLE
    assert "ctc_joint_one_ssn_enough" in codes(s)
    assert s.credits["federal_eitc"].status is Status.NOT_ELIGIBLE  # ITIN spouse: no EITC at all


def test_itin_filer_married_separately_is_told_joint_filing_would_help():
    s = screen(filing_status="married_filing_separately", taxpayer_id="itin", dependents=[kid()], wages=30000)
    ctc = s.credits["federal_ctc"]
    assert ctc.status is Status.NOT_ELIGIBLE
    # No spouse facts on a separate return, so joint filing cannot be screened: it is a question (a
    # reason), not a computed change.
    assert "spouse_files_jointly" in {r.code for r in ctc.reasons}
    assert "ctc_no_filer_work_ssn" in {r.code for r in ctc.reasons}


# --- EITC --------------------------------------------------------------------------------------------
# Rev. Proc. 2024-40 §3.06 (facts §1.3): maxima 649 / 4,328 / 7,152 / 8,046; exact formula.
EITC_CASES = [
    (dict(wages=8490), 649),  # childless maximum
    (dict(wages=10620), 649),  # phase-out start (non-joint)
    (dict(wages=19000), 8),  # 649 − 7.65% × 8,380 = 7.93
    (dict(wages=19104), 0),  # end of range per facts
    (dict(filing_status="head_of_household", dependents=[kid()], wages=12730), 4328),
    (dict(filing_status="head_of_household", dependents=[kid()], wages=23350), 4328),
    # exact formula: 4,328 − 15.98% × 6,650 = 3,265.33 (the $50-band table gives 3,261)
    (dict(filing_status="head_of_household", dependents=[kid()], wages=30000), 3265),
    (dict(filing_status="head_of_household", dependents=[kid()], wages=50434), 0),
    (dict(filing_status="head_of_household", dependents=[kid(), kid(age=8)], wages=17880), 7152),
    # 7,152 − 21.06% × 21,650 = 2,592.51
    (dict(filing_status="head_of_household", dependents=[kid(), kid(age=8)], wages=45000), 2593),
    (dict(filing_status="head_of_household", dependents=[kid(), kid(age=8), kid(age=10)], wages=17880), 8046),
    (dict(spouse_id="ssn", dependents=[kid(), kid(age=8), kid(age=10)], wages=30470), 8046),
    (dict(spouse_id="ssn", dependents=[kid(), kid(age=8), kid(age=10)], wages=68675), 0),
    (dict(spouse_id="ssn", wages=17730), 649),  # MFJ childless phase-out start
    # students: a 23-year-old full-time student counts, a 23-year-old non-student does not
    (dict(filing_status="head_of_household", dependents=[kid(age=23, full_time_student=True)], wages=12730), 4328),
    # not a qualifying child: childless EITC, 649 − 7.65% × 2,110 = 487.59
    (dict(filing_status="head_of_household", dependents=[kid(age=23)], wages=12730), 488),
    (dict(filing_status="head_of_household", dependents=[kid(age=19, full_time_student=True)], wages=12730), 4328),
    (dict(filing_status="head_of_household", dependents=[kid(age=30, permanently_disabled=True)], wages=12730), 4328),
    # investment income either side of $11,950 (AGI includes it: 5,000 wages + 11,950 = 16,950).
    # Childless: §32(a)(1) 7.65% × 5,000 = 382.50; §32(a)(2) cap 649 − 7.65% × (16,950 − 10,620) =
    # 164.76; credit 165 (before issue 9 the engine took 382.50 − 484.25 and said 0)
    (dict(wages=5000, investment_income=11950), 165),
    (dict(filing_status="head_of_household", dependents=[kid()], wages=5000, investment_income=11950), 1700),
    (dict(filing_status="head_of_household", dependents=[kid()], wages=5000, investment_income=11951), 0),
    # SE $20,000: earned 18,587.05 → 649 − 7.65% × 7,967.05 = 39.52
    (dict(self_employment_income=20000), 40),
    # SSN filer whose child has an ITIN: childless EITC
    (dict(filing_status="head_of_household", dependents=[kid("itin")], wages=8490), 649),
]


@pytest.mark.parametrize(("fields", "expected"), EITC_CASES)
def test_earned_income_tax_credit(fields, expected):
    a = screen(**fields).credits["federal_eitc"]
    assert int(a.amount) == expected
    assert a.status is (Status.ELIGIBLE if expected else Status.NOT_ELIGIBLE)
    if expected:
        assert a.refundable_amount == a.amount


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        (dict(taxpayer_id="itin", wages=10000), "eitc_filer_no_work_ssn"),
        (dict(taxpayer_id="ssn_not_valid_for_employment", wages=10000), "eitc_filer_no_work_ssn"),
        (dict(spouse_id="itin", dependents=[kid()], wages=20000), "eitc_filer_no_work_ssn"),
        (dict(taxpayer_age=24, wages=8000), "eitc_childless_age"),
        (dict(taxpayer_age=65, wages=8000), "eitc_childless_age"),
        (dict(filing_status="married_filing_separately", wages=8000), "eitc_mfs_no_child"),
        (dict(), "eitc_no_earned_income"),
        (dict(self_employment_income=-5000, wages=3000), "eitc_no_earned_income"),
        (dict(wages=30000), "eitc_income_too_high"),
    ],
)
def test_eitc_not_eligible_reasons(fields, code):
    a = screen(**fields).credits["federal_eitc"]
    assert a.status is Status.NOT_ELIGIBLE
    assert a.amount == 0
    assert code in {r.code for r in a.reasons}


def test_eitc_collects_every_reason_not_just_the_first():
    a = screen(taxpayer_id="itin", taxpayer_age=22, wages=5000, investment_income=20000).credits["federal_eitc"]
    assert {"eitc_filer_no_work_ssn", "eitc_investment_income_over_limit", "eitc_childless_age"} <= {
        r.code for r in a.reasons
    }


def test_married_separately_with_a_child_asks_the_separation_question():
    a = screen(filing_status="married_filing_separately", dependents=[kid()], wages=15000).credits["federal_eitc"]
    assert a.status is Status.INDETERMINATE
    assert a.amount == 0
    assert a.reasons[0].code == "eitc_mfs_separation_question"
    assert "$4,328" in str(a.reasons[0].message)
    assert "mfs_separated_spouse" in {r.code for r in a.reasons}  # a question: no field to edit


def test_three_children_married_separately_makes_the_actc_depend_on_the_eitc():
    s = screen(filing_status="married_filing_separately", dependents=[kid(), kid(age=8), kid(age=10)], wages=4000)
    assert s.credits["federal_ctc"].status is Status.INDETERMINATE
    assert s.credits["federal_ctc"].amount == 0
