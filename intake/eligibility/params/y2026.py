"""Tax year 2026 parameters (returns filed January–April 2027), each with its citation and mark.

Federal amounts: facts §1A (Rev. Proc. 2025-32 through PE, each PE file citing rp-25-32.pdf).
Statutory values that do not change by year (rates, ages, the $500 ODC, the $2,500 ACTC floor,
the CTC phase-out thresholds, the Schedule 1-A caps) are taken from the 2025 module by name.

California: FTB's TY2026 amounts are not yet known (facts §2.4). The California values below are
the TY2025 figures, imported from ``y2025``, and ``CA_FIGURES_YEAR = 2025`` makes every California
amount for 2026 an *estimate*. When FTB's figures are added to the facts file, define them here
(with their citations) and set ``CA_FIGURES_YEAR = 2026``: this file is the only one to change.
"""

from __future__ import annotations

from decimal import Decimal as D

from intake.eligibility.facts import FilingStatus as FS
from intake.eligibility.params.y2025 import (  # noqa: F401  (re-exported: the year's full parameter set)
    ACTC_ALTERNATIVE_MIN_CHILDREN,
    ACTC_EARNED_INCOME_THRESHOLD,
    ACTC_PHASE_IN_RATE,
    ADDITIONAL_STANDARD_DEDUCTION_AGE,
    BRACKET_RATES,
    CA_EITC_ADJUSTMENT_FACTOR,
    CA_EITC_CITATION,
    CA_EITC_EARNED_INCOME_AMOUNT,
    CA_EITC_EARNED_INCOME_LIMIT,
    CA_EITC_FLOOR,
    CA_EITC_INVESTMENT_INCOME_LIMIT,
    CA_EITC_MIN_AGE,
    CA_EITC_PHASE_IN_RATE,
    CA_EITC_PHASE_OUT_RATE,
    CA_ID_CITATION,
    CAR_LOAN_INTEREST_CAP,
    CAR_LOAN_PHASE_OUT_RATE,
    CAR_LOAN_PHASE_OUT_START,
    CTC_CHILD_AGE_LIMIT,
    CTC_PHASE_OUT_PER_STEP,
    CTC_PHASE_OUT_START,
    CTC_PHASE_OUT_STEP,
    CTC_SSN_CITATION,
    EITC_CHILD_AGE_LIMIT,
    EITC_CHILDLESS_MAX_AGE,
    EITC_CHILDLESS_MIN_AGE,
    EITC_PHASE_IN_RATE,
    EITC_PHASE_OUT_RATE,
    EITC_STUDENT_AGE_LIMIT,
    EMPLOYEE_MEDICARE_RATE,
    EMPLOYEE_SOCIAL_SECURITY_RATE,
    FYTC_AMOUNT,
    FYTC_MAX_AGE,
    FYTC_MIN_AGE,
    FYTC_PHASE_OUT_PER_STEP,
    FYTC_PHASE_OUT_START,
    FYTC_PHASE_OUT_STEP,
    ODC_PER_DEPENDENT,
    OVERTIME_CAP,
    QBI_RATE,
    RESIDENCY_MIN_MONTHS,
    SE_DEDUCTIBLE_SHARE,
    SE_MEDICARE_RATE,
    SE_MINIMUM_NET_EARNINGS,
    SE_NET_EARNINGS_FACTOR,
    SE_SOCIAL_SECURITY_RATE,
    SENIOR_DEDUCTION,
    SENIOR_DEDUCTION_AGE,
    SENIOR_DEDUCTION_PHASE_OUT_RATE,
    SENIOR_DEDUCTION_PHASE_OUT_START,
    TIPS_CAP,
    TIPS_JOINT_CAP_DRAFT,
    TIPS_OVERTIME_PHASE_OUT_RATE,
    TIPS_OVERTIME_PHASE_OUT_START,
    TRUMP_ACCOUNT_BIRTH_YEARS,
    YCTC_AMOUNT,
    YCTC_CHILD_AGE_LIMIT,
    YCTC_LOSS_THRESHOLD,
    YCTC_PHASE_OUT_PER_STEP,
    YCTC_PHASE_OUT_START,
    YCTC_PHASE_OUT_STEP,
    P,
)

TAX_YEAR = 2026
EDUCATION_CREDITS_NEED_SSN = P(True, "PL §70606 (new §25A(g)(1))")
REV_PROC = "Rev. Proc. 2025-32"
# California TY2026 amounts are not yet published: the values above are TY2025's (facts §2.4).
CA_FIGURES_YEAR = 2025

