"""What would change the answer, computed: try the edits the law offers, screen again, keep what moves.

The edits are only the ones a household can lawfully make before the return's due date, so a
listed change never needs a false statement:
- a person (filer or dependent) without an SSN valid for work *receives* one, issued before the
  due date (extensions included): IRC §24(h)(7), §32(m). Worded as a condition ("if … receives"):
  only someone entitled to an SSN can get one;
- a person with no number at all applies for an ITIN with Form W-7 sent with the return
  (§24(e); FTB CalEITC eligibility).
No edit touches ages, months, income, filing status or a ``declined`` answer. (Filing jointly
needs the spouse's facts, which a separate return does not record: that stays a question, as a
reason.) Scenarios are tried smallest first; for each credit below its best, a scenario is listed
when its ``amount_after`` is higher than today's amount and no smaller listed scenario already
gives that amount. Every scenario lists every edit it needs.

Deductions (``deductions`` in the output) get the same search. Of the edits above only a filer's
SSN can move one: the senior, tips and overtime deductions need the filer's work SSN
(§151(d)(5)(C), §224, §225; facts §1.4, §1A.6), and on a joint return with one spouse
without one the tips/overtime answer is open [U] until both have one. Car-loan interest has no ID
rule (§163(h)(4)), so no edit changes it; the QBI deduction (§199A) has none either but follows
taxable income, so it may move with the other deductions (the rescreen shows it). A married
filing separately return gets none of the four deductions, but a joint return needs the spouse's
facts, which a separate return does not record: that stays a reason (``deduction_needs_joint_return``).
"""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal
from operator import attrgetter

from intake.eligibility import catalogue as m
from intake.eligibility.children import CALIFORNIA_ID, WORK_SSN, dependent_subject, is_ctc_age, is_eitc_child
from intake.eligibility.facts import Dependent, Filer, FilingStatus, Household, IdType, rebuilt
from intake.eligibility.money import dollars
from intake.eligibility.result import Assessment, Edit, Message, Sentences

SSN = IdType.SSN.value
W7 = IdType.APPLYING.value
MAX_EDITS = 3  # taxpayer + spouse + one child: the largest combination the rules can need


def _open_credits(h: Household, p) -> tuple[bool, bool]:
    """Return whether an SSN could still raise the CTC, and the EITC, for this household's income.

    Cheap necessary conditions only (the search verifies everything it lists): the EITC needs
    earned income, investment income within the limit and income below the end of the largest
    credit; the CTC needs a child under 17 and income below the full phase-out.
    """
    earned = h.wages + h.self_employment_income
    agi = earned + h.other_income + h.investment_income
    joint = "joint" if len(h.filers) == 2 else "other"
    biggest, ctc_start, ctc_per_child_out = _limits(p, joint)
    eitc = earned > 0 and h.investment_income <= p.EITC_INVESTMENT_INCOME_LIMIT.value and max(agi, earned) < biggest
    age_limit = p.CTC_CHILD_AGE_LIMIT.value
    children = sum(1 for d in h.dependents if d.age < age_limit)  # is_ctc_age
    ctc = children > 0 and agi < ctc_start + ctc_per_child_out * children
    return ctc, eitc


_LIMITS: dict = {}


def _limits(p, joint: str) -> tuple:
    """The year's end of the largest EITC, CTC phase-out start, and AGI span over which one child's CTC phases out."""
    found = _LIMITS.get((p, joint))
    if found is None:
        biggest = p.EITC_PHASE_OUT_START.value[joint][3] + p.EITC_MAX.value[3] / p.EITC_PHASE_OUT_RATE.value[3]
        per_child = p.CTC_PER_CHILD.value * p.CTC_PHASE_OUT_STEP.value / p.CTC_PHASE_OUT_PER_STEP.value
        found = _LIMITS[(p, joint)] = (biggest, p.CTC_PHASE_OUT_START.value[joint], per_child)
    return found


