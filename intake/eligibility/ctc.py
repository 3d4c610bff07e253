"""Child Tax Credit (with the refundable additional credit) and Credit for Other Dependents, IRC §24.

Follows the 2025 Schedule 8812: the CTC ($2,200 per qualifying child with an SSN valid for work,
and a filer — or on a joint return one spouse — with one) and the ODC ($500 per other dependent
with an SSN, ITIN or ATIN, including children who miss the CTC only because of the SSN rules) are
added, reduced together by $50 per $1,000 or part of AGI over the threshold, then limited by income
tax. The ODC is applied first, against the reduction and against the tax, so the part left for
the refundable additional credit (Schedule 8812 line 16a) is the CTC: the total is the form's.

One small function per step of the form, in its order: ``count`` (lines 4–7), ``phase_out``
(lines 8–12), ``limit_by_tax`` (lines 13–14 and 16a), ``additional_ctc`` (Part II-A), then the
answers (``ctc_answer``, ``odc_answer``) with their reasons. ``schedule_8812`` runs the steps;
``assess_ctc_odc`` returns the two assessments and ``ctc_odc_outcomes`` only their
(status, amount, refundable amount), for the change search, which needs no reasons: both read the
same ``Sheet``, so their amounts cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import ModuleType

from intake.eligibility import catalogue as m
from intake.eligibility.children import (
    FEDERAL_TIN,
    FILER_SUBJECTS,
    PENDING,
    WORK_SSN,
    dependent_subject,
)
from intake.eligibility.facts import FilingStatus, Household
from intake.eligibility.federal_tax import Income
from intake.eligibility.money import ZERO, dollars, steps_up, whole
from intake.eligibility.result import Assessment, Status

CTC_KEY = "federal_ctc"
ODC_KEY = "federal_odc"
PLAUSIBLE_CHILD_AGE = 24  # explain the CTC age limit only for dependents who could be children


@dataclass(slots=True)
class Count:
    """Schedule 8812 lines 4 and 6: the children counted for the CTC and the dependents for the ODC.

    The reason lists are filled only when the count is *explained* (the full answer); the change
    search counts without them.
    """

    no_tin: bool = False  # a filer without any TIN: neither credit (§24(e)(2))
    filer_ssn: bool = False  # the taxpayer, or on a joint return one spouse, has a work SSN
    n_ctc: int = 0  # line 4
    n_odc: int = 0  # line 6
    has_ctc_child: bool = False
    moved: bool = False  # a child under 17 counted for the ODC only because of the SSN rule
    short_ctc: int = 0  # dependents under 7 months (not counted) who would count for the CTC with a release
    short_odc: int = 0  # … and for the ODC
    pending_filers: list = field(default_factory=list)
    pending_dependents: list = field(default_factory=list)
    ctc_reasons: list = field(default_factory=list)
    odc_reasons: list = field(default_factory=list)


def count(h: Household, p: ModuleType, release: bool, explain: bool) -> Count:
    """Lines 4–7: who counts (IRC §24(c)(1), §24(e), §24(h)(4), §24(h)(7)).

    A qualifying child under 17 counts for the CTC with a work SSN when a filer (one spouse on a
    joint return) has one too; otherwise a child with an SSN, ITIN or ATIN, and every other
    dependent with one, counts for the $500 ODC. A filer without any TIN blocks both. ``release``
    counts a dependent who lived with the filer under 7 months as if the residence test were met
    (the other parent's Form 8332); without it such a dependent counts for neither.
    """
    c = Count()
    filers = h.filers
    for subject, filer in zip(FILER_SUBJECTS, filers, strict=False):
        if filer.id_type not in FEDERAL_TIN:
            c.no_tin = True
            if explain:
                reason = m.FILER_NO_TIN.reason(subject=subject)
                c.ctc_reasons.append(reason)
                c.odc_reasons.append(reason)
        elif filer.id_type in PENDING:
            c.pending_filers.append(subject)
    c.filer_ssn = filer_ssn = any(f.id_type in WORK_SSN for f in filers)

    months = p.RESIDENCY_MIN_MONTHS.value  # lives_with_filer and is_ctc_age, inlined (hot loop)
    age_limit = p.CTC_CHILD_AGE_LIMIT.value
    for i, d in enumerate(h.dependents):
        # Which credit the dependent (residence aside) counts for: line 4 (CTC) for a child under
        # 17 with a work SSN when a filer has one (§24(h)(7)); else line 6 (ODC) for any dependent
        # with an SSN, ITIN or ATIN (§24(h)(4), §24(e)(1)); else neither.
        if d.age < age_limit and filer_ssn and d.id_type in WORK_SSN:
            counts_for = CTC_KEY
        elif d.id_type in FEDERAL_TIN:
            counts_for = ODC_KEY
        else:
            counts_for = None
        if not release and d.months_lived_with_filer < months:
            # Fewer than 7 months: counted only with more facts (Form 8332, support); the engine
            # screens both ways and says which question to ask when the answer depends on it.
            # What the dependent would count for with the release is kept, so that the other
            # way needs no second count.
            if counts_for is CTC_KEY:
                c.short_ctc += 1
            elif counts_for is ODC_KEY:
                c.short_odc += 1
            if explain:
                reason = m.RESIDENCY_NOT_COUNTED.reason(subject=dependent_subject(i), months=d.months_lived_with_filer)
                c.ctc_reasons.append(reason)
                c.odc_reasons.append(reason)
            continue
        if counts_for is CTC_KEY:
            c.has_ctc_child = True
            c.n_ctc += 1
            continue
        if counts_for is ODC_KEY:
            c.n_odc += 1
            if d.id_type in PENDING:
                c.pending_dependents.append(dependent_subject(i))
        if d.age < age_limit:
            c.has_ctc_child = True
            if d.id_type in FEDERAL_TIN:
                c.moved = True
            if explain and d.id_type not in WORK_SSN:
                c.ctc_reasons.append(m.CTC_CHILD_NO_SSN.reason(subject=dependent_subject(i)))
        elif explain and d.age < PLAUSIBLE_CHILD_AGE:
            c.ctc_reasons.append(m.CTC_CHILD_AGE.reason(subject=dependent_subject(i), age=d.age))
        if explain and counts_for is None:
            c.odc_reasons.append(m.ODC_DEPENDENT_NO_TIN.reason(subject=dependent_subject(i)))

    if explain:
        if not c.has_ctc_child:
            c.ctc_reasons.insert(0, m.CTC_NO_CHILD_UNDER_17.reason())
        elif not filer_ssn:
            c.ctc_reasons.insert(0, m.CTC_NO_FILER_SSN.reason(year=p.TAX_YEAR))
            if h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
                c.ctc_reasons.append(m.SPOUSE_FILES_JOINTLY.reason())
    if c.no_tin:
        c.n_ctc = c.n_odc = c.short_ctc = c.short_odc = 0
    return c


def phase_out(p: ModuleType, agi: Decimal, joint: bool, n_ctc: int, n_odc: int) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Lines 5 and 7–12: the credits before tax, reduced together (IRC §24(b)(1), §24(h)(2)–(4)).

    $2,200 per CTC child (line 5) and $500 per ODC dependent (line 7), less $50 for each $1,000 or
    part of AGI over $400,000 joint / $200,000 otherwise (lines 9–11, §24(h)(3)); the reduction
    falls on the ODC first. Returns the threshold, the reduction and the CTC and ODC left (line 12).
    """
    ctc_max = p.CTC_PER_CHILD.value * n_ctc
    odc_max = p.ODC_PER_DEPENDENT.value * n_odc
    threshold = p.CTC_PHASE_OUT_START.value["joint" if joint else "other"]
    reduction = p.CTC_PHASE_OUT_PER_STEP.value * steps_up(agi - threshold, p.CTC_PHASE_OUT_STEP.value)
    odc_after = max(ZERO, odc_max - reduction)
    ctc_after = max(ZERO, ctc_max - max(ZERO, reduction - odc_max))
    return threshold, reduction, ctc_after, odc_after


def limit_by_tax(ctc_after: Decimal, odc_after: Decimal, tax: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Lines 13–14 and 16a: the non-refundable part is limited by income tax, the ODC first.

    Returns the ODC and CTC used against the tax, and what is left for the additional CTC
    (line 16a, IRC §24(d)(1)).
    """
    odc_used = min(odc_after, tax)
    ctc_used = min(ctc_after, tax - odc_used)
    unused = ctc_after + odc_after - odc_used - ctc_used
    return odc_used, ctc_used, unused


def _actc(p: ModuleType, n_ctc: int, unused: Decimal, income: Income, eitc: Decimal) -> tuple[Decimal, bool]:
    """Return the additional (refundable) CTC, Schedule 8812 Part II-A, and whether the 3+ rule set it."""
    cap = min(unused, p.ACTC_MAX_PER_CHILD.value * n_ctc)
    fifteen = p.ACTC_PHASE_IN_RATE.value * max(ZERO, income.earned_income - p.ACTC_EARNED_INCOME_THRESHOLD.value)
    alternative = ZERO
    if n_ctc >= p.ACTC_ALTERNATIVE_MIN_CHILDREN.value:
        alternative = max(ZERO, income.social_security_taxes - eitc)
    best = max(fifteen, alternative)
    return whole(min(cap, best)), alternative > fifteen and cap > fifteen


def additional_ctc(
    p: ModuleType, n_ctc: int, unused: Decimal, income: Income,
    eitc_status: Status, eitc_amount: Decimal, eitc_candidate: Decimal,
) -> tuple[Decimal, bool, bool]:
    """Part II-A (lines 16a–27): the refundable additional CTC (IRC §24(d)(1)(B), §24(h)(5)–(6)).

    The smaller of line 16a and $1,700 per child, and of 15% of earned income over $2,500, or for
    3+ children the larger of that and social security taxes minus the EITC. Returns the ACTC,
    whether the 3+ rule set it, and whether it depends on an EITC that is still open (then the
    CTC is indeterminate).
    """
    if not n_ctc or unused <= ZERO:
        return ZERO, False, False
    actc, alternative_used = _actc(p, n_ctc, unused, income, eitc_amount if eitc_status is Status.ELIGIBLE else ZERO)
    ctc_open = eitc_status is Status.INDETERMINATE and _actc(p, n_ctc, unused, income, eitc_candidate)[0] != actc
    return actc, alternative_used, ctc_open


def _ctc_status(no_tin: bool, n_ctc: int, ctc_open: bool, amount: Decimal) -> Status:
    """The CTC's status: open while the ACTC depends on an open EITC; none without a counted child or an amount."""
    if ctc_open:
        return Status.INDETERMINATE
    if no_tin or n_ctc == 0 or amount <= ZERO:
        return Status.NOT_ELIGIBLE
    return Status.ELIGIBLE


def _odc_status(no_tin: bool, n_odc: int, odc_used: Decimal) -> Status:
    """The ODC's status: non-refundable, so eligible only with a counted dependent and tax to offset."""
    if no_tin or n_odc == 0 or odc_used <= ZERO:
        return Status.NOT_ELIGIBLE
    return Status.ELIGIBLE


@dataclass(slots=True)
class Sheet:
    """Every line of one Schedule 8812 run."""

    count: Count
    joint: bool
    threshold: Decimal
    reduction: Decimal
    ctc_after: Decimal
    odc_after: Decimal
    odc_used: Decimal
    ctc_used: Decimal
    actc: Decimal
    alternative_used: bool
    ctc_open: bool

    @property
    def ctc_amount(self) -> Decimal:
        return self.ctc_used + self.actc

    def ctc_status(self) -> Status:
        return _ctc_status(self.count.no_tin, self.count.n_ctc, self.ctc_open, self.ctc_amount)

    def odc_status(self) -> Status:
        return _odc_status(self.count.no_tin, self.count.n_odc, self.odc_used)


def _lines(
    p: ModuleType, income: Income, joint: bool, n_ctc: int, n_odc: int, tax: Decimal,
    eitc_status: Status, eitc_amount: Decimal, eitc_candidate: Decimal,
) -> tuple:
    """Lines 5–27 for counts already made: phase-out, tax limit, additional CTC."""
    threshold, reduction, ctc_after, odc_after = phase_out(p, income.agi, joint, n_ctc, n_odc)
    odc_used, ctc_used, unused = limit_by_tax(ctc_after, odc_after, tax)
    actc, alternative_used, ctc_open = additional_ctc(
        p, n_ctc, unused, income, eitc_status, eitc_amount, eitc_candidate
    )
    return threshold, reduction, ctc_after, odc_after, odc_used, ctc_used, actc, alternative_used, ctc_open


def schedule_8812(
    h: Household, p: ModuleType, income: Income, tax: Decimal,
    eitc_status: Status, eitc_amount: Decimal, eitc_candidate: Decimal, release: bool, explain: bool,
) -> Sheet:
    """Run the steps of Schedule 8812 in the form's order for one income tax figure."""
    c = count(h, p, release, explain)
    joint = h.filing_status is FilingStatus.MARRIED_FILING_JOINTLY
    lines = _lines(p, income, joint, c.n_ctc, c.n_odc, tax, eitc_status, eitc_amount, eitc_candidate)
    return Sheet(c, joint, *lines)


def ctc_answer(h: Household, p: ModuleType, s: Sheet) -> Assessment:
    """The CTC's answer with its reasons: amount = non-refundable part + ACTC (line 14 part + line 27)."""
    c = s.count
    reasons = c.ctc_reasons
    status = s.ctc_status()
    if status is Status.INDETERMINATE:
        return Assessment(CTC_KEY, status, ZERO, ZERO, (m.CTC_DEPENDS_ON_EITC.reason(), *reasons))
    if c.no_tin or c.n_ctc == 0:
        return Assessment(CTC_KEY, status, ZERO, ZERO, tuple(reasons))
    if status is Status.NOT_ELIGIBLE:
        if s.ctc_after <= ZERO:
            lead = m.CTC_PHASED_OUT.reason(threshold=dollars(s.threshold))
        else:
            lead = m.CTC_NO_TAX_NO_EARNINGS.reason(threshold=dollars(p.ACTC_EARNED_INCOME_THRESHOLD.value))
        return Assessment(CTC_KEY, status, ZERO, ZERO, (lead, *reasons))
    lead = [m.CTC_ELIGIBLE.reason(count=c.n_ctc)]
    if s.joint and any(f.id_type not in WORK_SSN for f in h.filers):
        lead.append(m.CTC_MIXED_STATUS_OK.reason())
    if s.reduction > ZERO:
        lead.append(m.CTC_PARTLY_PHASED_OUT.reason(threshold=dollars(s.threshold), reduction=dollars(s.reduction)))
    if s.actc > ZERO:
        lead.append(m.CTC_REFUNDABLE_LIMITED.reason(
            cap=dollars(p.ACTC_MAX_PER_CHILD.value), threshold=dollars(p.ACTC_EARNED_INCOME_THRESHOLD.value)))
    if s.alternative_used:
        lead.append(m.CTC_THREE_CHILD_ALTERNATIVE.reason(threshold=dollars(p.ACTC_EARNED_INCOME_THRESHOLD.value)))
    lead.extend(m.FILER_TIN_PENDING.reason(subject=x) for x in c.pending_filers)
    return Assessment(CTC_KEY, status, s.ctc_amount, s.actc, tuple(lead + reasons))


def odc_answer(p: ModuleType, s: Sheet, tax: Decimal) -> Assessment:
    """The ODC's answer with its reasons: non-refundable, limited by the tax before the CTC (line 14)."""
    c = s.count
    reasons = c.odc_reasons
    if c.no_tin:
        return Assessment(ODC_KEY, Status.NOT_ELIGIBLE, ZERO, None, tuple(reasons))
    if c.n_odc == 0:
        return Assessment(ODC_KEY, Status.NOT_ELIGIBLE, ZERO, None, (m.ODC_NO_DEPENDENTS.reason(), *reasons))
    lead = [m.ODC_CHILD_FROM_CTC.reason()] if c.moved else []
    if s.odc_status() is Status.NOT_ELIGIBLE:
        if s.odc_after <= ZERO:
            lead.insert(0, m.CTC_PHASED_OUT.reason(threshold=dollars(s.threshold)))
        else:
            lead.insert(0, m.ODC_NO_TAX.reason(tax=dollars(tax)))
        return Assessment(ODC_KEY, Status.NOT_ELIGIBLE, ZERO, None, tuple(lead + reasons))
    lead.insert(0, m.ODC_ELIGIBLE.reason(count=c.n_odc, each=dollars(p.ODC_PER_DEPENDENT.value)))
    if s.reduction > ZERO:
        lead.append(m.CTC_PARTLY_PHASED_OUT.reason(threshold=dollars(s.threshold), reduction=dollars(s.reduction)))
    if s.odc_used < s.odc_after:
        lead.append(m.ODC_LIMITED_BY_TAX.reason())
    lead.extend(m.FILER_TIN_PENDING.reason(subject=x) for x in c.pending_filers)
    lead.extend(m.DEPENDENT_TIN_PENDING.reason(subject=x) for x in c.pending_dependents)
    return Assessment(ODC_KEY, Status.ELIGIBLE, s.odc_used, None, tuple(lead + reasons))


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
    s = schedule_8812(h, p, income, tax, eitc.status, eitc.amount, eitc_candidate, release, explain=True)
    return ctc_answer(h, p, s), odc_answer(p, s, tax)


def ctc_odc_outcomes(
    h: Household, p: ModuleType, income: Income, figures: tuple[Decimal, ...], releases: tuple[bool, ...],
    eitc_status: Status, eitc_amount: Decimal, eitc_candidate: Decimal,
) -> dict[tuple[Decimal, bool], tuple[tuple, tuple]]:
    """Return the CTC's and ODC's ``Assessment.outcome()`` for each tax figure and release, without reasons.

    The dependents are counted once (``count`` keeps what the ones under 7 months would count for
    with the release); each combination then only runs the arithmetic of lines 5–27.
    """
    c = count(h, p, False, explain=False)
    joint = h.filing_status is FilingStatus.MARRIED_FILING_JOINTLY
    out = {}
    for release in releases:
        n_ctc = c.n_ctc + c.short_ctc if release else c.n_ctc
        n_odc = c.n_odc + c.short_odc if release else c.n_odc
        for figure in figures:
            _, _, _, _, odc_used, ctc_used, actc, _, ctc_open = _lines(
                p, income, joint, n_ctc, n_odc, figure, eitc_status, eitc_amount, eitc_candidate)
            ctc_status = _ctc_status(c.no_tin, n_ctc, ctc_open, ctc_used + actc)
            ctc = (ctc_status, ctc_used + actc, actc) if ctc_status is Status.ELIGIBLE else (ctc_status, ZERO, ZERO)
            odc_status = _odc_status(c.no_tin, n_odc, odc_used)
            odc = (odc_status, odc_used if odc_status is Status.ELIGIBLE else ZERO, None)
            out[(figure, release)] = (ctc, odc)
    return out
