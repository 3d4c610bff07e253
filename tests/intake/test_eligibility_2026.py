"""Tax year 2026, the 2025-law deductions, the correctness fixes of issue 9, for both years.

Every expected figure is worked by hand from the statute, the IRS/FTB worksheets and the facts
file (summarised in docs/legal-sources.md, cited as "facts §…"); none is copied from the engine's
output. These households are not in any other test: they are the independent check.
"""

from __future__ import annotations

import importlib
import types
from decimal import Decimal

import pytest

from intake.eligibility import HouseholdError, Status, assess, parse_household
from intake.eligibility import params as params_package
from intake.eligibility.facts import Dependent, Filer, FilingStatus, Household, IdType
from tests.intake.households import codes, household, kid, screen


def screen26(**fields):
    return screen(tax_year=2026, **fields)


def filer(id_type="ssn", age=34, **extra):
    return {"id_type": id_type, "age": age, **extra}


# --- Federal income tax, TY2026 (facts §1A.1 standard deduction, §1A.2 brackets) -------------------
TAX_2026 = [
    # single $60,000: TI 60,000 − 16,100 = 43,900 → 10% × 12,400 = 1,240 + 12% × 31,500 = 3,780 → 5,020
    (dict(wages=60000), 5020),
    # MFJ $100,000: TI 67,800 → 2,480 + 12% × (67,800 − 24,800 = 43,000) = 5,160 → 7,640
    (dict(spouse_id="ssn", wages=100000), 7640),
    # HOH $50,000 (a 20-year-old dependent): TI 25,850 → 1,770 + 12% × 8,150 = 978 → 2,748
    (dict(filing_status="head_of_household", dependents=[kid(age=20)], wages=50000), 2748),
    # single 70 with a work SSN, $40,000: 16,100 + 2,050 (65+) + 6,000 senior → TI 15,850 →
    # 1,240 + 12% × 3,450 = 414 → 1,654
    (dict(taxpayer_age=70, wages=40000), 1654),
    # MFS $400,000: TI 383,900 → 1,240 + 12% × 38,000 (4,560) + 22% × 55,300 (12,166) + 24% × 96,075
    # (23,058) + 32% × 54,450 (17,424) + 35% × 127,675 (44,686.25) = 103,134.25 → 103,134
    (dict(filing_status="married_filing_separately", wages=400000), 103134),
    # blind single $30,000: 16,100 + 2,050 → TI 11,850 → 1,185
    (dict(taxpayer=filer(blind=True), wages=30000), 1185),
]


@pytest.mark.parametrize(("fields", "expected"), TAX_2026)
def test_federal_income_tax_2026(fields, expected):
    assert screen26(**fields).federal_income_tax_before_credits == Decimal(expected)


# --- EITC when AGI is above earned income, IRC §32(a)(1)–(2), both years (facts §1.3, §1A.4) ----------
EITC_AGI = [
    # facts §1.3 worked example, TY2025 HOH one child, wages 12,000 + other 15,000: phase-in
    # 34% × 12,000 = 4,080; cap 4,328 − 15.98% × (27,000 − 23,350) = 3,744.73 → 3,745
    (2025, dict(filing_status="head_of_household", dependents=[kid()], wages=12000, other_income=15000), 3745),
    # same household TY2026: cap 4,427 − 15.98% × (27,000 − 23,890) = 3,930.02 → 3,930
    (2026, dict(filing_status="head_of_household", dependents=[kid()], wages=12000, other_income=15000), 3930),
    # TY2025 MFJ two children, wages 10,000 + unemployment 25,000: phase-in 40% × 10,000 = 4,000;
    # cap 7,152 − 21.06% × (35,000 − 30,470) = 6,197.98; credit 4,000 (the old formula gave 3,046)
    (2025, dict(spouse_id="ssn", dependents=[kid(), kid(age=8)], wages=10000, other_income=25000), 4000),
    # TY2026 same: cap 7,316 − 21.06% × (35,000 − 31,160) = 6,507.30; credit 4,000
    (2026, dict(spouse_id="ssn", dependents=[kid(), kid(age=8)], wages=10000, other_income=25000), 4000),
    # TY2026 HOH two children, wages 30,000: 7,316 − 21.06% × 6,110 = 6,029.23 → 6,029
    (2026, dict(filing_status="head_of_household", dependents=[kid(), kid(age=8)], wages=30000), 6029),
    # TY2026 one child at the earned income amount: 34% × 13,020 = 4,426.80 → 4,427 (max $4,427)
    (2026, dict(filing_status="head_of_household", dependents=[kid()], wages=13020), 4427),
    # TY2026 childless 30-year-old, wages 6,000 + interest 9,000: 7.65% × 6,000 = 459; cap
    # 664 − 7.65% × (15,000 − 10,860) = 347.29 → 347
    (2026, dict(wages=6000, investment_income=9000), 347),
    # TY2026 investment income 12,201 is over the $12,200 limit
    (2026, dict(filing_status="head_of_household", dependents=[kid()], wages=5000, investment_income=12201), 0),
]


