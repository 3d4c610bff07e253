"""Federal Earned Income Tax Credit, IRC §32, tax year rules from the parameter module.

Amounts use the exact statutory formula (phase-in rate × earned income up to the maximum, minus
the phase-out rate × the excess of AGI or earned income, whichever is greater), rounded half up to
whole dollars. The IRS EITC table works in $50 bands and may differ by a few dollars.
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
    """Return the exact (unrounded) EITC for ``children`` qualifying children."""
    if earned <= ZERO:
        return ZERO
    i = min(children, 3)
    phase_in = min(p.EITC_PHASE_IN_RATE.value[i] * earned, p.EITC_MAX.value[i])
    start = p.EITC_PHASE_OUT_START.value["joint" if joint else "other"][i]
    reduction = p.EITC_PHASE_OUT_RATE.value[i] * max(ZERO, max(agi, earned) - start)
    return max(ZERO, phase_in - reduction)


def eitc_end(p: ModuleType, children: int, joint: bool) -> Decimal:
    i = min(children, 3)
    start = p.EITC_PHASE_OUT_START.value["joint" if joint else "other"][i]
    return whole(start + p.EITC_MAX.value[i] / p.EITC_PHASE_OUT_RATE.value[i])


def assess_eitc(h: Household, p: ModuleType, income: Income) -> tuple[Assessment, Decimal]:
    """Return the EITC assessment and the amount it would be if every open question were answered yes."""
    reasons = []
    changes = []
    blocked = False
    joint = h.filing_status is FilingStatus.MARRIED_FILING_JOINTLY
    mfs = h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY

    qualifying = []
    counted = 0
    for i, d in enumerate(h.dependents):
        subject = dependent_subject(i)
        if not is_eitc_child(d, p):
            reasons.append(m.EITC_NOT_QUALIFYING_CHILD.reason(subject=subject))
            continue
        qualifying.append(d)
        if d.id_type in WORK_SSN:
            counted += 1
        else:
            reasons.append(m.EITC_CHILD_NO_SSN.reason(subject=subject))
            changes.append(m.CHILD_SSN_BY_DUE_DATE.change(subject=subject))

    for subject, filer in filer_subjects(h.filers):
        if filer.id_type not in WORK_SSN:
            blocked = True
            reasons.append(m.EITC_FILER_NO_SSN.reason(subject=subject))
            changes.append(m.FILER_SSN_BY_DUE_DATE.change(subject=subject))

    if income.investment_income > p.EITC_INVESTMENT_INCOME_LIMIT.value:
        blocked = True
        reasons.append(
            m.EITC_INVESTMENT_INCOME.reason(
                amount=dollars(income.investment_income), limit=dollars(p.EITC_INVESTMENT_INCOME_LIMIT.value)
            )
        )
    if income.earned_income <= ZERO:
        blocked = True
        reasons.append(m.EITC_NO_EARNED_INCOME.reason())
    if counted == 0 and not any(
        p.EITC_CHILDLESS_MIN_AGE.value <= f.age <= p.EITC_CHILDLESS_MAX_AGE.value for f in h.filers
    ):
        blocked = True
        reasons.append(m.EITC_CHILDLESS_AGE.reason())

    separation_question = False
    if mfs:
        if qualifying:
            separation_question = True
        else:
            blocked = True
            reasons.append(m.EITC_MFS_NO_CHILD.reason())

    candidate = whole(eitc_amount(p, counted, income.earned_income, income.agi, joint))
    if blocked:
        return Assessment(KEY, Status.NOT_ELIGIBLE, ZERO, ZERO, tuple(reasons), tuple(changes)), ZERO
    if candidate <= ZERO:
        reasons.append(m.EITC_INCOME_TOO_HIGH.reason(end=dollars(eitc_end(p, counted, joint))))
        return Assessment(KEY, Status.NOT_ELIGIBLE, ZERO, ZERO, tuple(reasons), tuple(changes)), ZERO
    if separation_question:
        reasons.insert(0, m.EITC_MFS_SEPARATION.reason(amount=dollars(candidate)))
        changes.insert(0, m.MFS_SEPARATED.change())
        return Assessment(KEY, Status.INDETERMINATE, ZERO, ZERO, tuple(reasons), tuple(changes)), candidate
    first = m.EITC_ELIGIBLE.reason(count=counted) if counted else m.EITC_CHILDLESS.reason()
    reasons.insert(0, first)
    return Assessment(KEY, Status.ELIGIBLE, candidate, candidate, tuple(reasons), tuple(changes)), candidate
