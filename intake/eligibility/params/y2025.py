"""Tax year 2025 parameters, each with its citation and confidence mark beside it.

Marks follow docs/legal-sources.md: [V] verified in a primary text (or a PolicyEngine-US
parameter file that cites one), [U] uncertain. Values that are not in the facts file are listed,
with their source, in docs/eligibility.md ("Values not in the facts file"). "PE" means the
PolicyEngine-US parameter files (policyengine_us/parameters/...).
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any, NamedTuple

from intake.eligibility.facts import FilingStatus as FS


class P(NamedTuple):
    """A parameter value with its citation and confidence mark."""

    value: Any
    citation: str
    mark: str = "V"


TAX_YEAR = 2025
# Standing rules of P.L. 119-21 whose dates are in the statute (the same in every year's module).
TRUMP_ACCOUNT_BIRTH_YEARS = P(range(2025, 2029), "PL §70204 (§6434(c),(e); §530A(b)(1)(C)(i)(I), (b)(2)(B))")
# The education credits need the claimant's (and student's) SSN for taxable years after 2025-12-31.
EDUCATION_CREDITS_NEED_SSN = P(False, "PL §70606 (new §25A(g)(1))")
REV_PROC = "Rev. Proc. 2024-40"  # the year's inflation adjustments
# The year whose FTB figures the California values below are (facts §2). A year whose own FTB
# figures are not yet known reuses the previous year's and marks every California amount as an
# estimate (facts §2.4); it becomes settled by defining its own values here and this to its year.
CA_FIGURES_YEAR = 2025

# --- Federal income tax -------------------------------------------------------------------------
STANDARD_DEDUCTION = P(
    {FS.SINGLE: D(15750), FS.MARRIED_FILING_SEPARATELY: D(15750), FS.HEAD_OF_HOUSEHOLD: D(23625),
     FS.MARRIED_FILING_JOINTLY: D(31500), FS.QUALIFYING_SURVIVING_SPOUSE: D(31500)},
    "IRC §63(c)(7) as amended by P.L. 119-21 §70102",
)
# Not in the facts file: RP 24-40 §3.03(3); PE gov/irs/deductions/standard/aged_or_blind/amount.yaml.
ADDITIONAL_STANDARD_DEDUCTION = P(
    {FS.SINGLE: D(2000), FS.HEAD_OF_HOUSEHOLD: D(2000), FS.MARRIED_FILING_JOINTLY: D(1600),
     FS.MARRIED_FILING_SEPARATELY: D(1600), FS.QUALIFYING_SURVIVING_SPOUSE: D(1600)},
    "IRC §63(f); Rev. Proc. 2024-40 §3.03(3)",
)
ADDITIONAL_STANDARD_DEDUCTION_AGE = P(65, "IRC §63(f)(1)")
SENIOR_DEDUCTION = P(D(6000), "IRC §151(d)(5)(C)(i) as added by P.L. 119-21 §70103")
SENIOR_DEDUCTION_AGE = P(65, "IRC §151(d)(5)(C)(i)")
SENIOR_DEDUCTION_PHASE_OUT_RATE = P(D("0.06"), "IRC §151(d)(5)(C)(ii)")
SENIOR_DEDUCTION_PHASE_OUT_START = P(
    {"joint": D(150000), "other": D(75000)}, "IRC §151(d)(5)(C)(ii)"
)
# The dependent standard deduction (earned income plus $450, minimum $1,350): facts §1A.1. The
# engine screens filers who are not someone's dependent; the value is kept for the manual-check rule.
DEPENDENT_STANDARD_DEDUCTION_ADDON = P(D(450), "IRC §63(c)(5); Rev. Proc. 2024-40 §3.03(2)")

# --- Schedule 1-A deductions, P.L. 119-21 (facts §1.4; TY2025–TY2028) ------------------------------
TIPS_CAP = P(D(25000), "IRC §224(b)(1) as added by P.L. 119-21 §70201")
# [N] a draft Schedule 1-A showed one $25,000 cap per joint return; the statute's "taxpayer" may be
# read per return or per spouse: the engine reports the difference as indeterminate (facts §1.4).
TIPS_JOINT_CAP_DRAFT = P(D(25000), "Draft 2025 Schedule 1-A (facts §1.4)", "N")
OVERTIME_CAP = P({"joint": D(25000), "other": D(12500)}, "IRC §225(b)(1) as added by P.L. 119-21 §70202")
TIPS_OVERTIME_PHASE_OUT_START = P({"joint": D(300000), "other": D(150000)}, "IRC §224(b)(2), §225(b)(2)")
TIPS_OVERTIME_PHASE_OUT_RATE = P(D("0.1"), "IRC §224(b)(2), §225(b)(2) ($100 per $1,000); PE deductions/tip_income/*")
CAR_LOAN_INTEREST_CAP = P(D(10000), "IRC §163(h)(4)(C) as added by P.L. 119-21 §70203")
CAR_LOAN_PHASE_OUT_START = P({"joint": D(200000), "other": D(100000)}, "IRC §163(h)(4)(C)(ii)")
CAR_LOAN_PHASE_OUT_RATE = P(D("0.2"), "IRC §163(h)(4)(C)(ii) ($200 per $1,000); PE deductions/auto_loan_interest/*")

# --- Qualified business income deduction, IRC §199A (facts §1.5) ----------------------------------
QBI_RATE = P(D("0.2"), "IRC §199A(a); PE gov/irs/deductions/qbi/max/rate.yaml")
QBI_THRESHOLD = P({"joint": D(394600), "other": D(197300)}, "IRC §199A(e)(2); PE qbi/phase_out/start.yaml")
QBI_MINIMUM = None  # the $400 minimum starts in TY2026 (P.L. 119-21 §70105)

_BRACKET_CITATION = "IRC §1(j)(2) as made permanent by P.L. 119-21 §70101; Rev. Proc. 2024-40 §3.01"
# Not in the facts file: upper bounds of the 10/12/22/24/32/35% brackets (37% above); read in PE
# gov/irs/income/bracket.yaml (2025 values, citing Rev. Proc. 2024-40). [V]
BRACKET_RATES = P((D("0.10"), D("0.12"), D("0.22"), D("0.24"), D("0.32"), D("0.35"), D("0.37")), _BRACKET_CITATION)
BRACKET_THRESHOLDS = P(
    {
        FS.SINGLE: (D(11925), D(48475), D(103350), D(197300), D(250525), D(626350)),
        FS.MARRIED_FILING_SEPARATELY: (D(11925), D(48475), D(103350), D(197300), D(250525), D(375800)),
        FS.HEAD_OF_HOUSEHOLD: (D(17000), D(64850), D(103350), D(197300), D(250500), D(626350)),
        FS.MARRIED_FILING_JOINTLY: (D(23850), D(96950), D(206700), D(394600), D(501050), D(751600)),
        FS.QUALIFYING_SURVIVING_SPOUSE: (D(23850), D(96950), D(206700), D(394600), D(501050), D(751600)),
    },
    _BRACKET_CITATION,
)

# --- Self-employment and payroll taxes (not in the facts file) -------------------------------------
SE_NET_EARNINGS_FACTOR = P(D("0.9235"), "IRC §1402(a)(12)")
SE_MINIMUM_NET_EARNINGS = P(D(400), "IRC §1402(b)(2)")
SE_SOCIAL_SECURITY_RATE = P(D("0.124"), "IRC §1401(a)")
SE_MEDICARE_RATE = P(D("0.029"), "IRC §1401(b)(1)")
SE_DEDUCTIBLE_SHARE = P(D("0.5"), "IRC §164(f)")
SOCIAL_SECURITY_WAGE_BASE = P(D(176100), "SSA contribution and benefit base 2025 (42 U.S.C. §430); PE gov/irs/payroll/social_security/cap.yaml")
EMPLOYEE_SOCIAL_SECURITY_RATE = P(D("0.062"), "IRC §3101(a)")
EMPLOYEE_MEDICARE_RATE = P(D("0.0145"), "IRC §3101(b)(1)")

# --- Child Tax Credit and Credit for Other Dependents, IRC §24 -----------------------------------
CTC_PER_CHILD = P(D(2200), "IRC §24(h)(2) as amended by P.L. 119-21 §70104(a)(2)")
CTC_CHILD_AGE_LIMIT = P(17, "IRC §24(c)(1)")  # under 17 at year end
ACTC_MAX_PER_CHILD = P(D(1700), "IRC §24(h)(5), §24(i)(1); Rev. Proc. 2024-40")
ACTC_EARNED_INCOME_THRESHOLD = P(D(2500), "IRC §24(h)(6)")
ACTC_PHASE_IN_RATE = P(D("0.15"), "IRC §24(d)(1)(B)(i)")
ACTC_ALTERNATIVE_MIN_CHILDREN = P(3, "IRC §24(d)(1)(B)(ii)")
ODC_PER_DEPENDENT = P(D(500), "IRC §24(h)(4)(A)")
CTC_PHASE_OUT_START = P({"joint": D(400000), "other": D(200000)}, "IRC §24(h)(3)")
CTC_PHASE_OUT_STEP = P(D(1000), "IRC §24(b)(1)")
CTC_PHASE_OUT_PER_STEP = P(D(50), "IRC §24(b)(1)")
CTC_SSN_CITATION = "IRC §24(h)(7) as amended by P.L. 119-21 §70104(b)"

# --- EITC, IRC §32 (Rev. Proc. 2024-40 §3.06; PE gov/irs/credits/eitc) ------------------------------
_EITC_CITATION = EITC_CITATION = "IRC §32(b); Rev. Proc. 2024-40 §3.06"
EITC_PHASE_IN_RATE = P((D("0.0765"), D("0.34"), D("0.40"), D("0.45")), "IRC §32(b)(1)")
EITC_EARNED_INCOME_AMOUNT = P((D(8490), D(12730), D(17880), D(17880)), _EITC_CITATION)
EITC_MAX = P((D(649), D(4328), D(7152), D(8046)), _EITC_CITATION)
EITC_PHASE_OUT_RATE = P((D("0.0765"), D("0.1598"), D("0.2106"), D("0.2106")), "IRC §32(b)(1)")
EITC_PHASE_OUT_START = P(
    {"joint": (D(17730), D(30470), D(30470), D(30470)), "other": (D(10620), D(23350), D(23350), D(23350))},
    _EITC_CITATION,
)
EITC_INVESTMENT_INCOME_LIMIT = P(D(11950), "IRC §32(i); Rev. Proc. 2024-40 §3.06(2)")
EITC_CHILDLESS_MIN_AGE = P(25, "IRC §32(c)(1)(A)(ii)(II)")
EITC_CHILDLESS_MAX_AGE = P(64, "IRC §32(c)(1)(A)(ii)(II)")  # "before 65": 64 at year end is the last
EITC_CHILD_AGE_LIMIT = P(19, "IRC §152(c)(3)(A)(i)")
EITC_STUDENT_AGE_LIMIT = P(24, "IRC §152(c)(3)(A)(ii)")
RESIDENCY_MIN_MONTHS = P(7, "IRC §152(c)(1)(B) (more than half the year)")

# --- California (R&TC §17052, §17052.1, §17052.2; FTB 3514) ---------------------------------------
CA_EITC_ADJUSTMENT_FACTOR = P(D("0.85"), "R&TC §17052(a)(2)(B), (b)(1); PE .../earned_income/adjustment/factor.yaml")
CA_EITC_PHASE_IN_RATE = P(EITC_PHASE_IN_RATE.value, "R&TC §17052(b)(1) (federal rates, times the adjustment factor)")
# Earned income where the credit peaks; the first phase-out starts at the same point (no plateau).
CA_EITC_EARNED_INCOME_AMOUNT = P(
    (D(4661), D(6998), D(9823), D(9823)), "PE .../earned_income/earned_income_amount.yaml (FTB 3514)"
)
# Not in the facts file as a separate line: the first phase-out rate equals the phase-in rate
# times the adjustment factor (PE .../phase_out/rate.yaml: 7.65/34/40/45%, times 0.85). [V]
CA_EITC_PHASE_OUT_RATE = P(EITC_PHASE_IN_RATE.value, "R&TC §17052(d); PE .../earned_income/phase_out/rate.yaml")
# [U] The credit at which the final straight-line phase-out begins: $200 (no child) / $505
# (1+ children) in 2019, indexed by California CPI (June 2025 353.044 / June 2019 280.956, PE
# gov/states/ca/cpi.yaml) and rounded to $1 as PE does. FTB does not publish it.
CA_EITC_FLOOR = P(
    (D(251), D(635), D(635), D(635)),
    "R&TC §17052(d)(2); PE .../phase_out/final/start.yaml uprated by gov/states/ca/cpi.yaml",
    "U",
)
CA_EITC_EARNED_INCOME_LIMIT = P(D(32901), "R&TC §17052; PE .../phase_out/final/end.yaml")
CA_EITC_INVESTMENT_INCOME_LIMIT = P(D(4814), "R&TC §17052; PE .../eligibility/max_investment_income.yaml")
CA_EITC_MIN_AGE = P(18, "R&TC §17052(c)(2)")
CA_EITC_CITATION = "R&TC §17052; FTB 3514"
CA_ID_CITATION = "FTB CalEITC eligibility (SSN or ITIN for filer, spouse and children); R&TC §17052"

YCTC_AMOUNT = P(D(1189), "R&TC §17052.1; PE .../credits/young_child/amount.yaml")
YCTC_CHILD_AGE_LIMIT = P(6, "R&TC §17052.1(c)")  # under 6 at year end
YCTC_PHASE_OUT_START = P(D(27425), "R&TC §17052.1; PE .../young_child/phase_out/start.yaml")
YCTC_PHASE_OUT_STEP = P(D(100), "R&TC §17052.1 (\"for each $100, or fraction thereof\")")
YCTC_PHASE_OUT_PER_STEP = P(D("21.71"), "R&TC §17052.1; PE .../young_child/phase_out/amount.yaml")
YCTC_LOSS_THRESHOLD = P(D(35640), "R&TC §17052.1(b)(1)(B); PE .../young_child/loss_threshold.yaml")

FYTC_AMOUNT = P(D(1189), "R&TC §17052.2; PE .../credits/foster_youth/amount.yaml")
FYTC_MIN_AGE = P(18, "R&TC §17052.2", "U")
FYTC_MAX_AGE = P(25, "R&TC §17052.2", "U")
FYTC_PHASE_OUT_START = P(D(27425), "R&TC §17052.2; PE .../foster_youth/phase_out/*")
FYTC_PHASE_OUT_STEP = P(D(100), "R&TC §17052.2")
FYTC_PHASE_OUT_PER_STEP = P(D("21.71"), "R&TC §17052.2; PE .../foster_youth/phase_out/*")
