"""The 2025-law deductions that come before the credits, each shaped like a credit.

Schedule 1-A (Form 1040), P.L. 119-21, tax years 2025–2028: the senior deduction (§151(d)(5)(C)),
no tax on tips (§224), no tax on overtime (§225) and car-loan interest (§163(h)(4)); and the
qualified business income deduction (§199A, Form 8995). Each returns a ``Deduction``: the
``Assessment`` the volunteer sees (status, amount, reasons) and the ``low``/``high`` bounds the
income tax uses. An *indeterminate* deduction (a rule the facts file leaves open) has amount 0 and
``low < high``; the credits limited by the tax are then screened at both ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType

from intake.eligibility import catalogue as m
from intake.eligibility.children import WORK_SSN, filer_subjects
from intake.eligibility.facts import FilingStatus, Household
from intake.eligibility.money import ZERO, dollars, whole
from intake.eligibility.result import Assessment, Status

DEDUCTION_KEYS: tuple[str, ...] = ("senior", "tips", "overtime", "car_loan_interest", "qbi")


@dataclass(frozen=True, slots=True)
class Deduction:
    assessment: Assessment
    low: Decimal
    high: Decimal


_NOTHING: dict = {}


def _nothing(key: str, spec) -> Deduction:
    """The common "nothing entered" answer, built once per key (its reason has no parameters)."""
    found = _NOTHING.get(key)
    if found is None:
        found = _NOTHING[key] = _settled(key, ZERO, [spec.reason()])
    return found


def _settled(key: str, amount: Decimal, reasons: list) -> Deduction:
    status = Status.ELIGIBLE if amount > ZERO else Status.NOT_ELIGIBLE
    return Deduction(Assessment(key, status, amount, None, tuple(reasons)), amount, amount)


def _open(key: str, low: Decimal, high: Decimal, reasons: list) -> Deduction:
    if low == high:
        return _settled(key, low, reasons)
    return Deduction(Assessment(key, Status.INDETERMINATE, ZERO, None, tuple(reasons)), low, high)


def _joint(h: Household) -> str:
    return "joint" if h.filing_status is FilingStatus.MARRIED_FILING_JOINTLY else "other"


def _phase_out(amount: Decimal, agi: Decimal, start: Decimal, rate: Decimal) -> Decimal:
    return max(ZERO, amount - rate * max(ZERO, agi - start))


def senior(h: Household, p: ModuleType, agi: Decimal) -> Deduction:
    """$6,000 per filer 65+ with an SSN valid for work, less 6% of MAGI over $75,000 / $150,000."""
    key = "senior"
    seniors = [(s, f) for s, f in filer_subjects(h.filers) if f.age >= p.SENIOR_DEDUCTION_AGE.value]
    if not seniors:
        return _nothing(key, m.SENIOR_NONE)
    if h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
        return _settled(key, ZERO, [m.DEDUCTION_MFS.reason()])
    reasons = [m.SENIOR_NO_SSN.reason(subject=s) for s, f in seniors if f.id_type not in WORK_SSN]
    count = sum(1 for _, f in seniors if f.id_type in WORK_SSN)
    if not count:
        return _settled(key, ZERO, reasons)
    start = p.SENIOR_DEDUCTION_PHASE_OUT_START.value[_joint(h)]
    each = whole(_phase_out(p.SENIOR_DEDUCTION.value, agi, start, p.SENIOR_DEDUCTION_PHASE_OUT_RATE.value))
    lead = [m.SENIOR_ELIGIBLE.reason(count=count, max=dollars(p.SENIOR_DEDUCTION.value), year=p.TAX_YEAR)]
    if agi > start:
        lead.append(m.DEDUCTION_PHASED.reason(start=dollars(start), reduction=dollars(p.SENIOR_DEDUCTION.value - each)))
    return _settled(key, each * count, lead + reasons)


def _from_wages(h: Household, p: ModuleType, agi: Decimal, key: str) -> Deduction:
    """Tips (§224) or overtime (§225): per filer, an SSN valid for work; a joint return if married."""
    tips = key == "tips"
    attribute = "qualified_tips" if tips else "qualified_overtime"
    if not any(getattr(f, attribute) for f in h.filers):
        return _nothing(key, m.TIPS_NONE if tips else m.OVERTIME_NONE)
    earned = [(s, f, Decimal(getattr(f, attribute))) for s, f in filer_subjects(h.filers)]
    if h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
        return _settled(key, ZERO, [m.DEDUCTION_MFS.reason()])
    reasons = [m.WAGE_DEDUCTION_NO_SSN.reason(subject=s) for s, f, a in earned if a and f.id_type not in WORK_SSN]
    allowed = [a for _, f, a in earned if f.id_type in WORK_SSN]
    start = p.TIPS_OVERTIME_PHASE_OUT_START.value[_joint(h)]
    rate = p.TIPS_OVERTIME_PHASE_OUT_RATE.value

    def after_caps(amounts: list[Decimal]) -> tuple[Decimal, Decimal]:
        """Return the deduction under the per-return and per-spouse readings of the tips cap."""
        if tips:
            per_return = min(sum(amounts, ZERO), p.TIPS_CAP.value)
            per_spouse = sum((min(a, p.TIPS_CAP.value) for a in amounts), ZERO)
        else:
            per_return = per_spouse = min(sum(amounts, ZERO), p.OVERTIME_CAP.value[_joint(h)])
        return (whole(_phase_out(per_return, agi, start, rate)), whole(_phase_out(per_spouse, agi, start, rate)))

    cap = p.TIPS_CAP.value if tips else p.OVERTIME_CAP.value[_joint(h)]
    lead = [(m.TIPS_ELIGIBLE if tips else m.OVERTIME_ELIGIBLE).reason(cap=dollars(cap))]
    per_return, per_spouse = after_caps(allowed)
    values = {per_return, per_spouse}
    if per_return != per_spouse:
        lead.append(m.TIPS_JOINT_CAP_READINGS.reason(
            cap=dollars(p.TIPS_CAP.value), amount_a=dollars(per_return), amount_b=dollars(per_spouse)))
    joint_mixed = len(h.filers) == 2 and any(f.id_type not in WORK_SSN for f in h.filers)
    if joint_mixed and max(values) > ZERO:
        # [U] facts §1.4: "such individual's SSN" (the earner's) vs both spouses' SSNs (PE).
        values.add(ZERO)
        lead.append(m.WAGE_DEDUCTION_JOINT_ITIN.reason(amount_a=dollars(max(per_return, per_spouse))))
    if max(values) > ZERO and agi > start:
        lead.append(m.DEDUCTION_PHASED.reason(
            start=dollars(start), reduction=dollars(whole(rate * (agi - start)))))
    if max(values) == ZERO and not reasons:
        reasons.append(m.DEDUCTION_PHASED.reason(start=dollars(start), reduction=dollars(whole(rate * (agi - start)))))
    return _open(key, min(values), max(values), (lead if max(values) > ZERO else []) + reasons)


def car_loan_interest(h: Household, p: ModuleType, agi: Decimal) -> Deduction:
    """Up to $10,000, less $200 per $1,000 of MAGI over $100,000 / $200,000; no SSN requirement."""
    key = "car_loan_interest"
    if not h.car_loan_interest:
        return _nothing(key, m.CAR_LOAN_NONE)
    start = p.CAR_LOAN_PHASE_OUT_START.value[_joint(h)]
    capped = min(Decimal(h.car_loan_interest), p.CAR_LOAN_INTEREST_CAP.value)
    amount = whole(_phase_out(capped, agi, start, p.CAR_LOAN_PHASE_OUT_RATE.value))
    reasons = [m.CAR_LOAN_ELIGIBLE.reason(cap=dollars(p.CAR_LOAN_INTEREST_CAP.value))]
    if any(f.id_type not in WORK_SSN for f in h.filers):
        reasons.append(m.CAR_LOAN_ITIN_OK.reason())
    if agi > start:
        reasons.append(m.DEDUCTION_PHASED.reason(start=dollars(start), reduction=dollars(capped - amount)))
    return _settled(key, amount, reasons)


def schedule_1a_deductions(h: Household, p: ModuleType, income) -> dict[str, Deduction]:
    """Return the senior, tips, overtime and car-loan deductions (MAGI = AGI here)."""
    agi = income.agi
    return {
        "senior": senior(h, p, agi),
        "tips": _from_wages(h, p, agi, "tips"),
        "overtime": _from_wages(h, p, agi, "overtime"),
        "car_loan_interest": car_loan_interest(h, p, agi),
    }


def qbi_deduction(h: Household, p: ModuleType, income, before_low: Decimal, before_high: Decimal) -> Deduction:
    """§199A below the threshold: the lesser of 20% of QBI and 20% of taxable income before it.

    Qualified business income of a sole proprietor is the profit minus the deductible half of
    self-employment tax. Above the threshold (the W-2 wage/property limits and the service-business
    exclusion) the deduction is indeterminate, with a reason, rather than modelled.
    """
    key = "qbi"
    base = income.self_employment_income - income.self_employment_deduction
    if income.self_employment_income <= ZERO or base <= ZERO:
        return _nothing(key, m.QBI_NO_PROFIT)
    threshold = p.QBI_THRESHOLD.value[_joint(h)]
    rate = p.QBI_RATE.value
    if before_high > threshold:
        reason = m.QBI_ABOVE_THRESHOLD.reason(threshold=dollars(threshold))
        return Deduction(Assessment(key, Status.INDETERMINATE, ZERO, None, (reason,)), ZERO, whole(rate * base))

    minimum = p.QBI_MINIMUM.value if p.QBI_MINIMUM is not None else None

    def at(taxable: Decimal) -> tuple[Decimal, bool]:
        amount = min(rate * base, rate * taxable)
        if minimum is not None and base >= minimum[1] and amount < minimum[0]:
            return minimum[0], True
        return whole(amount), False

    low, _ = at(before_low)
    high, floor_used = at(before_high)
    reasons = [m.QBI_ELIGIBLE.reason()]
    if floor_used:
        reasons.append(m.QBI_MINIMUM_USED.reason(minimum=dollars(minimum[0]), floor=dollars(minimum[1])))
    if any(f.id_type not in WORK_SSN for f in h.filers):
        reasons.append(m.QBI_ID_UNCERTAIN.reason())
    if low != high:
        reasons.insert(0, m.DEDUCTION_DEPENDS_ON_OTHER.reason())
    return _open(key, low, high, reasons)
