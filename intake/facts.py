"""The plain facts of a household for the eligibility rules, from a saved row or from form values.

The one adapter between the intake records and the pure engine (``intake/eligibility/``): the
results page, the client summary, the season counters and the demo data all go through it, so a
household is turned into facts in exactly one way. ``DEPENDENT_FIELDS`` is the one list of what a
dependent is; the form, the services, this adapter and the edit-conflict page read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings

from intake.eligibility.facts import Dependent as DependentFacts
from intake.eligibility.facts import Filer, FilingStatus, IdType
from intake.eligibility.facts import Household as HouseholdFacts

DEPENDENT_FIELDS = (
    "id_type", "age", "full_time_student", "permanently_disabled", "months_lived_with_filer",
    "relationship", "birth_year",
)
# The household fields the rules read (the rest of the record is for the desk, not the rules).
FACT_FIELDS = (
    "tax_year",
    "filing_status",
    "taxpayer_id_type",
    "taxpayer_age",
    "taxpayer_foster_youth",
    "spouse_id_type",
    "spouse_age",
    "spouse_foster_youth",
    "taxpayer_qualified_tips",
    "taxpayer_qualified_overtime",
    "taxpayer_blind",
    "taxpayer_itin_used_recently",
    "spouse_qualified_tips",
    "spouse_qualified_overtime",
    "spouse_blind",
    "spouse_itin_used_recently",
    "wages",
    "self_employment_income",
    "other_income",
    "investment_income",
    "car_loan_interest",
)
_ITIN_USE = {"yes": True, "no": False}


def _filer(values: Mapping[str, Any], person: str) -> Filer:
    return Filer(
        id_type=IdType(values[f"{person}_id_type"]),
        age=values.get(f"{person}_age") or 0,
        foster_youth=bool(values.get(f"{person}_foster_youth")),
        blind=bool(values.get(f"{person}_blind")),
        qualified_tips=values.get(f"{person}_qualified_tips") or 0,
        qualified_overtime=values.get(f"{person}_qualified_overtime") or 0,
        itin_used_recently=_ITIN_USE.get(values.get(f"{person}_itin_used_recently") or ""),
    )


def dependent_values(dependent) -> dict[str, Any]:
    """Return a saved dependent as the plain values the form and the services use."""
    return {name: getattr(dependent, name) for name in DEPENDENT_FIELDS}


def household_values(household) -> dict[str, Any]:
    """Return the fields of a saved household that the rules read."""
    return {name: getattr(household, name) for name in FACT_FIELDS}


def facts_from_values(
    values: Mapping[str, Any], dependents: Iterable[Mapping[str, Any]], *, id: str = "anonymous"
) -> HouseholdFacts:
    """Return the facts for a household given as plain values (a form's, or a saved row's)."""
    spouse = None
    if values.get("filing_status") == FilingStatus.MARRIED_FILING_JOINTLY.value and values.get("spouse_id_type"):
        spouse = _filer(values, "spouse")
    return HouseholdFacts(
        id=id,
        tax_year=values.get("tax_year") or settings.CONFIANZA_TAX_YEAR,
        filing_status=FilingStatus(values["filing_status"]),
        taxpayer=_filer(values, "taxpayer"),
        spouse=spouse,
        dependents=tuple(
            DependentFacts(
                id_type=IdType(d["id_type"]),
                age=d["age"],
                full_time_student=bool(d.get("full_time_student")),
                months_lived_with_filer=d.get("months_lived_with_filer", 12),
                permanently_disabled=bool(d.get("permanently_disabled")),
                relationship=d.get("relationship") or "child",
                birth_year=d.get("birth_year"),
            )
            for d in dependents
        ),
        wages=values.get("wages", 0),
        self_employment_income=values.get("self_employment_income", 0),
        other_income=values.get("other_income", 0),
        investment_income=values.get("investment_income", 0),
        car_loan_interest=values.get("car_loan_interest") or 0,
    )


def household_facts(household) -> HouseholdFacts:
    """Return the facts of a saved household. Uses prefetched dependents if present."""
    return facts_from_values(
        household_values(household),
        [dependent_values(d) for d in household.dependents.all()],
        id=household.code,
    )
