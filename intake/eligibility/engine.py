"""``assess``: every credit and deduction for one household, with nothing that is open guessed.

Open questions are screened both (or every) way and an answer is given only where it is the same
in every case; otherwise the credit is *indeterminate*, amount 0, with the question in its reason:
- a ``declined`` ID type: screened once for each ID type the person could have (types the rules
  treat alike are tried once). Above ``MAX_SCENARIOS`` combinations, only the credits an ID
  decides become indeterminate (those blocked by a fact that no ID changes keep their answer);
- a dependent who lived with the filer under 7 months: CTC/ODC with and without the release;
- a deduction the facts file leaves open: the credits limited by income tax, at both tax figures.
Then the change search (``changes.py``) tries the edits the law offers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from decimal import Decimal
from types import ModuleType

from django.utils.translation import gettext

from intake.eligibility import catalogue as m
from intake.eligibility.california import assess_california, california_amounts
from intake.eligibility.changes import with_changes
from intake.eligibility.children import dependent_subject
from intake.eligibility.ctc import assess_ctc_odc, ctc_odc_outcomes
from intake.eligibility.deductions import DEDUCTION_KEYS
from intake.eligibility.eitc import assess_eitc, eitc_outcome
from intake.eligibility.errors import HouseholdError
from intake.eligibility.facts import FilingStatus, Household, IdType, rebuilt
from intake.eligibility.federal_tax import Income, TaxComputation, federal_tax, income_for
from intake.eligibility.flags import household_flags
from intake.eligibility.money import ZERO
from intake.eligibility.params import BY_YEAR, SUPPORTED_TAX_YEARS, california_is_estimate
from intake.eligibility.result import CALIFORNIA_KEYS, CREDIT_KEYS, Assessment, Screening, Status

# One representative per class of ID types the rules distinguish.
FILER_OPTIONS = (IdType.SSN, IdType.ITIN, IdType.NONE)  # SSN not valid for work ≡ ITIN here
DEPENDENT_OPTIONS = (IdType.SSN, IdType.ITIN, IdType.ATIN, IdType.NONE)
MAX_SCENARIOS = 256

# Reasons that state a fact no ID type changes and that rule the credit (or deduction) out on
# their own: beyond MAX_SCENARIOS such an answer holds whatever the declined IDs are.
_CALIFORNIA_GATE = frozenset({
    "ca_not_resident", "ca_married_filing_separately", "ca_eitc_min_age",
    "ca_investment_income_over_limit", "ca_income_too_high",
})
DECIDED_WITHOUT_IDS = {
    "federal_ctc": frozenset({"ctc_no_child_under_17"}),
    "federal_odc": frozenset(),
    "federal_eitc": frozenset({"eitc_investment_income_over_limit", "eitc_no_earned_income", "eitc_mfs_no_child"}),
    "ca_eitc": _CALIFORNIA_GATE | {"ca_no_earned_income"},
    "ca_yctc": _CALIFORNIA_GATE,
    "ca_fytc": _CALIFORNIA_GATE | {"fytc_no_foster_youth"},
    "senior": frozenset({"senior_no_filer_65", "deduction_needs_joint_return"}),
    "tips": frozenset({"tips_none_entered", "deduction_needs_joint_return"}),
    "overtime": frozenset({"overtime_none_entered", "deduction_needs_joint_return"}),
    "car_loan_interest": None,  # no ID rule at all: always decided
    "qbi": frozenset({"qbi_no_business_profit", "qbi_above_threshold"}),
}
# California answers that an income limit decides: an estimate too while the limits are last year's.
_CA_LIMIT_CODES = frozenset({
    "ca_income_too_high", "ca_investment_income_over_limit", "yctc_phase_out", "yctc_losses_over_limit",
    "yctc_zero_earnings_readings_differ",
})


@dataclass(frozen=True, slots=True)
class Run:
    """One screening of a household whose ID types are all known."""

    tax: Decimal  # the higher figure when a deduction is open
    tax_open: bool
    credits: dict[str, Assessment]
    deductions: dict[str, Assessment]
    income: Income | None = None
    computation: TaxComputation | None = None
    eitc: tuple | None = None  # the EITC's (status, amount, amount if every open question were yes)


def parameters(tax_year: int) -> ModuleType:
    p = BY_YEAR.get(tax_year)
    if p is None:
        raise HouseholdError([(
            "tax_year",
            gettext("tax year %(year)s is not supported (supported: %(supported)s)")
            % {"year": tax_year, "supported": ", ".join(map(str, SUPPORTED_TAX_YEARS))},
        )])
    return p


def assess(household: Household, *, changes: bool = True) -> Screening:
    """Return the screening of every credit and deduction for ``household``.

    ``changes=False`` skips the change search (the search itself screens edited households so).
    """
    p = parameters(household.tax_year)
    household, status_flags = usable_filing_status(household)
    flags = status_flags + household_flags(household, p)
    declined = _declined(household)
    if not declined:
        run = assess_resolved(household, p)
    else:
        run = _assess_declined(household, p, declined)
    if run.tax_open:
        flags.append((m.FLAG_TAX_UNCERTAIN if declined else m.FLAG_TAX_RANGE).flag("household"))
    credits, deductions = run.credits, run.deductions
    if changes:
        credits, deductions = with_changes(household, p, run, bool(declined), screen_amounts)
    return Screening(household.id, household.tax_year, credits, run.tax, tuple(flags), deductions)


def usable_filing_status(h: Household) -> tuple[Household, list]:
    """Head of household and QSS need a qualifying person: without any dependent, screen as single.

    The JSON reader refuses such a household as an input problem; this covers facts built elsewhere.
    """
    needs_person = (FilingStatus.HEAD_OF_HOUSEHOLD, FilingStatus.QUALIFYING_SURVIVING_SPOUSE)
    if h.filing_status in needs_person and not h.dependents:
        return replace(h, filing_status=FilingStatus.SINGLE), [m.FLAG_STATUS_NEEDS_PERSON.flag("household")]
    return h, []


def assess_resolved(
    h: Household,
    p: ModuleType,
    *,
    income: Income | None = None,
    tax: TaxComputation | None = None,
    california: bool = True,
) -> Run:
    """Screen a household with every ID type known (no change search).

    The change search passes the income (ID types do not change it), the tax when the edits
    cannot change it, and ``california=False`` when they cannot change California's answers.
    """
    income = income or income_for(h, p)
    tax = tax or federal_tax(h, p, income)
    eitc, eitc_candidate = assess_eitc(h, p, income)
    ctc, odc = _ctc_odc(h, p, income, tax, eitc, eitc_candidate)
    credits = {"federal_ctc": ctc, "federal_odc": odc, "federal_eitc": eitc}
    if california:
        answers = assess_california(h, p, income)
        if california_is_estimate(p):
            answers = tuple(_estimate(a, p) for a in answers)
        credits.update(zip(("ca_eitc", "ca_yctc", "ca_fytc"), answers, strict=True))
    deductions = {key: tax.deductions[key].assessment for key in DEDUCTION_KEYS}
    return Run(tax.high, not tax.settled, credits, deductions, income, tax, (eitc.status, eitc.amount, eitc_candidate))


def _ctc_odc_ways(h, p, income, tax, eitc_status, eitc_amount, eitc_candidate):
    """Schedule 8812's outcomes at every open fact (tax figure; residence release), without reasons.

    Returns the dependents under 7 months, the CTC's and ODC's outcomes at the higher tax without
    the release, and, for each of the two, whether the answer depends on the release and whether
    it depends on the tax figure.
    """
    months = p.RESIDENCY_MIN_MONTHS.value
    short = [i for i, d in enumerate(h.dependents) if d.months_lived_with_filer < months]
    figures = (tax.high,) if tax.settled else (tax.high, tax.low)
    releases = (False, True) if short else (False,)
    runs = ctc_odc_outcomes(h, p, income, figures, releases, eitc_status, eitc_amount, eitc_candidate)
    base = runs[(tax.high, False)]
    if tax.settled and not short:
        return short, base, _SETTLED
    ways = []
    for index in (0, 1):
        by_release = any(runs[(f, False)][index] != runs[(f, True)][index] for f in figures) if short else False
        by_tax = any(
            runs[(tax.high, r)][index] != runs[(tax.low, r)][index] for r in releases
        ) if not tax.settled else False
        ways.append((by_release, by_tax))
    return short, base, tuple(ways)


_SETTLED = ((False, False), (False, False))


def _has_short(h: Household, p: ModuleType) -> bool:
    """Whether a dependent lived with the filer under 7 months (then CTC/ODC are screened both ways)."""
    months = p.RESIDENCY_MIN_MONTHS.value
    return any(d.months_lived_with_filer < months for d in h.dependents)


def _ctc_odc(h, p, income, tax, eitc, eitc_candidate) -> tuple[Assessment, Assessment]:
    """Schedule 8812 at every open fact (tax figure; residence release) and the common answer."""
    base = assess_ctc_odc(h, p, income, tax.high, eitc, eitc_candidate, False)
    if tax.settled and not _has_short(h, p):
        return base  # nothing open: the one run is the answer
    short, _, ways = _ctc_odc_ways(h, p, income, tax, eitc.status, eitc.amount, eitc_candidate)
    out = []
    for answer, (by_release, by_tax) in zip(base, ways, strict=True):
        if by_release or by_tax:
            reasons = [r for r in answer.reasons if r.code != "residency_not_counted"]
            lead = []
            if by_release:
                lead += [
                    m.RESIDENCY_QUESTION.reason(subject=dependent_subject(i), months=h.dependents[i].months_lived_with_filer)
                    for i in short
                ]
            if by_tax:
                lead.append(m.TAX_DEPENDS_ON_DEDUCTION.reason())
            answer = Assessment(
                answer.key, Status.INDETERMINATE, ZERO, None if answer.refundable_amount is None else ZERO,
                tuple(lead + reasons), answer.changes,
            )
        out.append(answer)
    return out[0], out[1]


def screen_amounts(
    h: Household, p: ModuleType, *, income: Income, tax: TaxComputation | None, california: bool,
    eitc: tuple | None = None,
) -> tuple[dict[str, Decimal], dict[str, Decimal] | None]:
    """The amounts ``assess_resolved`` gives, without building a reason or a message.

    For the change search, which compares amounts only: the same steps run (``explain=False``
    in the rule modules), so the amounts are the full path's (a test checks it on thousands of
    households of both years). ``tax=None`` computes the tax (an edit can change it); then the
    deductions' amounts are returned too, else ``None`` (they are today's). ``eitc`` is the
    EITC's outcome when the caller knows the edits leave it as it was (``Run.eitc``).
    """
    deductions = None
    if tax is None:
        tax = federal_tax(h, p, income)
        deductions = {key: tax.deductions[key].assessment.amount for key in DEDUCTION_KEYS}
    eitc_status, eitc_amount, eitc_candidate = eitc or eitc_outcome(h, p, income)
    _, (ctc, odc), ways = _ctc_odc_ways(h, p, income, tax, eitc_status, eitc_amount, eitc_candidate)
    credits = {
        "federal_ctc": ZERO if any(ways[0]) else ctc[1],
        "federal_odc": ZERO if any(ways[1]) else odc[1],
        "federal_eitc": eitc_amount,
    }
    if california:
        credits.update(zip(("ca_eitc", "ca_yctc", "ca_fytc"), california_amounts(h, p, income), strict=True))
    return credits, deductions


def _estimate(a: Assessment, p: ModuleType) -> Assessment:
    """Mark a California answer that rests on last year's FTB figures (facts §2.4)."""
    if a.amount <= ZERO and not any(r.code in _CA_LIMIT_CODES for r in a.reasons):
        return a
    note = m.CA_ESTIMATE.reason(figures_year=p.CA_FIGURES_YEAR, year=p.TAX_YEAR)
    return rebuilt(a, reasons=(note, *a.reasons), estimate=True)