@pytest.mark.parametrize(("year", "fields", "expected"), EITC_AGI)
def test_eitc_uses_the_smaller_of_the_phase_in_and_the_agi_cap(year, fields, expected):
    a = screen(tax_year=year, **fields).credits["federal_eitc"]
    assert int(a.amount) == expected


# --- CalEITC on AGI (FTB 3514 worksheet, facts §2.1) --------------------------------------------------
def test_caleitc_takes_the_smaller_of_the_credit_on_earned_income_and_on_agi():
    # TY2025, one ITIN child, ITIN filer, wages 6,000 + other 4,000. Rate 34% × 0.85 = 28.9%.
    # On earned income: 6,000 × 28.9% = 1,734. On AGI 10,000 (past the 6,998 peak, before the final
    # segment at 11,798.77): 6,998 × 28.9% − 28.9% × 3,002 = 2,022.42 − 867.58 = 1,154.84 → 1,155.
    s = screen(taxpayer_id="itin", filing_status="head_of_household", dependents=[kid("itin")], wages=6000, other_income=4000)
    assert int(s.credits["ca_eitc"].amount) == 1155
    # AGI equal to earned income: the first figure stands
    s = screen(taxpayer_id="itin", filing_status="head_of_household", dependents=[kid("itin")], wages=6000)
    assert int(s.credits["ca_eitc"].amount) == 1734


# --- QBI, §199A (facts §1.5) ----------------------------------------------------------------------------
def test_qbi_lowers_the_tax_of_a_self_employed_filer_2026():
    # single, SE profit 40,000: net 36,940; SE tax 15.3% = 5,651.82; half 2,825.91; AGI 37,174.09;
    # TI before QBI 21,074.09; QBI min(20% × 37,174.09, 20% × 21,074.09) = 4,214.82 → 4,215;
    # TI 16,859.09 → 1,240 + 12% × 4,459.09 = 1,775.09 → 1,775
    s = screen26(self_employment_income=40000)
    assert s.deductions["qbi"].status is Status.ELIGIBLE
    assert int(s.deductions["qbi"].amount) == 4215
    assert s.federal_income_tax_before_credits == Decimal(1775)


def test_qbi_2026_minimum_of_400():
    # wages 20,000 + SE 1,500: net 1,385.25; SE tax 211.94; half 105.97; QBI 1,394.03 (≥ $1,000);
    # AGI 21,394.03; TI before 5,294.03; 20% × QBI = 278.81 < $400 → $400; TI 4,894.03 → 489.40 → 489
    s = screen26(wages=20000, self_employment_income=1500)
    assert int(s.deductions["qbi"].amount) == 400
    assert "qbi_minimum_uncertain" in codes(s)
    assert s.federal_income_tax_before_credits == Decimal(489)
    # TY2025 has no minimum: 278.81 → 279; TI 21,394.03 − 15,750 − 279 = 5,365.03 → 536.50 → 537
    s = screen(wages=20000, self_employment_income=1500)
    assert int(s.deductions["qbi"].amount) == 279
    assert s.federal_income_tax_before_credits == Decimal(537)


def test_qbi_above_the_threshold_is_indeterminate_and_the_tax_says_so():
    s = screen(self_employment_income=300000)
    assert s.deductions["qbi"].status is Status.INDETERMINATE
    assert s.deductions["qbi"].amount == 0
    assert "qbi_above_threshold" in codes(s)
    assert "income_tax_depends_on_open_deduction" in {f.code for f in s.flags}


def test_qbi_makes_more_of_the_ctc_refundable_for_a_self_employed_parent():
    # TY2026 HOH one SSN child, SE 35,000: net 32,322.50; SE tax 4,945.34; half 2,472.67; AGI
    # 32,527.33; TI before QBI 8,377.33; QBI min(6,505.47, 1,675.47) = 1,675; TI 6,702.33 → 670.23 → 670.
    # CTC: 670 against the tax, ACTC min(2,200 − 670, 1,700, 15% × 30,027.33) = 1,530 → total 2,200.
    s = screen26(filing_status="head_of_household", dependents=[kid()], self_employment_income=35000)
    assert s.federal_income_tax_before_credits == Decimal(670)
    ctc = s.credits["federal_ctc"]
    assert (int(ctc.amount), int(ctc.refundable_amount)) == (2200, 1530)