def candidate_scenarios(h: Household, p) -> list[tuple[Edit, ...]]:
    """Return the scenarios worth screening, smallest first, without repeats.

    - a W-7 for each person without a number (ODC and California count an ITIN), and a filer's
      W-7 with each dependent's (a filer without a number blocks every credit);
    - for the CTC (a filer's SSN — one is enough — and the child's): each missing child SSN,
      alone when a filer has one, else with each filer's;
    - for the EITC (everyone's SSN): the missing filer SSNs together, alone and with each
      missing child SSN.
    - for the senior, tips and overtime deductions (a filer 65+ or with tips or overtime, not
      married filing separately): each filer's missing SSN alone, and every missing one together.
    SSN edits for the credits are tried only when the CTC or EITC could still grow at this income.
    """
    ctc_open, eitc_open = _open_credits(h, p)
    deduction_open = h.filing_status is not FilingStatus.MARRIED_FILING_SEPARATELY and _deduction_by_filer_id(h, p)
    w7: list[Edit] = []
    filers_without: list[Edit] = []
    ctc_children: list[Edit] = []
    eitc_children: list[Edit] = []
    for name, filer in zip(("taxpayer", "spouse"), h.filers, strict=False):
        if filer.id_type is IdType.DECLINED or filer.id_type in WORK_SSN:
            continue
        if filer.id_type is IdType.NONE:
            w7.append(Edit(f"{name}.id_type", W7))
        filers_without.append(Edit(f"{name}.id_type", SSN))
    dependent_w7 = []
    for i, d in enumerate(h.dependents):
        if d.id_type is IdType.DECLINED or d.id_type in WORK_SSN:
            continue
        edit = Edit(f"dependents.{i}.id_type", SSN)
        if d.id_type is IdType.NONE:
            dependent_w7.append(Edit(f"dependents.{i}.id_type", W7))
        if is_ctc_age(d, p):
            ctc_children.append(edit)
        if is_eitc_child(d, p):
            eitc_children.append(edit)

    found: list[tuple[Edit, ...]] = [(e,) for e in (*w7, *dependent_w7)]
    found += [(f, d) for f in w7 for d in dependent_w7]
    filer_has_ssn = len(filers_without) < len(h.filers)
    if ctc_open:
        if filer_has_ssn:
            found += [(c,) for c in ctc_children]
        else:
            found += [(f,) for f in filers_without]  # a child who already has an SSN
            found += [(f, c) for f in filers_without for c in ctc_children]
    if eitc_open:
        everyone = tuple(filers_without)
        if everyone:
            found.append(everyone)
        found += [(*everyone, c) for c in eitc_children]
    if deduction_open and filers_without:
        found += [(f,) for f in filers_without]
        found.append(tuple(filers_without))
    seen: set = set()
    out = []
    for scenario in sorted(found, key=len):
        key = frozenset(scenario)
        if scenario and len(scenario) <= MAX_EDITS and key not in seen:
            seen.add(key)
            out.append(scenario)
    return out


_PARSED: dict[Edit, tuple[str, int, IdType]] = {}


def parsed(edit: Edit) -> tuple[str, int, IdType]:
    """Return whom an edit is about — ("taxpayer", 0), ("spouse", 1) or ("dependent", i) — and its ID type.

    Memoised: the search makes the same few edits (a person's SSN or W-7) for thousands of households.
    """
    found = _PARSED.get(edit)
    if found is None:
        parts = edit.path.split(".")
        if parts[0] == "dependents":
            found = ("dependent", int(parts[1]), IdType(edit.value))
        else:
            found = (parts[0], 0 if parts[0] == "taxpayer" else 1, IdType(edit.value))
        if len(_PARSED) > 10_000:
            _PARSED.clear()
        _PARSED[edit] = found
    return found


def _all_but_id(cls) -> attrgetter:
    """A getter of every field after ``id_type`` (the first), in the constructor's order."""
    names = [f.name for f in fields(cls)]
    if names[0] != "id_type":
        raise TypeError(f"{cls.__name__} must start with id_type to be edited here: {names}")
    return attrgetter(*names[1:])