def _declined(h: Household) -> list[tuple[str, int]]:
    found = [("filer", i) for i, f in enumerate(h.filers) if f.id_type is IdType.DECLINED]
    found += [("dependent", i) for i, d in enumerate(h.dependents) if d.id_type is IdType.DECLINED]
    return found


def _subject(kind: str, index: int) -> str:
    return ("taxpayer", "spouse")[index] if kind == "filer" else dependent_subject(index)


def _resolve(h: Household, declined: list[tuple[str, int]], choice: tuple[IdType, ...]) -> Household:
    filers = list(h.filers)
    dependents = list(h.dependents)
    for (kind, index), id_type in zip(declined, choice, strict=True):
        if kind == "filer":
            filers[index] = replace(filers[index], id_type=id_type)
        else:
            dependents[index] = replace(dependents[index], id_type=id_type)
    return replace(
        h,
        taxpayer=filers[0],
        spouse=filers[1] if len(filers) > 1 else None,
        dependents=tuple(dependents),
    )


def _assess_declined(h: Household, p: ModuleType, declined: list[tuple[str, int]]) -> Run:
    options = [FILER_OPTIONS if kind == "filer" else DEPENDENT_OPTIONS for kind, _ in declined]
    subjects = [_subject(kind, index) for kind, index in declined]
    declined_reasons = [m.ID_DECLINED.reason(subject=s) for s in subjects]
    count = 1
    for option in options:
        count *= len(option)
    if count > MAX_SCENARIOS:
        return _beyond_cap(h, p, declined, declined_reasons)

    runs = [assess_resolved(_resolve(h, declined, choice), p) for choice in itertools.product(*options)]
    taxes = {run.tax for run in runs}

    def combine(attribute: str, key: str) -> Assessment:
        results = [getattr(run, attribute)[key] for run in runs]
        first = results[0]
        reasons = _common(results, "reasons")
        changes = _common(results, "changes")
        if len({a.outcome() for a in results}) == 1:
            return replace(first, reasons=tuple(reasons + [m.DECLINED_NO_EFFECT.reason()]), changes=tuple(changes))
        return Assessment(
            key, Status.INDETERMINATE, ZERO, None if first.refundable_amount is None else ZERO,
            tuple(declined_reasons + reasons), tuple(changes), first.estimate,
        )

    credits = {key: combine("credits", key) for key in CREDIT_KEYS}
    deductions = {key: combine("deductions", key) for key in DEDUCTION_KEYS}
    return Run(max(taxes), len(taxes) > 1 or any(run.tax_open for run in runs), credits, deductions)


