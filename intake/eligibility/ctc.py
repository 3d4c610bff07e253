"""Child Tax Credit (with the refundable additional credit) and Credit for Other Dependents, IRC §24.

Follows the 2025 Schedule 8812: the CTC ($2,200 per qualifying child with an SSN valid for work,
and a filer — or on a joint return one spouse — with one) and the ODC ($500 per other dependent
with an SSN, ITIN or ATIN, including children who miss the CTC only because of the SSN rules) are
added, reduced together by $50 per $1,000 or part of AGI over the threshold, then limited by income
tax. The ODC is applied first, against the reduction and against the tax, so the part left for
the refundable additional credit (Schedule 8812 line 16a) is the CTC: the total is the form's.
"""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType

from intake.eligibility import catalogue as m
from intake.eligibility.children import (
    FEDERAL_TIN,
    PENDING,
    WORK_SSN,
    dependent_subject,
    filer_subjects,
    is_ctc_age,
    lives_with_filer,
)
from intake.eligibility.facts import FilingStatus, Household
from intake.eligibility.federal_tax import Income
from intake.eligibility.money import ZERO, dollars, steps_up, whole
from intake.eligibility.result import Assessment, Status

CTC_KEY = "federal_ctc"
ODC_KEY = "federal_odc"
PLAUSIBLE_CHILD_AGE = 24  # explain the CTC age limit only for dependents who could be children


def _actc(p: ModuleType, n_ctc: int, unused: Decimal, income: Income, eitc: Decimal) -> tuple[Decimal, bool]:
    """Return the additional (refundable) CTC, Schedule 8812 Part II, and whether the 3+ rule set it."""
    cap = min(unused, p.ACTC_MAX_PER_CHILD.value * n_ctc)
    fifteen = p.ACTC_PHASE_IN_RATE.value * max(ZERO, income.earned_income - p.ACTC_EARNED_INCOME_THRESHOLD.value)
    alternative = ZERO
    if n_ctc >= p.ACTC_ALTERNATIVE_MIN_CHILDREN.value:
        alternative = max(ZERO, income.social_security_taxes - eitc)
    best = max(fifteen, alternative)
    return whole(min(cap, best)), alternative > fifteen and cap > fifteen


