"""California credits claimed on FTB 3514: CalEITC (R&TC §17052), Young Child Tax Credit
(§17052.1) and Foster Youth Tax Credit (§17052.2).

California did not adopt the federal SSN rules: the taxpayer, the spouse and each qualifying child
need an SSN (any kind) or an ITIN; an ATIN or no number does not count. Married filing separately
is not eligible.

One function per step, in FTB 3514's order: ``gate`` (the conditions the three credits share),
``caleitc_raw`` (the CalEITC worksheet on earned income and on AGI), then one per credit:
``caleitc``, ``yctc``, ``fytc``. Each returns (status, amount, reasons); with ``explain=False``
(the change search) the same steps run without building a reason, so the amounts are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType

from intake.eligibility import catalogue as m
from intake.eligibility.children import (
    CALIFORNIA_ID,
    PENDING,
    WORK_SSN,
    dependent_subject,
    filer_subjects,
    is_eitc_child,
)
from intake.eligibility.facts import FilingStatus, Household
from intake.eligibility.federal_tax import Income
from intake.eligibility.money import ZERO, dollars, steps_up, whole
from intake.eligibility.result import Assessment, Status


def ca_eitc_shape(p: ModuleType, children: int, earned: Decimal) -> tuple[Decimal, bool]:
    """Return the exact CalEITC for ``earned`` income and whether it lies on the final segment.

    The credit phases in at the federal rate × 85% up to the peak, falls at the same rate until it
    reaches the floor, then declines in a straight line to $0 at the earned-income limit.
    """
    limit = p.CA_EITC_EARNED_INCOME_LIMIT.value
    if earned <= ZERO or earned >= limit:
        return ZERO, False
    i = min(children, 3)
    factor = p.CA_EITC_ADJUSTMENT_FACTOR.value
    rate_in = p.CA_EITC_PHASE_IN_RATE.value[i] * factor
    rate_out = p.CA_EITC_PHASE_OUT_RATE.value[i] * factor
    peak = p.CA_EITC_EARNED_INCOME_AMOUNT.value[i]
    floor = p.CA_EITC_FLOOR.value[i]
    if earned <= peak:
        return earned * rate_in, False
    maximum = peak * rate_in
    final_start = peak + (maximum - floor) / rate_out
    if earned <= final_start:
        return maximum - (earned - peak) * rate_out, False
    return floor * (limit - earned) / (limit - final_start), True


def phase_out(amount: Decimal, earned: Decimal, start: Decimal, step: Decimal, per_step: Decimal) -> Decimal:
    """The YCTC/FYTC phase-out: ``per_step`` for each ``step`` or part of earned income over ``start``."""
    return max(ZERO, amount - per_step * steps_up(earned - start, step))


@dataclass(slots=True)
class Gate:
    """The conditions all three California credits share (FTB 3514 Part I), and the children counted.

    ``blocked`` says whether a shared condition fails; its reasons are listed only when the gate
    is *explained* (the full answer); the change search screens without them.
    """

    blocked: bool
    reasons: list
    children: list  # (subject, dependent) counted as CalEITC qualifying children
    child_reasons: list  # a qualifying child without an SSN or ITIN (explained only)
    pending: list
    uses_itin: bool


def gate(h: Household, p: ModuleType, income: Income, explain: bool) -> Gate:
    """Residence, filing status, IDs, age, investment income and the income limit (R&TC §17052).

    California did not adopt the federal SSN rules: each filer needs an SSN (any kind) or an ITIN;
    a qualifying child without one is not counted (FTB CalEITC eligibility).
    """
    blocked = False
    reasons: list = []
    pending: list = []
    uses_itin = False
    if h.state != "CA":
        blocked = True
        if explain:
            reasons.append(m.CA_NOT_RESIDENT.reason(state=h.state))
    if h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
        blocked = True
        if explain:
            reasons.append(m.CA_MFS.reason())
            reasons.append(m.MFS_FILE_JOINTLY.reason())
    for subject, filer in filer_subjects(h.filers):
        if filer.id_type not in CALIFORNIA_ID:
            blocked = True
            if explain:
                reasons.append(m.CA_FILER_NO_ID.reason(subject=subject))
        else:
            uses_itin = uses_itin or filer.id_type not in WORK_SSN
            if filer.id_type in PENDING:
                pending.append(subject)
    if not any(f.age >= p.CA_EITC_MIN_AGE.value for f in h.filers):
        blocked = True
        if explain:
            reasons.append(m.CA_MIN_AGE.reason())
    if income.investment_income > p.CA_EITC_INVESTMENT_INCOME_LIMIT.value:
        blocked = True
        if explain:
            reasons.append(
                m.CA_INVESTMENT_INCOME.reason(
                    amount=dollars(income.investment_income), limit=dollars(p.CA_EITC_INVESTMENT_INCOME_LIMIT.value)
                )
            )
    limit = p.CA_EITC_EARNED_INCOME_LIMIT.value
    if income.earned_income >= limit or income.agi >= limit:
        blocked = True
        if explain:
            reasons.append(m.CA_INCOME_TOO_HIGH.reason(limit=dollars(limit)))

    children: list = []
    child_reasons: list = []
    for i, d in enumerate(h.dependents):
        if not is_eitc_child(d, p):
            continue
        subject = dependent_subject(i)
        if d.id_type in CALIFORNIA_ID:
            children.append((subject, d))
            uses_itin = uses_itin or d.id_type not in WORK_SSN
            if d.id_type in PENDING:
                pending.append(subject)
        elif explain:
            child_reasons.append(m.CA_CHILD_NO_ID.reason(subject=subject))
    return Gate(blocked, reasons, children, child_reasons, pending, uses_itin)


def _pending_reasons(pending: list) -> list:
    return [
        (m.FILER_TIN_PENDING if s in ("taxpayer", "spouse") else m.DEPENDENT_TIN_PENDING).reason(subject=s)
        for s in pending
    ]


def caleitc_raw(p: ModuleType, n: int, income: Income) -> tuple[Decimal, bool]:
    """FTB 3514 CalEITC worksheet: the credit on earned income and, when AGI is higher, on AGI; the smaller.

    Returns the exact (unrounded) credit and whether it lies on the final, straight-line segment
    (facts §2.1).
    """
    raw, on_final_segment = ca_eitc_shape(p, n, income.earned_income)
    if income.agi > income.earned_income:
        on_agi, agi_final = ca_eitc_shape(p, n, income.agi)
        if on_agi < raw:
            raw, on_final_segment = on_agi, agi_final
    return raw, on_final_segment


def caleitc(
    p: ModuleType, g: Gate, income: Income, raw: Decimal, on_final_segment: bool, pending: list, explain: bool
) -> tuple[Status, Decimal, tuple]:
    """CalEITC (R&TC §17052): the worksheet amount, rounded, when every shared condition holds and there are earnings."""
    earned = income.earned_income
    amount = whole(raw)
    if g.blocked or earned <= ZERO or amount <= ZERO:
        if not explain:
            return Status.NOT_ELIGIBLE, ZERO, ()
        reasons = list(g.reasons)
        if earned <= ZERO:
            reasons.append(m.CA_NO_EARNED_INCOME.reason())
        if not reasons:
            reasons.append(m.CA_INCOME_TOO_HIGH.reason(limit=dollars(p.CA_EITC_EARNED_INCOME_LIMIT.value)))
        return Status.NOT_ELIGIBLE, ZERO, tuple(reasons + g.child_reasons)
    if not explain:
        return Status.ELIGIBLE, amount, ()
    n = len(g.children)
    lead = [m.CA_ELIGIBLE.reason(count=n)]
    if g.uses_itin:
        lead.append(m.CA_ITIN_OK.reason())
    if on_final_segment:
        lead.append(m.CA_FLOOR_UNCERTAIN.reason(year=p.CA_FIGURES_YEAR, floor=dollars(p.CA_EITC_FLOOR.value[min(n, 3)])))
    return Status.ELIGIBLE, amount, tuple(lead + pending + g.child_reasons)


def yctc(
    h: Household, p: ModuleType, g: Gate, income: Income, caleitc_allowed: bool, pending: list, explain: bool
) -> tuple[Status, Decimal, tuple]:
    """Young Child Tax Credit (R&TC §17052.1): $1,189 per return with a CalEITC child under 6.

    With the CalEITC allowed: the phase-out over $27,425 of earned income ($21.71 per $100 or
    part). With earned income of zero or less: the zero-earnings rule, whose two readings [U]
    (facts §2.2) make the answer indeterminate where they differ.
    """
    earned = income.earned_income
    young = any(d.age < p.YCTC_CHILD_AGE_LIMIT.value for _, d in g.children)
    young_missing = [
        r for r, (_, d) in zip(g.child_reasons, _uncounted(h, p), strict=False) if d.age < p.YCTC_CHILD_AGE_LIMIT.value
    ] if explain else []
    reasons = list(g.reasons)
    blocked = g.blocked or not young
    if explain and not young:
        reasons.insert(0, m.YCTC_NO_CHILD.reason())
    lead: list = []
    amount = ZERO
    readings_differ = None
    if not blocked:
        if caleitc_allowed:
            amount = whole(phase_out(
                p.YCTC_AMOUNT.value, earned, p.YCTC_PHASE_OUT_START.value,
                p.YCTC_PHASE_OUT_STEP.value, p.YCTC_PHASE_OUT_PER_STEP.value,
            ))
            if explain and earned > p.YCTC_PHASE_OUT_START.value:
                (lead if amount > ZERO else reasons).append(_yctc_phase_reason(p))
        elif earned <= ZERO:
            # [U] facts §2.2: the limit read against the business loss alone (and wages), or
            # against the net loss after wages. Where the readings differ, say so, never pick one.
            threshold = p.YCTC_LOSS_THRESHOLD.value
            gross = income.wages <= threshold and -income.self_employment_income <= threshold
            net = -earned <= threshold
            if gross and net:
                amount = p.YCTC_AMOUNT.value
                if explain:
                    lead.append(m.YCTC_ZERO_EARNINGS.reason(limit=dollars(threshold)))
            elif gross or net:
                readings_differ = not explain or m.YCTC_READINGS_DIFFER.reason(
                    limit=dollars(threshold), net=dollars(whole(-earned)),
                    loss=dollars(-income.self_employment_income),
                )
            elif explain:
                reasons.append(m.YCTC_LOSS_TOO_LARGE.reason(limit=dollars(threshold)))
        elif explain:  # earned income in range always gives some CalEITC; kept for safety
            reasons.append(m.CA_INCOME_TOO_HIGH.reason(limit=dollars(p.CA_EITC_EARNED_INCOME_LIMIT.value)))
    if readings_differ is not None:
        return Status.INDETERMINATE, ZERO, (readings_differ, *pending, *young_missing) if explain else ()
    if blocked or amount <= ZERO:
        return Status.NOT_ELIGIBLE, ZERO, tuple(reasons + young_missing)
    if not explain:
        return Status.ELIGIBLE, amount, ()
    lead.insert(0, m.YCTC_ELIGIBLE.reason(max=dollars(p.YCTC_AMOUNT.value)))
    if g.uses_itin:
        lead.append(m.CA_ITIN_OK.reason())
    return Status.ELIGIBLE, amount, tuple(lead + pending + young_missing)


def fytc(
    h: Household, p: ModuleType, g: Gate, income: Income, caleitc_allowed: bool, pending: list, explain: bool
) -> tuple[Status, Decimal, tuple]:
    """Foster Youth Tax Credit (R&TC §17052.2): $1,189 per filer 18–25 who was in foster care, CalEITC allowed.

    Phased out like the YCTC. The eligibility rules are [U] in the facts file, so every eligible
    answer says so (``fytc_rules_unconfirmed``).
    """
    earned = income.earned_income
    reasons: list = []
    fosters = [(s, f) for s, f in filer_subjects(h.filers) if f.foster_youth]
    blocked = not fosters
    count = 0
    if explain and not fosters:
        reasons.append(m.FYTC_NOT_FOSTER.reason())
    for subject, filer in fosters:
        if p.FYTC_MIN_AGE.value <= filer.age <= p.FYTC_MAX_AGE.value:
            count += 1
        else:
            blocked = True
            if explain:
                reasons.append(m.FYTC_AGE.reason(subject=subject, age=filer.age))
    amount = ZERO
    if fosters:
        blocked = blocked or g.blocked or not caleitc_allowed
        if explain:
            reasons.extend(g.reasons)
            if not g.blocked and not caleitc_allowed:
                reasons.append(m.FYTC_NEEDS_CALEITC.reason())
        if count and not blocked:
            each = whole(phase_out(
                p.FYTC_AMOUNT.value, earned, p.FYTC_PHASE_OUT_START.value,
                p.FYTC_PHASE_OUT_STEP.value, p.FYTC_PHASE_OUT_PER_STEP.value,
            ))
            amount = each * count
            if explain and each <= ZERO:
                reasons.append(_yctc_phase_reason(p))
    if not count or blocked or amount <= ZERO:
        return Status.NOT_ELIGIBLE, ZERO, tuple(reasons)
    if not explain:
        return Status.ELIGIBLE, amount, ()
    lead = [m.FYTC_ELIGIBLE.reason(count=count, max=dollars(p.FYTC_AMOUNT.value)), m.FYTC_UNCERTAIN.reason()]
    if earned > p.FYTC_PHASE_OUT_START.value:
        lead.append(_yctc_phase_reason(p))
    return Status.ELIGIBLE, amount, tuple(lead + pending)


def _screen(h: Household, p: ModuleType, income: Income, explain: bool) -> tuple[tuple, tuple, tuple]:
    """Run the gate, then each credit in FTB 3514's order: CalEITC, YCTC, FYTC."""
    g = gate(h, p, income, explain)
    raw, on_final_segment = caleitc_raw(p, len(g.children), income)
    caleitc_allowed = not g.blocked and raw > ZERO
    pending = _pending_reasons(g.pending) if explain else []
    return (
        caleitc(p, g, income, raw, on_final_segment, pending, explain),
        yctc(h, p, g, income, caleitc_allowed, pending, explain),
        fytc(h, p, g, income, caleitc_allowed, pending, explain),
    )