# --- Federal income tax (facts §1A.1, §1A.2) ----------------------------------------------------------
STANDARD_DEDUCTION = P(
    {FS.SINGLE: D(16100), FS.MARRIED_FILING_SEPARATELY: D(16100), FS.HEAD_OF_HOUSEHOLD: D(24150),
     FS.MARRIED_FILING_JOINTLY: D(32200), FS.QUALIFYING_SURVIVING_SPOUSE: D(32200)},
    "IRC §63(c)(7); Rev. Proc. 2025-32 §4.14; PE gov/irs/deductions/standard/amount.yaml",
)
ADDITIONAL_STANDARD_DEDUCTION = P(
    {FS.SINGLE: D(2050), FS.HEAD_OF_HOUSEHOLD: D(2050), FS.MARRIED_FILING_JOINTLY: D(1650),
     FS.MARRIED_FILING_SEPARATELY: D(1650), FS.QUALIFYING_SURVIVING_SPOUSE: D(1650)},
    "IRC §63(f); Rev. Proc. 2025-32; PE gov/irs/deductions/standard/aged_or_blind/amount.yaml",
)
# [U] Not found for TY2026 (facts §1A.1, §1A.9): never guessed. A return where the filer may be
# someone's dependent is flagged for a manual check instead (flags.py).
DEPENDENT_STANDARD_DEDUCTION_ADDON = P(None, "Not found for TY2026 (facts §1A.9)", "U")

_BRACKET_CITATION = "IRC §1(j)(2); Rev. Proc. 2025-32 (p. 10); PE gov/irs/income/bracket.yaml"
BRACKET_THRESHOLDS = P(
    {
        FS.SINGLE: (D(12400), D(50400), D(105700), D(201775), D(256225), D(640600)),
        FS.MARRIED_FILING_SEPARATELY: (D(12400), D(50400), D(105700), D(201775), D(256225), D(384350)),
        FS.HEAD_OF_HOUSEHOLD: (D(17700), D(67450), D(105700), D(201750), D(256200), D(640600)),
        FS.MARRIED_FILING_JOINTLY: (D(24800), D(100800), D(211400), D(403550), D(512450), D(768700)),
        FS.QUALIFYING_SURVIVING_SPOUSE: (D(24800), D(100800), D(211400), D(403550), D(512450), D(768700)),
    },
    _BRACKET_CITATION,
)

# --- Payroll and self-employment tax (facts §1A.5) ----------------------------------------------------
SOCIAL_SECURITY_WAGE_BASE = P(D(184500), "SSA contribution and benefit base 2026; PE gov/irs/payroll/social_security/cap.yaml")

# --- Qualified business income deduction (facts §1.5) --------------------------------------------------
QBI_THRESHOLD = P({"joint": D(403500), "other": D(201750)}, "IRC §199A(e)(2); PE qbi/phase_out/start.yaml")
# [U] the exact "active participation" test of the minimum (facts §1.5): the reason says so.
QBI_MINIMUM = P((D(400), D(1000)), "IRC §199A as amended by P.L. 119-21 §70105 (minimum deduction); PE qbi/deduction_floor/*", "U")

# --- CTC / ODC (facts §1A.3) -------------------------------------------------------------------------
CTC_PER_CHILD = P(D(2200), "IRC §24(h)(2), §24(i)(2); Rev. Proc. 2025-32 §4.05(1)")
ACTC_MAX_PER_CHILD = P(D(1700), "IRC §24(h)(5), §24(i)(1); Rev. Proc. 2025-32 §4.05(2)")

# --- EITC (facts §1A.4) ------------------------------------------------------------------------------
EITC_CITATION = "IRC §32(b); Rev. Proc. 2025-32 §4.06"
EITC_EARNED_INCOME_AMOUNT = P((D(8680), D(13020), D(18290), D(18290)), EITC_CITATION)
EITC_MAX = P((D(664), D(4427), D(7316), D(8231)), EITC_CITATION)
EITC_PHASE_OUT_START = P(
    # [U] separated-spouse MFS filers use the non-MFJ column as in TY2025 (facts §1A.4).
    {"joint": (D(18140), D(31160), D(31160), D(31160)), "other": (D(10860), D(23890), D(23890), D(23890))},
    EITC_CITATION,
)
EITC_INVESTMENT_INCOME_LIMIT = P(D(12200), "IRC §32(i); Rev. Proc. 2025-32 §4.06(2)")
