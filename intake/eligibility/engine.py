"""``assess``: every credit for one household, with a ``declined`` ID type never guessed.

When someone declined to give their ID type, the household is screened once for each ID type the
person could have (grouped so that types the rules treat alike are tried once). A credit whose
answer is the same in every case is given that answer; otherwise it is *indeterminate*, amount 0.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal
from types import ModuleType

from django.utils.translation import gettext

from intake.eligibility import catalogue as m
from intake.eligibility.california import assess_california
from intake.eligibility.children import dependent_subject
from intake.eligibility.ctc import assess_ctc_odc
from intake.eligibility.eitc import assess_eitc
from intake.eligibility.errors import HouseholdError
from intake.eligibility.facts import Household, IdType
from intake.eligibility.federal_tax import income_for, income_tax
from intake.eligibility.flags import household_flags
from intake.eligibility.money import ZERO
from intake.eligibility.params import BY_YEAR, SUPPORTED_TAX_YEARS
from intake.eligibility.result import CREDIT_KEYS, Assessment, Screening, Status

# One representative per class of ID types the rules distinguish.
FILER_OPTIONS = (IdType.SSN, IdType.ITIN, IdType.NONE)  # SSN not valid for work ≡ ITIN here
DEPENDENT_OPTIONS = (IdType.SSN, IdType.ITIN, IdType.ATIN, IdType.NONE)
MAX_SCENARIOS = 256


def assess(household: Household) -> Screening:
    """Return the screening of every credit for ``household``."""
    p = BY_YEAR.get(household.tax_year)
    if p is None:
        raise HouseholdError([(
            "tax_year",
            gettext("tax year %(year)s is not supported (supported: %(supported)s)")
            % {"year": household.tax_year, "supported": ", ".join(map(str, SUPPORTED_TAX_YEARS))},
        )])
    flags = household_flags(household)
    declined = _declined(household)
    if not declined:
        tax, credits = _assess_resolved(household, p)
    else:
        tax, credits, tax_uncertain = _assess_declined(household, p, declined)
        if tax_uncertain:
            flags.append(m.FLAG_TAX_UNCERTAIN.flag("household"))
    return Screening(household.id, household.tax_year, credits, tax, tuple(flags))


def _assess_resolved(h: Household, p: ModuleType) -> tuple[Decimal, dict[str, Assessment]]:
    income = income_for(h, p)
    tax = income_tax(h, p, income)
    eitc, eitc_candidate = assess_eitc(h, p, income)
    ctc, odc = assess_ctc_odc(h, p, income, tax, eitc, eitc_candidate)
    ca_eitc, yctc, fytc = assess_california(h, p, income)
    return tax, {
        "federal_ctc": ctc,
        "federal_odc": odc,
        "federal_eitc": eitc,
        "ca_eitc": ca_eitc,
        "ca_yctc": yctc,
        "ca_fytc": fytc,
    }


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


def _assess_declined(h: Household, p: ModuleType, declined: list[tuple[str, int]]):
    options = [FILER_OPTIONS if kind == "filer" else DEPENDENT_OPTIONS for kind, _ in declined]
    subjects = [_subject(kind, index) for kind, index in declined]
    declined_reasons = [m.ID_DECLINED.reason(subject=s) for s in subjects]
    count = 1
    for option in options:
        count *= len(option)
    if count > MAX_SCENARIOS:
        # Too many unknowns to try them all: nothing that depends on an ID is guessed.
        worst = _resolve(h, declined, tuple(IdType.NONE for _ in declined))
        tax, _ = _assess_resolved(worst, p)
        credits = {
            key: Assessment(key, Status.INDETERMINATE, ZERO, None if key == "federal_odc" else ZERO,
                            tuple(declined_reasons))
            for key in CREDIT_KEYS
        }
        return tax, credits, True

    runs = [_assess_resolved(_resolve(h, declined, choice), p) for choice in itertools.product(*options)]
    taxes = {tax for tax, _ in runs}
    credits = {}
    for key in CREDIT_KEYS:
        results = [run[key] for _, run in runs]
        first = results[0]
        reasons = _common(results, "reasons")
        changes = _common(results, "changes")
        if len({a.outcome() for a in results}) == 1:
            credits[key] = Assessment(
                key, first.status, first.amount, first.refundable_amount,
                tuple(reasons + [m.DECLINED_NO_EFFECT.reason()]), tuple(changes),
            )
        else:
            credits[key] = Assessment(
                key, Status.INDETERMINATE, ZERO, None if first.refundable_amount is None else ZERO,
                tuple(declined_reasons + reasons), tuple(changes),
            )
    return max(taxes), credits, len(taxes) > 1


def _common(results: list[Assessment], attribute: str) -> list:
    """Return the reasons (or changes) of the first result that every result gives."""
    rest = [{(item.code, item.message) for item in getattr(a, attribute)} for a in results[1:]]
    return [
        item for item in getattr(results[0], attribute)
        if all((item.code, item.message) in other for other in rest)
    ]