def assess_california(h: Household, p: ModuleType, income: Income) -> tuple[Assessment, Assessment, Assessment]:
    """Return the CalEITC, YCTC and FYTC assessments."""
    return tuple(
        Assessment(key, status, amount, amount, reasons)
        for key, (status, amount, reasons) in zip(("ca_eitc", "ca_yctc", "ca_fytc"), _screen(h, p, income, True), strict=True)
    )


def california_amounts(h: Household, p: ModuleType, income: Income) -> tuple[Decimal, Decimal, Decimal]:
    """Return the three amounts without building a reason (the change search's rescreen)."""
    return tuple(amount for _, amount, _ in _screen(h, p, income, False))


def _yctc_phase_reason(p: ModuleType):
    """The reason that states where the YCTC/FYTC phase-out starts and by how much."""
    return m.YCTC_PHASE_OUT.reason(
        start=dollars(p.YCTC_PHASE_OUT_START.value), per_step=dollars(p.YCTC_PHASE_OUT_PER_STEP.value)
    )


def _uncounted(h: Household, p: ModuleType):
    """Yield (index, dependent) for CalEITC-age children without an SSN or ITIN, in gate order."""
    for i, d in enumerate(h.dependents):
        if is_eitc_child(d, p) and d.id_type not in CALIFORNIA_ID:
            yield i, d