def _beyond_cap(h, p, declined, declined_reasons) -> Run:
    """Too many unknowns to try them all: keep only the answers no ID type can change."""
    worst = assess_resolved(_resolve(h, declined, tuple(IdType.NONE for _ in declined)), p)
    best = assess_resolved(_resolve(h, declined, tuple(IdType.SSN for _ in declined)), p)

    def decide(a: Assessment) -> Assessment:
        codes = DECIDED_WITHOUT_IDS[a.key]
        if codes is None or (a.status is Status.NOT_ELIGIBLE and any(r.code in codes for r in a.reasons)):
            return replace(a, reasons=(*a.reasons, m.DECLINED_NO_EFFECT.reason()), changes=())
        return Assessment(
            a.key, Status.INDETERMINATE, ZERO, None if a.refundable_amount is None else ZERO,
            tuple(declined_reasons), (), a.estimate or a.key in CALIFORNIA_KEYS and california_is_estimate(p),
        )

    credits = {key: decide(a) for key, a in worst.credits.items()}
    deductions = {key: decide(a) for key, a in worst.deductions.items()}
    return Run(worst.tax, worst.tax != best.tax or worst.tax_open, credits, deductions)


def _common(results: list[Assessment], attribute: str) -> list:
    """Return the reasons (or changes) of the first result that every result gives."""
    rest = [{(item.code, item.message) for item in getattr(a, attribute)} for a in results[1:]]
    return [
        item for item in getattr(results[0], attribute)
        if all((item.code, item.message) in other for other in rest)
    ]
