"""Rule branches and parameters that had no case binding them (tests review §2.1 H7, §3.2–3.3).

Each expected figure is worked out by hand from the tax year 2025 parameters (the arithmetic is in
the comment), through the engine's public entry points (``parse_household`` and ``assess``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.intake.households import kid, screen

FEDERAL = ("federal_ctc", "federal_odc", "federal_eitc")
CALIFORNIA = ("ca_eitc", "ca_yctc", "ca_fytc")


# --- ACTC: the $1,700 per-child cap (IRC §24(h)(5)) --------------------------------------------

def test_the_refundable_ctc_stops_at_1700_per_child():
    # Single, SSN, one SSN child of 4, wages $16,000.
    # Tax: 16,000 − 15,750 = 250 taxable × 10% = 25. CTC 2,200: 25 against the tax, 2,175 left.
    # ACTC = min(2,175, 1,700, 15% × (16,000 − 2,500) = 2,025) = 1,700: the cap is the binding limit.
    ctc = screen(wages=16000, dependents=[kid("ssn", 4)]).credits["federal_ctc"]
    assert ctc.status.value == "eligible"
    assert ctc.refundable_amount == Decimal(1700)
    assert ctc.amount == Decimal(1725)


def test_two_children_double_the_cap():
    # Head of household, two SSN children, wages $24,000: tax 0 (under the $23,625 deduction).
    # ACTC = min(4,400, 2 × 1,700 = 3,400, 15% × 21,500 = 3,225) = 3,225 (the 15% rule binds here);
    # at $28,000: tax 10% × 4,375 = 437.50 → 438 (whole dollars); left 4,400 − 438 = 3,962;
    # 15% × 25,500 = 3,825; cap 3,400 → ACTC 3,400, CTC 438 + 3,400 = 3,838.
    low = screen(filing_status="head_of_household", wages=24000, dependents=[kid("ssn", 4), kid("ssn", 8)])
    assert low.credits["federal_ctc"].refundable_amount == Decimal(3225)
    high = screen(filing_status="head_of_household", wages=28000, dependents=[kid("ssn", 4), kid("ssn", 8)])
    assert high.credits["federal_ctc"].refundable_amount == Decimal(3400)
    assert high.credits["federal_ctc"].amount == Decimal(3838)


# --- Senior deduction phase-out (IRC §151(d)(5)(C)(ii)) ------------------------------------------

def test_the_senior_deduction_on_a_joint_return_phases_out_from_150000():
    # Married filing jointly, both 66 with SSNs, wages $160,000 (AGI 160,000).
    # Standard deduction 31,500 + 2 × 1,600 (65+) = 34,700.
    # Senior deduction: each 6,000 − 6% × (160,000 − 150,000) = 5,400; two filers = 10,800.
    # Taxable 160,000 − 34,700 − 10,800 = 114,500.
    # Tax: 10% × 23,850 + 12% × 73,100 + 22% × 17,550 = 2,385 + 8,772 + 3,861 = 15,018.
    s = screen(taxpayer_age=66, spouse_id="ssn", spouse_age=66, wages=160000)
    assert s.federal_income_tax_before_credits == Decimal(15018)


def test_the_senior_deduction_is_whole_at_150000_on_a_joint_return():
    # Same couple at $150,000: 2 × 6,000 = 12,000; taxable 150,000 − 34,700 − 12,000 = 103,300;
    # tax 2,385 + 8,772 + 22% × 6,350 = 2,385 + 8,772 + 1,397 = 12,554.
    s = screen(taxpayer_age=66, spouse_id="ssn", spouse_age=66, wages=150000)
    assert s.federal_income_tax_before_credits == Decimal(12554)


def test_the_senior_deduction_for_a_single_filer_phases_out_from_75000():
    # Single, 66, SSN, wages $80,000. Standard 15,750 + 2,000 = 17,750; senior 6,000 − 6% × 5,000 = 5,700.
    # Taxable 80,000 − 23,450 = 56,550. Tax: 1,192.50 + 12% × 36,550 (4,386) + 22% × 8,075 (1,776.50)
    # = 7,355.
    s = screen(taxpayer_age=66, wages=80000)
    assert s.federal_income_tax_before_credits == Decimal(7355)


# --- Self-employment tax: the $400 minimum and the wage base -------------------------------------

@pytest.mark.parametrize(
    ("profit", "eitc"),
    [
        # 433 × 0.9235 = 399.88 < 400: no SE tax, earned income 433; EITC 7.65% × 433 = 33.12 → 33.
        (433, 33),
        # 434 × 0.9235 = 400.80: SE tax 400.80 × 15.3% = 61.32, half (30.66) deducted;
        # earned income 403.34; EITC 7.65% × 403.34 = 30.86 → 31.
        (434, 31),
    ],
)
def test_self_employment_tax_starts_at_400_of_net_earnings(profit, eitc):
    s = screen(self_employment_income=profit)
    assert s.credits["federal_eitc"].amount == Decimal(eitc)


def test_social_security_tax_on_self_employment_stops_at_the_wage_base():
    # Single, SSN, self-employment profit $200,000, no wages.
    # Net earnings 200,000 × 0.9235 = 184,700; Social Security part capped at 176,100:
    # SE tax = 176,100 × 12.4% + 184,700 × 2.9% = 21,836.40 + 5,356.30 = 27,192.70; half 13,596.35.
    # AGI 186,403.65; taxable 186,403.65 − 15,750 = 170,653.65.
    # Without QBI the tax would be 33,804. With the QBI deduction (issue 9, §199A below the
    # $197,300 threshold): min(20% × (200,000 − 13,596.35), 20% × 170,653.65) = 34,130.73 → 34,131;
    # taxable 136,522.65. Tax: 1,192.50 + 4,386 + 12,072.50 + 24% × 33,172.65 (7,961.44) = 25,612.44 → 25,612.
    s = screen(self_employment_income=200000)
    assert s.federal_income_tax_before_credits == Decimal(25612)


def test_wages_use_up_the_wage_base_before_self_employment():
    # Single, wages $170,000 and self-employment profit $20,000.
    # Net SE earnings 18,470; room under the base 176,100 − 170,000 = 6,100:
    # SE tax = 6,100 × 12.4% + 18,470 × 2.9% = 756.40 + 535.63 = 1,292.03; half 646.015.
    # AGI 190,000 − 646.015 = 189,353.985; taxable 173,603.985.
    # Without QBI the tax would be 34,512. QBI: min(20% × (20,000 − 646.015), 20% × 173,603.985) =
    # 3,870.80 → 3,871; taxable 169,732.985. Tax: 1,192.50 + 4,386 + 12,072.50 + 24% × 66,382.985
    # (15,931.92) = 33,582.92 → 33,583.
    s = screen(wages=170000, self_employment_income=20000)
    assert s.federal_income_tax_before_credits == Decimal(33583)


# --- YCTC with zero or negative earned income (R&TC §17052.1(b)(1)(B)) ---------------------------

@pytest.mark.parametrize(
    ("wages", "profit", "amount"),
    [
        (0, -35640, 1189),  # a loss of exactly $35,640: allowed, the full $1,189
        (0, -35641, 0),  # a dollar more: not allowed
        (10000, -35000, 1189),  # wages $10,000, loss $35,000: earned income −25,000, allowed
    ],
)
def test_the_yctc_with_no_earned_income_follows_the_loss_threshold(wages, profit, amount):
    # With earned income (wages + profit) at or below zero, the loss is at least the wages, so the
    # rule's "wages ≤ $35,640" half always holds when the loss half does: dropping it changes nothing
    # (an equivalent mutant, docs/testing.md). The loss half is pinned here at its boundary.
    s = screen(wages=wages, self_employment_income=profit, dependents=[kid("ssn", 2)])
    assert s.credits["ca_yctc"].amount == Decimal(amount)


# --- The CTC's ID rule: an SSN not valid for work is not enough (IRC §24(h)(7)) -----------------

def test_a_filer_whose_ssn_is_not_valid_for_work_gets_no_ctc():
    s = screen(taxpayer_id="ssn_not_valid_for_employment", filing_status="head_of_household",
               wages=30000, dependents=[kid("ssn", 4)])
    ctc = s.credits["federal_ctc"]
    assert ctc.status.value == "not_eligible" and ctc.amount == 0
    assert "ctc_no_filer_work_ssn" in {r.code for r in ctc.reasons}
    # California accepts the filer.
    assert s.credits["ca_eitc"].status.value == "eligible"


def test_a_joint_return_where_neither_spouse_has_a_work_ssn_gets_no_ctc():
    s = screen(taxpayer_id="ssn_not_valid_for_employment", spouse_id="itin", wages=30000,
               dependents=[kid("ssn", 4)])
    assert s.credits["federal_ctc"].status.value == "not_eligible"
    assert "ctc_no_filer_work_ssn" in {r.code for r in s.credits["federal_ctc"].reasons}


def test_a_joint_return_with_one_work_ssn_gets_the_ctc():
    s = screen(taxpayer_id="ssn_not_valid_for_employment", spouse_id="ssn", wages=30000,
               dependents=[kid("ssn", 4)])
    assert s.credits["federal_ctc"].status.value == "eligible"


# --- Totals are the sums of the eligible credits (not a restatement of ``total``) ----------------

@pytest.mark.parametrize(
    "fields",
    [
        {"filing_status": "head_of_household", "wages": 33025, "dependents": [kid("ssn", 4), kid("itin", 9)]},
        {"filing_status": "head_of_household", "taxpayer_id": "itin", "wages": 6998, "dependents": [kid("itin", 3)]},
        {"spouse_id": "itin_expired", "wages": 30000, "dependents": [kid("ssn", 4), kid("ssn", 5), kid("ssn", 6)]},
    ],
)
def test_the_totals_add_up_every_eligible_credit_by_name(fields):
    s = screen(**fields)
    def eligible_sum(keys):
        return sum((s.credits[k].amount for k in keys if s.credits[k].status.value == "eligible"), Decimal(0))
    assert s.total_federal == eligible_sum(FEDERAL)
    assert s.total_california == eligible_sum(CALIFORNIA)
    assert s.total == eligible_sum(FEDERAL + CALIFORNIA)


def test_the_odc_is_part_of_the_federal_total():
    # HOH, SSN child 4 and ITIN child 9, $33,025 (worked out in tests/intake/views/test_figures_shown.py):
    # CTC 2,140 + ODC 500 + EITC 2,782 = 5,422.
    s = screen(filing_status="head_of_household", wages=33025, dependents=[kid("ssn", 4), kid("itin", 9)])
    assert s.credits["federal_odc"].amount == Decimal(500)
    assert s.total_federal == Decimal(5422)