# --- Schedule 1-A deductions (facts §1.4, §1A.6) ---------------------------------------------------------
def test_tips_for_a_filer_with_an_ssn_2026():
    # single SSN, wages 40,000 of which tips 8,000: TI 40,000 − 16,100 − 8,000 = 15,900 → 1,240 +
    # 12% × 3,500 = 1,660
    s = screen26(taxpayer=filer(qualified_tips=8000), wages=40000)
    assert (s.deductions["tips"].status, int(s.deductions["tips"].amount)) == (Status.ELIGIBLE, 8000)
    assert s.federal_income_tax_before_credits == Decimal(1660)


def test_tips_need_a_work_ssn():
    s = screen26(taxpayer=filer("itin", qualified_tips=8000), wages=40000)
    assert s.deductions["tips"].status is Status.NOT_ELIGIBLE
    assert "wage_deduction_filer_no_work_ssn" in codes(s)
    assert s.federal_income_tax_before_credits == Decimal(2620)  # TI 23,900 → 1,240 + 1,380


def test_tips_on_a_joint_return_with_one_itin_spouse_are_indeterminate():
    s = screen(spouse={"id_type": "itin", "age": 33}, taxpayer=filer(qualified_tips=5000),
               filing_status="married_filing_jointly", wages=50000)
    tips = s.deductions["tips"]
    assert tips.status is Status.INDETERMINATE and tips.amount == 0
    assert "wage_deduction_joint_one_ssn_uncertain" in codes(s)
    assert "income_tax_depends_on_open_deduction" in {f.code for f in s.flags}
    # The higher tax is shown: MFJ 50,000 − 31,500 = 18,500 → 1,850
    assert s.federal_income_tax_before_credits == Decimal(1850)


def test_the_joint_tips_cap_has_two_readings():
    s = screen(taxpayer=filer(qualified_tips=20000), spouse={"id_type": "ssn", "age": 33, "qualified_tips": 15000},
               filing_status="married_filing_jointly", wages=90000)
    assert s.deductions["tips"].status is Status.INDETERMINATE
    assert "tips_joint_cap_uncertain" in codes(s)
    # under the cap there is only one reading
    s = screen(taxpayer=filer(qualified_tips=10000), spouse={"id_type": "ssn", "age": 33, "qualified_tips": 5000},
               filing_status="married_filing_jointly", wages=90000)
    assert int(s.deductions["tips"].amount) == 15000


def test_overtime_phase_out_and_married_separately():
    # TY2025 single SSN, wages 160,000, overtime premium 10,000: 10% × (160,000 − 150,000) = 1,000 → 9,000
    s = screen(taxpayer=filer(qualified_overtime=10000), wages=160000)
    assert int(s.deductions["overtime"].amount) == 9000
    assert "deduction_phase_out" in codes(s)
    s = screen(filing_status="married_filing_separately", taxpayer=filer(qualified_overtime=5000), wages=60000)
    assert s.deductions["overtime"].status is Status.NOT_ELIGIBLE
    assert "deduction_needs_joint_return" in codes(s)
    # the cap: 12,500 single
    assert int(screen26(taxpayer=filer(qualified_overtime=20000), wages=90000).deductions["overtime"].amount) == 12500


def test_car_loan_interest_is_open_to_itin_filers():
    s = screen26(taxpayer_id="itin", wages=50000, car_loan_interest=3000)
    car = s.deductions["car_loan_interest"]
    assert (car.status, int(car.amount)) == (Status.ELIGIBLE, 3000)
    assert "car_loan_interest_no_ssn_needed" in codes(s)
    # TI 50,000 − 16,100 − 3,000 = 30,900 → 1,240 + 12% × 18,500 = 3,460
    assert s.federal_income_tax_before_credits == Decimal(3460)
    # MFJ AGI 210,000, interest 12,000: cap 10,000 − 20% × 10,000 = 8,000
    s = screen(spouse_id="itin", wages=210000, car_loan_interest=12000)
    assert int(s.deductions["car_loan_interest"].amount) == 8000