_FILER_REST = _all_but_id(Filer)
_DEPENDENT_REST = _all_but_id(Dependent)
_HOUSEHOLD_NAMES = tuple(f.name for f in fields(Household))
if _HOUSEHOLD_NAMES[3:6] != ("taxpayer", "spouse", "dependents"):
    raise TypeError(f"Household's people must be its fields 4–6 to be edited here: {_HOUSEHOLD_NAMES}")
_HOUSEHOLD_HEAD = attrgetter(*_HOUSEHOLD_NAMES[:3])
_HOUSEHOLD_TAIL = attrgetter(*_HOUSEHOLD_NAMES[6:])


def apply_scenario(h: Household, scenario: tuple[Edit, ...]) -> Household:
    """Return the household with every edit made (only ``id_type`` paths are produced here).

    Every other field is copied as it is (the getters are built from the dataclasses' fields, so
    a field added later is copied too); the change search calls this for every scenario it screens.
    """
    filers = [h.taxpayer, h.spouse]
    dependents = h.dependents
    edited = None
    for edit in scenario:
        kind, index, value = parsed(edit)
        if kind == "dependent":
            if edited is None:
                edited = list(dependents)
            edited[index] = Dependent(value, *_DEPENDENT_REST(edited[index]))
        else:
            filers[index] = Filer(value, *_FILER_REST(filers[index]))
    if edited is not None:
        dependents = tuple(edited)
    return Household(*_HOUSEHOLD_HEAD(h), filers[0], filers[1], dependents, *_HOUSEHOLD_TAIL(h))


def _subject(path: str) -> tuple[str, bool]:
    parts = path.split(".")
    if parts[0] == "dependents":
        return dependent_subject(int(parts[1])), True
    return parts[0], False


# The deduction a filer's SSN can change, and the section that asks for it.
DEDUCTION_CITATIONS = {
    "senior": "IRC §151(d)(5)(C); P.L. 119-21 §70103",
    "tips": "IRC §224 as added by P.L. 119-21 §70201",
    "overtime": "IRC §225 as added by P.L. 119-21 §70202",
    "qbi": "IRC §199A(a)",
    "car_loan_interest": "IRC §163(h)(4)",
}


def _deduction_by_filer_id(h: Household, p) -> bool:
    """Whether a filer's ID can change the tax: only through the senior, tips and overtime deductions."""
    return any(
        f.age >= p.SENIOR_DEDUCTION_AGE.value or f.qualified_tips or f.qualified_overtime for f in h.filers
    )


def _describe_deduction(key: str, scenario: tuple[Edit, ...], amount: Decimal):
    """The change for a deduction: only filers' SSN edits reach here (see the module docstring)."""
    citation = DEDUCTION_CITATIONS[key]
    if len(scenario) == 1:
        return m.DEDUCTION_FILER_SSN.change(
            scenario=scenario, amount_after=amount, citation=citation,
            subject=_subject(scenario[0].path)[0], amount=dollars(amount),
        )
    parts = tuple(
        Message(m.EDIT_SSN if e.value == SSN else m.EDIT_W7, {"subject": _subject(e.path)[0]}) for e in scenario
    )
    return m.DEDUCTION_COMBINED_CHANGES.change(
        scenario=scenario, amount_after=amount, citation=citation, amount=dollars(amount), edits=Sentences(parts)
    )


def _describe(scenario: tuple[Edit, ...], amount: Decimal):
    if len(scenario) == 1:
        edit = scenario[0]
        subject, dependent = _subject(edit.path)
        if edit.value == SSN:
            spec = m.CHILD_SSN_BY_DUE_DATE if dependent else m.FILER_SSN_BY_DUE_DATE
        else:
            spec = m.DEPENDENT_W7 if dependent else m.FILER_W7
        return spec.change(scenario=scenario, amount_after=amount, subject=subject, amount=dollars(amount))
    parts = tuple(
        Message(m.EDIT_SSN if e.value == SSN else m.EDIT_W7, {"subject": _subject(e.path)[0]}) for e in scenario
    )
    return m.COMBINED_CHANGES.change(
        scenario=scenario, amount_after=amount, amount=dollars(amount), edits=Sentences(parts)
    )