def assess_ctc_odc(
    h: Household,
    p: ModuleType,
    income: Income,
    tax: Decimal,
    eitc: Assessment,
    eitc_candidate: Decimal,
    release: bool = False,
) -> tuple[Assessment, Assessment]:
    """Return the CTC and ODC assessments for one income tax figure.

    ``release``: count a dependent who lived with the filer under 7 months as if the residence
    test were met (the other parent's Form 8332 release); otherwise such a dependent counts for
    neither credit.
    """
    ctc_reasons: list = []
    ctc_changes: list = []
    odc_reasons: list = []
    odc_changes: list = []
    joint = h.filing_status is FilingStatus.MARRIED_FILING_JOINTLY

    no_tin = False
    pending_filers = []
    for subject, filer in filer_subjects(h.filers):
        if filer.id_type not in FEDERAL_TIN:
            no_tin = True
            for reasons in (ctc_reasons, odc_reasons):
                reasons.append(m.FILER_NO_TIN.reason(subject=subject))
        elif filer.id_type in PENDING:
            pending_filers.append(subject)
    filer_ssn = any(f.id_type in WORK_SSN for f in h.filers)

    n_ctc = n_odc = 0
    has_ctc_child = False
    moved = False
    pending_dependents = []
    for i, d in enumerate(h.dependents):
        subject = dependent_subject(i)
        if not lives_with_filer(d, p) and not release:
            # Fewer than 7 months: counted only with more facts (Form 8332, support); the caller
            # screens both ways and says which question to ask when the answer depends on it.
            reason = m.RESIDENCY_NOT_COUNTED.reason(subject=subject, months=d.months_lived_with_filer)
            ctc_reasons.append(reason)
            odc_reasons.append(reason)
            continue
        if is_ctc_age(d, p):
            has_ctc_child = True
            if d.id_type in WORK_SSN and filer_ssn:
                n_ctc += 1
                continue
            if d.id_type not in WORK_SSN:
                ctc_reasons.append(m.CTC_CHILD_NO_SSN.reason(subject=subject))
            if d.id_type in FEDERAL_TIN:
                moved = True
        elif d.age < PLAUSIBLE_CHILD_AGE:
            ctc_reasons.append(m.CTC_CHILD_AGE.reason(subject=subject, age=d.age))
        if d.id_type in FEDERAL_TIN:
            n_odc += 1
            if d.id_type in PENDING:
                pending_dependents.append(subject)
        else:
            odc_reasons.append(m.ODC_DEPENDENT_NO_TIN.reason(subject=subject))

    if not has_ctc_child:
        ctc_reasons.insert(0, m.CTC_NO_CHILD_UNDER_17.reason())
    elif not filer_ssn:
        ctc_reasons.insert(0, m.CTC_NO_FILER_SSN.reason(year=p.TAX_YEAR))
        if h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
            ctc_reasons.append(m.SPOUSE_FILES_JOINTLY.reason())
    if no_tin:
        n_ctc = n_odc = 0

    # Schedule 8812 lines 4–12: the combined credit and its phase-out (ODC reduced first).
    ctc_max = p.CTC_PER_CHILD.value * n_ctc
    odc_max = p.ODC_PER_DEPENDENT.value * n_odc
    threshold = p.CTC_PHASE_OUT_START.value["joint" if joint else "other"]
    reduction = p.CTC_PHASE_OUT_PER_STEP.value * steps_up(income.agi - threshold, p.CTC_PHASE_OUT_STEP.value)
    odc_after = max(ZERO, odc_max - reduction)
    ctc_after = max(ZERO, ctc_max - max(ZERO, reduction - odc_max))
    # Lines 13–14: the non-refundable part, limited by income tax (ODC first).
    odc_used = min(odc_after, tax)
    ctc_used = min(ctc_after, tax - odc_used)
    unused = ctc_after + odc_after - odc_used - ctc_used  # line 16a

    actc = ZERO
    alternative_used = False
    ctc_open = False
    if n_ctc and unused > ZERO:
        eitc_amount = eitc.amount if eitc.status is Status.ELIGIBLE else ZERO
        actc, alternative_used = _actc(p, n_ctc, unused, income, eitc_amount)
        if eitc.status is Status.INDETERMINATE:
            ctc_open = _actc(p, n_ctc, unused, income, eitc_candidate)[0] != actc

    # --- Child Tax Credit ---
    ctc_amount = ctc_used + actc
    if ctc_open:
        ctc_reasons.insert(0, m.CTC_DEPENDS_ON_EITC.reason())
        ctc = Assessment(CTC_KEY, Status.INDETERMINATE, ZERO, ZERO, tuple(ctc_reasons), tuple(ctc_changes))
    elif no_tin or n_ctc == 0:
        ctc = Assessment(CTC_KEY, Status.NOT_ELIGIBLE, ZERO, ZERO, tuple(ctc_reasons), tuple(ctc_changes))
    elif ctc_amount <= ZERO:
        if ctc_after <= ZERO:
            ctc_reasons.insert(0, m.CTC_PHASED_OUT.reason(threshold=dollars(threshold)))
        else:
            ctc_reasons.insert(0, m.CTC_NO_TAX_NO_EARNINGS.reason(threshold=dollars(p.ACTC_EARNED_INCOME_THRESHOLD.value)))
        ctc = Assessment(CTC_KEY, Status.NOT_ELIGIBLE, ZERO, ZERO, tuple(ctc_reasons), tuple(ctc_changes))
    else:
        lead = [m.CTC_ELIGIBLE.reason(count=n_ctc)]
        if joint and any(f.id_type not in WORK_SSN for f in h.filers):
            lead.append(m.CTC_MIXED_STATUS_OK.reason())
        if reduction > ZERO:
            lead.append(m.CTC_PARTLY_PHASED_OUT.reason(threshold=dollars(threshold), reduction=dollars(reduction)))
        if actc > ZERO:
            lead.append(
                m.CTC_REFUNDABLE_LIMITED.reason(
                    cap=dollars(p.ACTC_MAX_PER_CHILD.value), threshold=dollars(p.ACTC_EARNED_INCOME_THRESHOLD.value)
                )
            )
        if alternative_used:
            lead.append(m.CTC_THREE_CHILD_ALTERNATIVE.reason(threshold=dollars(p.ACTC_EARNED_INCOME_THRESHOLD.value)))
        lead.extend(m.FILER_TIN_PENDING.reason(subject=s) for s in pending_filers)
        ctc = Assessment(CTC_KEY, Status.ELIGIBLE, ctc_amount, actc, tuple(lead + ctc_reasons), tuple(ctc_changes))

    # --- Credit for Other Dependents ---
    if no_tin:
        odc = Assessment(ODC_KEY, Status.NOT_ELIGIBLE, ZERO, None, tuple(odc_reasons), tuple(odc_changes))
    elif n_odc == 0:
        odc_reasons.insert(0, m.ODC_NO_DEPENDENTS.reason())
        odc = Assessment(ODC_KEY, Status.NOT_ELIGIBLE, ZERO, None, tuple(odc_reasons), tuple(odc_changes))
    else:
        lead = []
        if moved:
            lead.append(m.ODC_CHILD_FROM_CTC.reason())
        if odc_used <= ZERO:
            if odc_after <= ZERO:
                lead.insert(0, m.CTC_PHASED_OUT.reason(threshold=dollars(threshold)))
            else:
                lead.insert(0, m.ODC_NO_TAX.reason(tax=dollars(tax)))
            odc = Assessment(ODC_KEY, Status.NOT_ELIGIBLE, ZERO, None, tuple(lead + odc_reasons), tuple(odc_changes))
        else:
            lead.insert(0, m.ODC_ELIGIBLE.reason(count=n_odc, each=dollars(p.ODC_PER_DEPENDENT.value)))
            if reduction > ZERO:
                lead.append(m.CTC_PARTLY_PHASED_OUT.reason(threshold=dollars(threshold), reduction=dollars(reduction)))
            if odc_used < odc_after:
                lead.append(m.ODC_LIMITED_BY_TAX.reason())
            lead.extend(m.FILER_TIN_PENDING.reason(subject=s) for s in pending_filers)
            lead.extend(m.DEPENDENT_TIN_PENDING.reason(subject=s) for s in pending_dependents)
            odc = Assessment(ODC_KEY, Status.ELIGIBLE, odc_used, None, tuple(lead + odc_reasons), tuple(odc_changes))
    return ctc, odc