def test_senior_deduction_has_the_credit_shape():
    s = screen(taxpayer_age=70, wages=100000)  # 6,000 − 6% × 25,000 = 4,500
    senior = s.as_dict()["deductions"]["senior"]
    assert senior["status"] == "eligible" and senior["amount"] == 4500
    assert set(senior) == {"status", "amount", "reasons", "changes"}
    assert list(s.as_dict()["deductions"]) == ["senior", "tips", "overtime", "car_loan_interest", "qbi"]
    s = screen(taxpayer_id="itin", taxpayer_age=70, wages=40000)
    assert s.deductions["senior"].status is Status.NOT_ELIGIBLE
    assert "senior_filer_no_work_ssn" in codes(s)


def test_tips_and_overtime_are_part_of_wages():
    with pytest.raises(HouseholdError) as caught:
        parse_household(household(taxpayer=filer(qualified_tips=5000), wages=4000))
    assert [p for p, _ in caught.value.problems] == ["qualified_tips"]


# --- CTC phase-out for QSS: the statute's $200,000, not PE's $400,000 (facts §1A.3) ------------------
def test_qss_ctc_phase_out_starts_at_200000():
    # TY2026 QSS one child, wages 210,000: 10 steps of $1,000 over 200,000 → −500 → 1,700
    s = screen26(filing_status="qualifying_surviving_spouse", dependents=[kid()], wages=210000)
    assert int(s.credits["federal_ctc"].amount) == 1700


# --- California TY2026: estimates based on TY2025 figures (facts §2.4) -------------------------------
def test_california_2026_amounts_are_flagged_estimates():
    s = screen26(taxpayer_id="itin", filing_status="head_of_household", dependents=[kid("itin")], wages=6998)
    for key, expected in (("ca_eitc", 2022), ("ca_yctc", 1189)):
        a = s.credits[key]
        assert int(a.amount) == expected  # the TY2025 figures, not a guessed CPI factor
        assert a.estimate is True
        assert any("estimate" in r.code for r in a.reasons)
        assert s.as_dict()["credits"][key]["estimate"] is True
    assert "estimate" not in s.as_dict()["credits"]["federal_eitc"]
    assert s.estimate is True
    # TY2025 is settled
    s = screen(taxpayer_id="itin", filing_status="head_of_household", dependents=[kid("itin")], wages=6998)
    assert not any(a.estimate for a in s.credits.values())


def test_california_2026_near_the_limit_is_an_estimate_too_but_an_id_answer_is_not():
    s = screen26(wages=33000)
    assert s.credits["ca_eitc"].estimate is True  # over the TY2025 limit: TY2026's is not known
    s = screen26(taxpayer_id="none", wages=10000)
    assert s.credits["ca_eitc"].estimate is False  # the ID rule is unchanged (facts §2.4 rule 4)


def test_dropping_the_estimate_is_a_one_file_change(monkeypatch):
    """When FTB's TY2026 figures are added, y2026.py defines them and sets CA_FIGURES_YEAR = 2026."""
    y2026 = importlib.import_module("intake.eligibility.params.y2026")
    published = types.ModuleType("y2026_with_ftb_figures")
    published.__dict__.update({k: v for k, v in vars(y2026).items() if not k.startswith("__")})
    published.CA_FIGURES_YEAR = 2026
    monkeypatch.setitem(params_package.BY_YEAR, 2026, published)
    s = screen26(taxpayer_id="itin", filing_status="head_of_household", dependents=[kid("itin")], wages=6998)
    assert not any(a.estimate for a in s.credits.values())
    assert not any("estimate_prior_year" in r.code for a in s.credits.values() for r in a.reasons)


def test_the_2026_messages_name_the_year():
    s = screen26(filing_status="head_of_household", taxpayer_id="itin", dependents=[kid()], wages=30000)
    text = " ".join(str(r.message) for r in s.credits["federal_ctc"].reasons)
    assert "For 2026" in text and "2025" not in text
    eitc = screen26(wages=8000).credits["federal_eitc"]
    assert "Rev. Proc. 2025-32" in eitc.reasons[0].citation


# --- Residence under 7 months ----------------------------------------------------------------------------
def test_a_child_who_lived_with_the_filer_under_7_months_needs_the_release_question():
    s = screen26(dependents=[kid(age=10, months_lived_with_filer=5)], wages=30000)
    ctc = s.credits["federal_ctc"]
    assert ctc.status is Status.INDETERMINATE and ctc.amount == 0
    assert "residency_ask_release" in {r.code for r in ctc.reasons}
    assert "Form 8332" in str(ctc.reasons[0].message)
    # the EITC never counts them (no release for the EITC): childless EITC is figured
    assert s.credits["federal_eitc"].status is Status.NOT_ELIGIBLE  # 30,000 is past the childless range