def with_changes(
    h: Household, p, run, declined: bool, screen_amounts
) -> tuple[dict[str, Assessment], dict[str, Assessment]]:
    """Return the run's credits and deductions, each with its ``changes`` found by screening the edited household again.

    ``screen_amounts`` is the engine's screening of a household with known IDs, amounts only
    (passed in, so this module does not import the engine that imports it): the amounts are the
    full screening's, and the messages are built only for the changes listed.
    """
    credits, deductions = run.credits, run.deductions
    if declined:
        # The answer already depends on an unknown ID; edits on top of it are not searched.
        return (
            {key: replace(a, changes=()) for key, a in credits.items()},
            {key: replace(a, changes=()) for key, a in deductions.items()},
        )
    scenarios = candidate_scenarios(h, p)
    if not scenarios:
        return credits, deductions
    credit_search = _Search(credits, _describe_credit)
    deduction_search = _Search(deductions, _describe_deduction)
    rescreen = Rescreen(h, p, run, screen_amounts)
    for scenario in scenarios:
        credit_amounts, deduction_amounts = rescreen(scenario)
        people = frozenset(edit.path for edit in scenario)
        credit_search.add(scenario, people, credit_amounts)
        if deduction_amounts is not None:  # otherwise the deductions are today's
            deduction_search.add(scenario, people, deduction_amounts)
    return credit_search.result(), deduction_search.result()


class Rescreen:
    """Screen a household again with a scenario's edits, amounts only, reusing what the edits cannot change.

    What is reused is exactly what a full screening would compute again, because the rules read
    an ID type only through these sets:
    - the income never depends on an ID;
    - the tax depends on a filer's ID only through the senior deduction (the senior's own SSN)
      and the tips and overtime deductions (each filer's, on a joint return), and there only
      through "has an SSN valid for work": it is computed again only when a filer 65+ receives
      an SSN, or any filer does while a filer has tips or overtime;
    - the EITC reads IDs only as "SSN valid for work" for the filers and the qualifying children:
      it is computed again only when one of them receives an SSN;
    - California counts any SSN or ITIN: it is screened again only when a person without one is
      edited (else its keys are left out: today's answers stand).
    The rules never depend on the order of the filers or of the dependents, so two edited
    households with the same people (e.g. "the taxpayer gets an SSN" and "the spouse gets an SSN"
    when both hold ITINs and are alike otherwise) are screened once.
    """

    def __init__(self, h: Household, p, run, screen_amounts):
        self.h, self.p, self.run, self.screen_amounts = h, p, run, screen_amounts
        # The tax reads a filer's ID only as "SSN valid for work", in the senior deduction (the
        # senior's own) and in the tips and overtime deductions (every filer's, on a joint return).
        self.senior_age = p.SENIOR_DEDUCTION_AGE.value
        self.wage_deductions = any(f.qualified_tips or f.qualified_overtime for f in h.filers)
        self.filers = [_FILER_SIGNATURE(f) for f in h.filers]
        self.dependents = [_DEPENDENT_SIGNATURE(d) for d in h.dependents]
        # Two edited households can have the same people only if two people are alike apart
        # from their ID types; otherwise every scenario (a distinct set of edits) is screened once.
        self.alike = len(set(self.filers)) < len(self.filers) or len(set(self.dependents)) < len(self.dependents)
        self.screened: dict = {}

    def __call__(self, scenario: tuple[Edit, ...]) -> tuple[dict[str, Decimal], dict[str, Decimal] | None]:
        h, p = self.h, self.p
        california = tax_moves = eitc_moves = False
        for edit in scenario:
            kind, index, value = parsed(edit)
            if kind == "dependent":
                dependent = h.dependents[index]
                now = dependent.id_type
                eitc_moves = eitc_moves or (value in WORK_SSN and is_eitc_child(dependent, p))
            else:
                filer = h.taxpayer if index == 0 else h.spouse
                now = filer.id_type
                gives_ssn = value in WORK_SSN and now not in WORK_SSN
                tax_moves = tax_moves or (gives_ssn and (filer.age >= self.senior_age or self.wage_deductions))
                eitc_moves = eitc_moves or gives_ssn
            california = california or now not in CALIFORNIA_ID
        key = self._key(scenario, california) if self.alike else None
        after = self.screened.get(key) if key is not None else None
        if after is None:
            run = self.run
            after = self.screen_amounts(
                apply_scenario(h, scenario), p, income=run.income,
                tax=None if tax_moves else run.computation, california=california,
                eitc=None if eitc_moves else run.eitc,
            )
            if key is not None:
                self.screened[key] = after
        return after

    def _key(self, scenario: tuple[Edit, ...], california: bool) -> tuple:
        """The edited household's people, order-free (every field the rules read), and ``california``."""
        filers = [(f.id_type, sig) for f, sig in zip(self.h.filers, self.filers, strict=True)]
        dependents = [(d.id_type, sig) for d, sig in zip(self.h.dependents, self.dependents, strict=True)]
        for edit in scenario:
            kind, index, value = parsed(edit)
            if kind == "dependent":
                dependents[index] = (value, dependents[index][1])
            else:
                filers[index] = (value, filers[index][1])
        return (tuple(sorted(filers, key=_sortable)), tuple(sorted(dependents, key=_sortable)), california)


