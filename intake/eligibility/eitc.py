"""Federal Earned Income Tax Credit, IRC §32, tax year rules from the parameter module.

Amounts use the exact statutory formula (the smaller of the phase-in rate × earned income up to
the maximum, and the maximum minus the phase-out rate × the excess of AGI or earned income,
whichever is greater), rounded half up to whole dollars. The IRS EITC table works in $50 bands and may differ by a few dollars.
"""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType

from intake.eligibility import catalogue as m
from intake.eligibility.children import WORK_SSN, dependent_subject, filer_subjects, is_eitc_child
from intake.eligibility.facts import FilingStatus, Household
from intake.eligibility.federal_tax import Income
from intake.eligibility.money import ZERO, dollars, whole
from intake.eligibility.result import Assessment, Status

KEY = "federal_eitc"


def eitc_amount(p: ModuleType, children: int, earned: Decimal, agi: Decimal, joint: bool) -> Decimal:
    """Return the exact (unrounded) EITC for ``children`` qualifying children.

    IRC §32(a)(1): the credit percentage × earned income, up to the maximum credit. §32(a)(2):
    it may not exceed the *maximum credit* minus the phase-out percentage × the amount by which
    the greater of AGI and earned income exceeds the phase-out start. The credit is the smaller
    of the two (the EIC worksheet looks up both earned income and AGI and takes the smaller).
    """
    if earned <= ZERO:
        return ZERO
    i = min(children, 3)
    maximum = p.EITC_MAX.value[i]
    phase_in = min(p.EITC_PHASE_IN_RATE.value[i] * earned, maximum)
    start = p.EITC_PHASE_OUT_START.value["joint" if joint else "other"][i]
    limit = maximum - p.EITC_PHASE_OUT_RATE.value[i] * max(ZERO, max(agi, earned) - start)
    return max(ZERO, min(phase_in, limit))


def eitc_end(p: ModuleType, children: int, joint: bool) -> Decimal:
    i = min(children, 3)
    start = p.EITC_PHASE_OUT_START.value["joint" if joint else "other"][i]
    return whole(start + p.EITC_MAX.value[i] / p.EITC_PHASE_OUT_RATE.value[i])


def _screen(h: Household, p: ModuleType, income: Income, explain: bool) -> tuple[Status, Decimal, Decimal, list]:
    """Return the EITC's status, amount, the amount if every open question were answered yes, and
    (when ``explain``) the reasons, in the order the answer shows them."""
    reasons: list = []
    blocked = False
    joint = h.filing_status is FilingStatus.MARRIED_FILING_JOINTLY
    mfs = h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY

    has_qualifying = False
    counted = 0
    for i, d in enumerate(h.dependents):
        if not is_eitc_child(d, p):
            if explain:
                reasons.append(m.EITC_NOT_QUALIFYING_CHILD.reason(subject=dependent_subject(i)))
            continue
        has_qualifying = True
        if d.id_type in WORK_SSN:
            counted += 1
        elif explain:
            reasons.append(m.EITC_CHILD_NO_SSN.reason(subject=dependent_subject(i)))

    for subject, filer in filer_subjects(h.filers):
        if filer.id_type not in WORK_SSN:
            blocked = True
            if explain:
                reasons.append(m.EITC_FILER_NO_SSN.reason(subject=subject))

    if income.investment_income > p.EITC_INVESTMENT_INCOME_LIMIT.value:
        blocked = True
        if explain:
            reasons.append(
                m.EITC_INVESTMENT_INCOME.reason(
                    citation=p.EITC_INVESTMENT_INCOME_LIMIT.citation,
                    amount=dollars(income.investment_income), limit=dollars(p.EITC_INVESTMENT_INCOME_LIMIT.value)
                )
            )
    if income.earned_income <= ZERO:
        blocked = True
        if explain:
            reasons.append(m.EITC_NO_EARNED_INCOME.reason())
    if counted == 0 and not any(
        p.EITC_CHILDLESS_MIN_AGE.value <= f.age <= p.EITC_CHILDLESS_MAX_AGE.value for f in h.filers
    ):
        blocked = True
        if explain:
            reasons.append(m.EITC_CHILDLESS_AGE.reason())

    separation_question = False
    if mfs:
        if has_qualifying:
            separation_question = True
        else:
            blocked = True
            if explain:
                reasons.append(m.EITC_MFS_NO_CHILD.reason())

    if blocked:
        return Status.NOT_ELIGIBLE, ZERO, ZERO, reasons
    candidate = whole(eitc_amount(p, counted, income.earned_income, income.agi, joint))
    if candidate <= ZERO:
        if explain:
            reasons.append(m.EITC_INCOME_TOO_HIGH.reason(
                citation="IRC §32(a)(2); " + p.EITC_CITATION, end=dollars(eitc_end(p, counted, joint))))
        return Status.NOT_ELIGIBLE, ZERO, ZERO, reasons
    if separation_question:
        if explain:
            reasons.insert(0, m.EITC_MFS_SEPARATION.reason(amount=dollars(candidate)))
            reasons.insert(1, m.MFS_SEPARATED.reason())
        return Status.INDETERMINATE, ZERO, candidate, reasons
    if explain:
        first = (
            m.EITC_ELIGIBLE.reason(count=counted, citation="IRC §32(c)(3), §32(m); " + p.EITC_CITATION)
            if counted
            else m.EITC_CHILDLESS.reason(citation="IRC §32(c)(1)(A)(ii); " + p.EITC_CITATION)
        )
        reasons.insert(0, first)
    return Status.ELIGIBLE, candidate, candidate, reasons


def assess_eitc(h: Household, p: ModuleType, income: Income) -> tuple[Assessment, Decimal]:
    """Return the EITC assessment and the amount it would be if every open question were answered yes."""
    status, amount, candidate, reasons = _screen(h, p, income, explain=True)
    return Assessment(KEY, status, amount, amount, tuple(reasons)), candidate


def eitc_outcome(h: Household, p: ModuleType, income: Income) -> tuple[Status, Decimal, Decimal]:
    """Return the EITC's status, amount and open-question amount without building a reason."""
    status, amount, candidate, _ = _screen(h, p, income, explain=False)
    return status, amount, candidate