def test_an_older_dependent_under_7_months_makes_the_odc_indeterminate():
    s = screen(dependents=[kid(age=20, months_lived_with_filer=4)], wages=40000)
    assert s.credits["federal_odc"].status is Status.INDETERMINATE
    assert s.credits["federal_ctc"].status is Status.NOT_ELIGIBLE  # no child under 17 either way


# --- YCTC zero earnings: two readings [U] (facts §2.2) -------------------------------------------------
def test_yctc_zero_earnings_readings_that_differ_are_indeterminate():
    # wages 10,000, business loss 40,000: net loss 30,000 ≤ 35,640 (one reading: allowed);
    # business loss 40,000 > 35,640 (other reading: not allowed)
    s = screen(taxpayer_id="itin", dependents=[kid("itin", 2)], wages=10000, self_employment_income=-40000)
    yctc = s.credits["ca_yctc"]
    assert yctc.status is Status.INDETERMINATE and yctc.amount == 0
    assert "yctc_zero_earnings_readings_differ" in {r.code for r in yctc.reasons}
    # where the readings agree the answer stands
    s = screen(taxpayer_id="itin", dependents=[kid("itin", 2)], self_employment_income=-20000)
    assert int(s.credits["ca_yctc"].amount) == 1189


# --- Filing status without a qualifying person ----------------------------------------------------------
def test_head_of_household_without_a_dependent_is_an_input_problem():
    with pytest.raises(HouseholdError) as caught:
        parse_household(household(filing_status="head_of_household", wages=30000))
    assert [p for p, _ in caught.value.problems] == ["filing_status"]
    with pytest.raises(HouseholdError):
        parse_household(household(filing_status="qualifying_surviving_spouse", wages=30000))


def test_facts_from_elsewhere_are_screened_as_single_with_a_flag():
    facts = Household("f", 2026, FilingStatus.HEAD_OF_HOUSEHOLD, Filer(IdType.SSN, 30), wages=30000)
    s = assess(facts)
    assert "filing_status_needs_qualifying_person" in {f.code for f in s.flags}
    # screened as single: TI 13,900 → 1,240 + 12% × 1,500 = 1,420
    assert s.federal_income_tax_before_credits == Decimal(1420)


# --- Unsupported year; ID-shaped ids ------------------------------------------------------------------
def test_an_unsupported_year_names_the_supported_ones():
    with pytest.raises(HouseholdError) as caught:
        parse_household(household(tax_year=2027))
    assert caught.value.problems == [("tax_year", "tax year 2027 is not supported (supported: 2025, 2026)")]


@pytest.mark.parametrize("bad", ["123-45-6789", "912 70 1234", "987654321"])
def test_an_id_shaped_like_an_ssn_or_itin_is_refused(bad):
    with pytest.raises(HouseholdError) as caught:
        parse_household(household(id=bad))
    assert [p for p, _ in caught.value.problems] == ["id"]
    assert bad not in str(caught.value)


# --- Flags -----------------------------------------------------------------------------------------------
def test_trump_account_pilot_flag():
    s = screen26(taxpayer_id="itin", filing_status="head_of_household",
                 dependents=[kid(age=0), kid(age=1), kid(age=2), kid("itin", 0)], wages=30000)
    pilot = [(f.code, f.subject) for f in s.flags if f.code.startswith("trump")]
    # born 2026 and 2025 with SSNs; the 2-year-old (born 2024) and the ITIN baby do not qualify
    assert pilot == [("trump_account_pilot", "dependent 1"), ("trump_account_pilot", "dependent 2"),
                     ("trump_account_itin_parent_uncertain", "household")]
    assert "if a U.S. citizen" in str(s.flags[0].message) or any("U.S. citizen" in str(f.message) for f in s.flags)
    # a birth year given explicitly wins; a nephew is not a qualifying child
    s = screen26(dependents=[kid(age=0, birth_year=2026, relationship="other_relative")], wages=30000)
    assert not any(f.code == "trump_account_pilot" for f in s.flags)


def test_education_credit_flags_by_year():
    kids = [kid("itin", 19, full_time_student=True)]
    s = screen26(taxpayer_id="itin", filing_status="head_of_household", dependents=kids, wages=30000)
    assert "education_credits_need_ssn" in {f.code for f in s.flags}
    s = screen(taxpayer_id="itin", filing_status="head_of_household", dependents=kids, wages=30000)
    assert "education_credits_itin_last_year" in {f.code for f in s.flags}
    s = screen26(spouse_id="itin", dependents=[kid("ssn", 19, full_time_student=True)], wages=30000)
    assert "education_credits_joint_uncertain" in {f.code for f in s.flags}


