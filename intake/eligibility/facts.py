"""The plain facts the rules read: a household as frozen dataclasses, no ORM, no request.

This mirrors the household JSON contract in docs/architecture.md. Ages are at the end of the tax year,
money is in whole dollars. ``intake/eligibility/parse.py`` builds these from JSON; the intake app
builds them from its models.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields


class IdType(enum.StrEnum):
    """The *type* of taxpayer ID a person has. The number itself is never recorded."""

    SSN = "ssn"  # SSN valid for work
    SSN_NOT_VALID_FOR_EMPLOYMENT = "ssn_not_valid_for_employment"
    ITIN = "itin"
    ITIN_EXPIRED = "itin_expired"  # expired or being renewed
    APPLYING = "applying"  # W-7 filed with this return
    ATIN = "atin"  # adoption TIN, dependents only
    NONE = "none"
    DECLINED = "declined"  # the client chose not to say: credits that depend on it are indeterminate


RELATIONSHIPS = ("child", "stepchild", "foster_child", "sibling", "grandchild", "other_relative", "other")


class FilingStatus(enum.StrEnum):
    SINGLE = "single"
    HEAD_OF_HOUSEHOLD = "head_of_household"
    MARRIED_FILING_JOINTLY = "married_filing_jointly"
    MARRIED_FILING_SEPARATELY = "married_filing_separately"
    QUALIFYING_SURVIVING_SPOUSE = "qualifying_surviving_spouse"


@dataclass(frozen=True, slots=True)
class Filer:
    """The taxpayer or the spouse on a joint return."""

    id_type: IdType
    age: int
    # Optional facts beyond the contract in docs/architecture.md; defaults keep the contract's meaning.
    foster_youth: bool = False  # was in California foster care at 13 or older (FYTC)
    blind: bool = False  # adds to the standard deduction
    qualified_tips: int = 0  # part of wages, earned by this filer (§224)
    qualified_overtime: int = 0  # the FLSA overtime premium, part of wages (§225)
    itin_used_recently: bool | None = None  # on a federal return in any of the 3 prior years?


@dataclass(frozen=True, slots=True)
class Dependent:
    id_type: IdType
    age: int
    full_time_student: bool = False
    months_lived_with_filer: int = 12
    permanently_disabled: bool = False
    relationship: str = "child"  # one of RELATIONSHIPS
    birth_year: int | None = None  # optional; for the Trump-account pilot (age is still required)


@dataclass(frozen=True, slots=True)
class Household:
    id: str
    tax_year: int
    filing_status: FilingStatus
    taxpayer: Filer
    spouse: Filer | None = None
    dependents: tuple[Dependent, ...] = field(default_factory=tuple)
    state: str = "CA"
    wages: int = 0
    self_employment_income: int = 0
    other_income: int = 0
    investment_income: int = 0
    car_loan_interest: int = 0  # new U.S.-assembled vehicle, loan taken out after 2024 (§163(h)(4))

    @property
    def filers(self) -> tuple[Filer, ...]:
        return (self.taxpayer,) if self.spouse is None else (self.taxpayer, self.spouse)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def rebuilt(obj, **changes):
    """``dataclasses.replace`` for the engine's frozen dataclasses (every field is an init field).

    The same result without ``replace``'s per-field checks: the change search rebuilds a few
    households and answers for every household it screens.
    """
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return cls(*[changes[name] if name in changes else getattr(obj, name) for name in names])
