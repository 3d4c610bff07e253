"""California credits claimed on FTB 3514: CalEITC (R&TC §17052), Young Child Tax Credit
(§17052.1) and Foster Youth Tax Credit (§17052.2).

California did not adopt the federal SSN rules: the taxpayer, the spouse and each qualifying child
need an SSN (any kind) or an ITIN; an ATIN or no number does not count. Married filing separately
is not eligible.
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
    return max(ZERO, amount - per_step * steps_up(earned - start, step))


@dataclass(slots=True)
class _Gate:
    """The conditions all three California credits share."""

    reasons: list
    changes: list
    children: list  # (subject, dependent) counted as CalEITC qualifying children
    child_reasons: list
    child_changes: list
    pending: list
    uses_itin: bool


def _gate(h: Household, p: ModuleType, income: Income) -> _Gate:
    reasons: list = []
    changes: list = []
    pending: list = []
    uses_itin = False
    if h.state != "CA":
        reasons.append(m.CA_NOT_RESIDENT.reason(state=h.state))
    if h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
        reasons.append(m.CA_MFS.reason())
        reasons.append(m.MFS_FILE_JOINTLY.reason())
    for subject, filer in filer_subjects(h.filers):
        if filer.id_type not in CALIFORNIA_ID:
            reasons.append(m.CA_FILER_NO_ID.reason(subject=subject))
        else:
            uses_itin = uses_itin or filer.id_type not in WORK_SSN
            if filer.id_type in PENDING:
                pending.append(subject)
    if not any(f.age >= p.CA_EITC_MIN_AGE.value for f in h.filers):
        reasons.append(m.CA_MIN_AGE.reason())
    if income.investment_income > p.CA_EITC_INVESTMENT_INCOME_LIMIT.value:
        reasons.append(
            m.CA_INVESTMENT_INCOME.reason(
                amount=dollars(income.investment_income), limit=dollars(p.CA_EITC_INVESTMENT_INCOME_LIMIT.value)
            )
        )
    limit = p.CA_EITC_EARNED_INCOME_LIMIT.value
    if income.earned_income >= limit or income.agi >= limit:
        reasons.append(m.CA_INCOME_TOO_HIGH.reason(limit=dollars(limit)))

    children: list = []
    child_reasons: list = []
    child_changes: list = []
    for i, d in enumerate(h.dependents):
        if not is_eitc_child(d, p):
            continue
        subject = dependent_subject(i)
        if d.id_type in CALIFORNIA_ID:
            children.append((subject, d))
            uses_itin = uses_itin or d.id_type not in WORK_SSN
            if d.id_type in PENDING:
                pending.append(subject)
        else:
            child_reasons.append(m.CA_CHILD_NO_ID.reason(subject=subject))
    return _Gate(reasons, changes, children, child_reasons, child_changes, pending, uses_itin)


def _pending_reasons(pending: list) -> list:
    return [
        (m.FILER_TIN_PENDING if s in ("taxpayer", "spouse") else m.DEPENDENT_TIN_PENDING).reason(subject=s)
        for s in pending
    ]


def assess_california(h: Household, p: ModuleType, income: Income) -> tuple[Assessment, Assessment, Assessment]:
    """Return the CalEITC, YCTC and FYTC assessments."""
    gate = _gate(h, p, income)
    earned = income.earned_income
    n = len(gate.children)
    raw, on_final_segment = ca_eitc_shape(p, n, earned)
    if income.agi > earned:
        # FTB 3514 worksheet: the credit on federal AGI too, and the smaller of the two (facts §2.1).
        on_agi, agi_final = ca_eitc_shape(p, n, income.agi)
        if on_agi < raw:
            raw, on_final_segment = on_agi, agi_final
    caleitc_allowed = not gate.reasons and raw > ZERO
    pending = _pending_reasons(gate.pending)

    # --- CalEITC ---
    reasons = list(gate.reasons)
    if earned <= ZERO:
        reasons.append(m.CA_NO_EARNED_INCOME.reason())
    amount = whole(raw)
    if not reasons and amount <= ZERO:
        reasons.append(m.CA_INCOME_TOO_HIGH.reason(limit=dollars(p.CA_EITC_EARNED_INCOME_LIMIT.value)))
    if reasons:
        ca_eitc = Assessment(
            "ca_eitc", Status.NOT_ELIGIBLE, ZERO, ZERO,
            tuple(reasons + gate.child_reasons), tuple(gate.changes + gate.child_changes),
        )
    else:
        lead = [m.CA_ELIGIBLE.reason(count=n)]
        if gate.uses_itin:
            lead.append(m.CA_ITIN_OK.reason())
        if on_final_segment:
            lead.append(m.CA_FLOOR_UNCERTAIN.reason(year=p.CA_FIGURES_YEAR, floor=dollars(p.CA_EITC_FLOOR.value[min(n, 3)])))
        ca_eitc = Assessment(
            "ca_eitc", Status.ELIGIBLE, amount, amount,
            tuple(lead + pending + gate.child_reasons), tuple(gate.child_changes),
        )

    # --- Young Child Tax Credit ---
    young = [s for s, d in gate.children if d.age < p.YCTC_CHILD_AGE_LIMIT.value]
    young_missing = [
        r for r, (i, d) in zip(gate.child_reasons, _uncounted(h, p), strict=False) if d.age < p.YCTC_CHILD_AGE_LIMIT.value
    ]
    reasons = list(gate.reasons)
    lead = []
    yctc_amount = ZERO
    yctc_open = None
    if not young:
        reasons.insert(0, m.YCTC_NO_CHILD.reason())
    if not reasons:
        if caleitc_allowed:
            yctc_amount = whole(phase_out(
                p.YCTC_AMOUNT.value, earned, p.YCTC_PHASE_OUT_START.value,
                p.YCTC_PHASE_OUT_STEP.value, p.YCTC_PHASE_OUT_PER_STEP.value,
            ))
            if earned > p.YCTC_PHASE_OUT_START.value:
                (lead if yctc_amount > ZERO else reasons).append(_yctc_phase_reason(p))
        elif earned <= ZERO:
            # [U] facts §2.2: the limit read against the business loss alone (and wages), or
            # against the net loss after wages. Where the readings differ, say so, never pick one.
            threshold = p.YCTC_LOSS_THRESHOLD.value
            gross = income.wages <= threshold and -income.self_employment_income <= threshold
            net = -earned <= threshold
            if gross and net:
                yctc_amount = p.YCTC_AMOUNT.value
                lead.append(m.YCTC_ZERO_EARNINGS.reason(limit=dollars(threshold)))
            elif gross or net:
                yctc_open = m.YCTC_READINGS_DIFFER.reason(
                    limit=dollars(threshold), net=dollars(whole(-earned)),
                    loss=dollars(-income.self_employment_income),
                )
            else:
                reasons.append(m.YCTC_LOSS_TOO_LARGE.reason(limit=dollars(threshold)))
        else:  # earned income in range always gives some CalEITC; kept for safety
            reasons.append(m.CA_INCOME_TOO_HIGH.reason(limit=dollars(p.CA_EITC_EARNED_INCOME_LIMIT.value)))
    if yctc_open is not None:
        yctc = Assessment(
            "ca_yctc", Status.INDETERMINATE, ZERO, ZERO,
            tuple([yctc_open, *pending, *young_missing]), tuple(gate.child_changes),
        )
    elif reasons or yctc_amount <= ZERO:
        yctc = Assessment(
            "ca_yctc", Status.NOT_ELIGIBLE, ZERO, ZERO,
            tuple(reasons + young_missing), tuple(gate.changes + gate.child_changes),
        )
    else:
        lead.insert(0, m.YCTC_ELIGIBLE.reason(max=dollars(p.YCTC_AMOUNT.value)))
        if gate.uses_itin:
            lead.append(m.CA_ITIN_OK.reason())
        yctc = Assessment(
            "ca_yctc", Status.ELIGIBLE, yctc_amount, yctc_amount,
            tuple(lead + pending + young_missing), tuple(gate.child_changes),
        )

    # --- Foster Youth Tax Credit ---
    reasons = []
    fosters = [(s, f) for s, f in filer_subjects(h.filers) if f.foster_youth]
    count = 0
    if not fosters:
        reasons.append(m.FYTC_NOT_FOSTER.reason())
    for subject, filer in fosters:
        if p.FYTC_MIN_AGE.value <= filer.age <= p.FYTC_MAX_AGE.value:
            count += 1
        else:
            reasons.append(m.FYTC_AGE.reason(subject=subject, age=filer.age))
    fytc_amount = ZERO
    if fosters:
        reasons.extend(gate.reasons)
        if not gate.reasons and not caleitc_allowed:
            reasons.append(m.FYTC_NEEDS_CALEITC.reason())
        if count and not reasons:
            each = whole(phase_out(
                p.FYTC_AMOUNT.value, earned, p.FYTC_PHASE_OUT_START.value,
                p.FYTC_PHASE_OUT_STEP.value, p.FYTC_PHASE_OUT_PER_STEP.value,
            ))
            fytc_amount = each * count
            if each <= ZERO:
                reasons.append(_yctc_phase_reason(p))
    if not count or reasons or fytc_amount <= ZERO:
        fytc = Assessment("ca_fytc", Status.NOT_ELIGIBLE, ZERO, ZERO, tuple(reasons), tuple(gate.changes if fosters else ()))
    else:
        lead = [m.FYTC_ELIGIBLE.reason(count=count, max=dollars(p.FYTC_AMOUNT.value)), m.FYTC_UNCERTAIN.reason()]
        if earned > p.FYTC_PHASE_OUT_START.value:
            lead.append(_yctc_phase_reason(p))
        fytc = Assessment("ca_fytc", Status.ELIGIBLE, fytc_amount, fytc_amount, tuple(lead + pending), ())
    return ca_eitc, yctc, fytc


def _yctc_phase_reason(p: ModuleType):
    return m.YCTC_PHASE_OUT.reason(
        start=dollars(p.YCTC_PHASE_OUT_START.value), per_step=dollars(p.YCTC_PHASE_OUT_PER_STEP.value)
    )


def _uncounted(h: Household, p: ModuleType):
    """Yield (index, dependent) for CalEITC-age children without an SSN or ITIN, in gate order."""
    for i, d in enumerate(h.dependents):
        if is_eitc_child(d, p) and d.id_type not in CALIFORNIA_ID:
            yield i, d