# Every field of a person the rules read, except the ID type (the edits change only that).
FILER_FIELDS = ("age", "foster_youth", "blind", "qualified_tips", "qualified_overtime", "itin_used_recently")
DEPENDENT_FIELDS = ("age", "full_time_student", "months_lived_with_filer", "permanently_disabled",
                    "relationship", "birth_year")


_FILER_SIGNATURE = attrgetter(*FILER_FIELDS)
_DEPENDENT_SIGNATURE = attrgetter(*DEPENDENT_FIELDS)


def _sortable(person: tuple) -> tuple:
    """An (ID type, fields) pair as a sortable tuple (``None`` sorts apart from every value)."""
    id_type, fields_ = person
    return (id_type, tuple((value is None, 0 if value is None else value) for value in fields_))


def _describe_credit(key: str, scenario: tuple[Edit, ...], amount: Decimal):
    return _describe(scenario, amount)


class _Search:
    """The changes found for one group of answers (the credits, or the deductions)."""

    __slots__ = ("now", "describe", "found", "listed")

    def __init__(self, now: dict[str, Assessment], describe):
        self.now = now
        self.describe = describe
        self.found: dict[str, list] = {key: [] for key in now}
        self.listed: dict[str, list[tuple[frozenset[str], Decimal]]] = {key: [] for key in now}

    def add(self, scenario: tuple[Edit, ...], people: frozenset[str], after: dict[str, Decimal]) -> None:
        """Keep a scenario for each answer it raises, unless a listed one for fewer people already does."""
        for key, a in self.now.items():
            amount = after.get(key)
            if amount is None:
                continue
            if amount <= a.amount:
                continue
            # A listed scenario for the same people or fewer that already reaches this amount
            # makes this one redundant.
            if any(previous <= people and value >= amount for previous, value in self.listed[key]):
                continue
            self.listed[key].append((people, amount))
            self.found[key].append(self.describe(key, scenario, amount))

    def result(self) -> dict[str, Assessment]:
        return {
            key: rebuilt(a, changes=tuple(self.found[key])) if self.found[key] or a.changes else a
            for key, a in self.now.items()
        }