def test_itin_renewal_flag_gives_both_readings_of_the_expiry_date():
    s = screen26(taxpayer=filer("itin", itin_used_recently=False), wages=20000)
    flag = next(f for f in s.flags if f.code == "itin_renewal_unused_three_years")
    text = str(flag.message)
    assert "2023, 2024 or 2025" in text and "December 31, 2026" in text and "2025 return" in text
    assert not any(f.code == "itin_renewal_unused_three_years"
                   for f in screen26(taxpayer=filer("itin", itin_used_recently=True), wages=1).flags)


def test_a_young_single_filer_in_2026_is_flagged_for_the_unpublished_dependent_deduction():
    s = screen26(taxpayer_age=20, wages=10000)
    assert "dependent_standard_deduction_not_published" in {f.code for f in s.flags}
    assert "dependent_standard_deduction_not_published" not in {f.code for f in screen(taxpayer_age=20, wages=10000).flags}


# Households that produce the codes added by issue 9 (used by the catalogue coverage test).
COVERAGE_2026 = [
    dict(tax_year=2026, taxpayer_id="itin", filing_status="head_of_household", dependents=[kid("itin")], wages=6998),
    dict(tax_year=2026, self_employment_income=40000),
    dict(tax_year=2026, wages=20000, self_employment_income=1500),
    dict(self_employment_income=300000),
    dict(taxpayer=filer(qualified_tips=8000, qualified_overtime=1000), wages=160000),
    dict(taxpayer=filer(qualified_overtime=1000), wages=60000),
    dict(spouse={"id_type": "itin", "age": 33}, taxpayer=filer(qualified_tips=5000), filing_status="married_filing_jointly",
         dependents=[kid()], wages=50000),
    dict(taxpayer=filer("itin", qualified_tips=8000), wages=40000, car_loan_interest=3000),
    dict(spouse={"id_type": "itin", "age": 33}, taxpayer=filer(qualified_tips=5000), filing_status="married_filing_jointly", wages=50000),
    dict(taxpayer=filer(qualified_tips=20000), spouse={"id_type": "ssn", "age": 33, "qualified_tips": 15000}, filing_status="married_filing_jointly", wages=90000),
    dict(filing_status="married_filing_separately", taxpayer=filer(qualified_overtime=5000, age=70), wages=60000, dependents=[kid()]),
    dict(taxpayer_age=70, wages=100000, spouse={"id_type": "itin", "age": 70, "qualified_overtime": 100}, filing_status="married_filing_jointly"),
    dict(dependents=[kid(age=10, months_lived_with_filer=5)], wages=30000),
    dict(dependents=[kid(age=10, months_lived_with_filer=5)], wages=300000),
    dict(taxpayer_id="itin", dependents=[kid("itin", 2)], wages=10000, self_employment_income=-40000),
    dict(tax_year=2026, taxpayer_id="itin", filing_status="head_of_household", dependents=[kid(age=0), kid("itin", 19, full_time_student=True)], wages=30000),
    dict(taxpayer_id="itin", filing_status="head_of_household", dependents=[kid("itin", 19, full_time_student=True)], wages=30000),
    dict(tax_year=2026, spouse_id="itin", dependents=[kid("ssn", 19, full_time_student=True)], wages=30000),
    dict(tax_year=2026, taxpayer=filer("itin", age=20, itin_used_recently=False), wages=20000),
    dict(taxpayer_id="itin", spouse_id="itin", dependents=[kid(), kid("itin", 8)], wages=25000),
    dict(taxpayer_id="none", dependents=[kid("none", 8)], wages=25000),
    dict(taxpayer=filer("ssn", qualified_tips=3000), self_employment_income=60000, wages=10000, car_loan_interest=20000,
         spouse={"id_type": "itin", "age": 30}, filing_status="married_filing_jointly"),
]


def test_facts_built_elsewhere_cover_the_status_flag():
    facts = Household("f", 2025, FilingStatus.QUALIFYING_SURVIVING_SPOUSE, Filer(IdType.SSN, 30),
                      dependents=(), wages=1)
    assert "filing_status_needs_qualifying_person" in codes(assess(facts))
    assert isinstance(Dependent(IdType.SSN, 3).relationship, str)
