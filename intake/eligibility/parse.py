"""Build a ``facts.Household`` from the household JSON of docs/architecture.md, reporting every problem."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from clinic.validators import looks_like_tin
from intake.eligibility.errors import HouseholdError
from intake.eligibility.facts import RELATIONSHIPS, Dependent, Filer, FilingStatus, Household, IdType
from intake.eligibility.params import SUPPORTED_TAX_YEARS

MAX_AGE = 120
MAX_MONEY = 10_000_000  # whole dollars; matches intake.models.MAX_MONEY
MAX_DEPENDENTS = 12  # matches intake.models.MAX_DEPENDENTS

HOUSEHOLD_FIELDS = frozenset({
    "id", "tax_year", "state", "filing_status", "taxpayer", "spouse", "dependents",
    "wages", "self_employment_income", "other_income", "investment_income", "car_loan_interest",
})
FILER_FIELDS = frozenset({
    "id_type", "age", "foster_youth", "blind", "qualified_tips", "qualified_overtime", "itin_used_recently",
})
DEPENDENT_FIELDS = frozenset({
    "id_type", "age", "full_time_student", "months_lived_with_filer", "permanently_disabled",
    "relationship", "birth_year",
})
MIN_BIRTH_YEAR = 1900
FILER_ID_TYPES = tuple(t.value for t in IdType if t is not IdType.ATIN)
DEPENDENT_ID_TYPES = tuple(t.value for t in IdType)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        self.tax_year: int | None = None  # once read, for the birth-year check

    def problem(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def problems_for(self, prefix: str) -> bool:
        return any(path.startswith(prefix) for path, _ in self.problems)

    def unknown(self, obj: dict, allowed: frozenset, prefix: str) -> None:
        for key in obj:
            if key not in allowed:
                self.problem(f"{prefix}{key}", gettext("is not a known field"))

    def whole(self, obj: dict, key: str, path: str, low: int, high: int, default: int | None = None) -> int:
        if key not in obj or obj[key] is None:
            if default is None:
                self.problem(path, gettext("is required"))
                return low
            return default
        value = obj[key]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(path, gettext("must be a whole number from %(low)s to %(high)s") % {"low": low, "high": high})
            return low
        return value

    def boolean(self, obj: dict, key: str, path: str, *, nullable: bool = False) -> bool | None:
        value = obj.get(key, None if nullable else False)
        if value is None:
            return None if nullable else False
        if not isinstance(value, bool):
            self.problem(path, gettext("must be true, false or null") if nullable else gettext("must be true or false"))
            return None if nullable else False
        return value

    def choice(self, obj: dict, key: str, path: str, choices: tuple[str, ...]) -> str | None:
        value = obj.get(key)
        if value is None:
            self.problem(path, gettext("is required"))
            return None
        if value not in choices:
            self.problem(path, gettext("must be one of: %(choices)s") % {"choices": ", ".join(choices)})
            return None
        return value

    def filer(self, obj: Any, path: str) -> Filer | None:
        if not isinstance(obj, dict):
            self.problem(path, gettext("must be an object with id_type and age"))
            return None
        self.unknown(obj, FILER_FIELDS, f"{path}.")
        id_type = self.choice(obj, "id_type", f"{path}.id_type", FILER_ID_TYPES)
        age = self.whole(obj, "age", f"{path}.age", 0, MAX_AGE)
        foster = self.boolean(obj, "foster_youth", f"{path}.foster_youth")
        blind = self.boolean(obj, "blind", f"{path}.blind")
        tips = self.whole(obj, "qualified_tips", f"{path}.qualified_tips", 0, MAX_MONEY, default=0)
        overtime = self.whole(obj, "qualified_overtime", f"{path}.qualified_overtime", 0, MAX_MONEY, default=0)
        recent = self.boolean(obj, "itin_used_recently", f"{path}.itin_used_recently", nullable=True)
        if id_type is None:
            return None
        return Filer(
            IdType(id_type), age, foster_youth=foster, blind=blind,
            qualified_tips=tips, qualified_overtime=overtime, itin_used_recently=recent,
        )

    def dependent(self, obj: Any, path: str) -> Dependent | None:
        if not isinstance(obj, dict):
            self.problem(path, gettext("must be an object with id_type and age"))
            return None
        self.unknown(obj, DEPENDENT_FIELDS, f"{path}.")
        id_type = self.choice(obj, "id_type", f"{path}.id_type", DEPENDENT_ID_TYPES)
        age = self.whole(obj, "age", f"{path}.age", 0, MAX_AGE)
        student = self.boolean(obj, "full_time_student", f"{path}.full_time_student")
        months = self.whole(obj, "months_lived_with_filer", f"{path}.months_lived_with_filer", 0, 12, default=12)
        disabled = self.boolean(obj, "permanently_disabled", f"{path}.permanently_disabled")
        relationship = obj.get("relationship")
        if relationship is None:
            relationship = "child"
        elif relationship not in RELATIONSHIPS:
            self.problem(f"{path}.relationship", gettext("must be one of: %(choices)s") % {"choices": ", ".join(RELATIONSHIPS)})
        birth_year = None
        if obj.get("birth_year") is not None:
            birth_year = self.whole(obj, "birth_year", f"{path}.birth_year", MIN_BIRTH_YEAR, self.tax_year or 9999)
            if self.tax_year and birth_year != MIN_BIRTH_YEAR and self.tax_year - birth_year not in (age, age + 1):
                self.problem(
                    f"{path}.birth_year",
                    gettext("does not fit the age at the end of %(year)s (%(age)s)") % {"year": self.tax_year, "age": age},
                )
        if id_type is None:
            return None
        return Dependent(IdType(id_type), age, student, months, disabled, relationship, birth_year)


def parse_household(obj: Any) -> Household:
    """Return the household described by ``obj`` (decoded JSON); raise ``HouseholdError`` listing every problem."""
    r = _Reader()
    if not isinstance(obj, dict):
        raise HouseholdError([("", gettext("a household must be a JSON object"))])
    r.unknown(obj, HOUSEHOLD_FIELDS, "")

    household_id = obj.get("id", "")
    if isinstance(household_id, int) and not isinstance(household_id, bool):
        household_id = str(household_id)
    if not isinstance(household_id, str) or len(household_id) > 100:
        r.problem("id", gettext("must be a string of at most 100 characters"))
        household_id = ""
    elif looks_like_tin(household_id):
        # The clinic never records an ID number, not even as a household's label.
        r.problem("id", gettext("looks like a Social Security number or ITIN; use a visit code or any other label"))
        household_id = ""

    tax_year = obj.get("tax_year")
    if tax_year is None:
        r.problem("tax_year", gettext("is required"))
    elif isinstance(tax_year, bool) or not isinstance(tax_year, int):
        r.problem("tax_year", gettext("must be a whole number such as 2025"))
    elif tax_year not in SUPPORTED_TAX_YEARS:
        r.problem(
            "tax_year",
            gettext("tax year %(year)s is not supported (supported: %(supported)s)")
            % {"year": tax_year, "supported": ", ".join(map(str, SUPPORTED_TAX_YEARS))},
        )
    else:
        r.tax_year = tax_year

    state = obj.get("state", "CA")
    if not isinstance(state, str) or len(state.strip()) != 2 or not state.strip().isalpha():
        r.problem("state", gettext("must be a two-letter state code such as CA"))
        state = "CA"
    state = state.strip().upper()

    status_value = r.choice(obj, "filing_status", "filing_status", tuple(s.value for s in FilingStatus))
    status = FilingStatus(status_value) if status_value else None

    taxpayer = r.filer(obj.get("taxpayer"), "taxpayer")
    spouse = None
    spouse_obj = obj.get("spouse")
    if status is FilingStatus.MARRIED_FILING_JOINTLY:
        if spouse_obj is None:
            r.problem("spouse", gettext("is required for married_filing_jointly"))
        else:
            spouse = r.filer(spouse_obj, "spouse")
    elif spouse_obj is not None:
        r.problem("spouse", gettext("is given only for married_filing_jointly; leave it out or use null"))

    dependents: list[Dependent] = []
    raw_dependents = obj.get("dependents", [])
    if raw_dependents is None:
        raw_dependents = []
    if not isinstance(raw_dependents, list):
        r.problem("dependents", gettext("must be a list"))
    elif len(raw_dependents) > MAX_DEPENDENTS:
        r.problem("dependents", gettext("must list at most %(max)s dependents") % {"max": MAX_DEPENDENTS})
    else:
        for i, item in enumerate(raw_dependents):
            dependent = r.dependent(item, f"dependents[{i}]")
            if dependent is not None:
                dependents.append(dependent)

    wages = r.whole(obj, "wages", "wages", 0, MAX_MONEY, default=0)
    se = r.whole(obj, "self_employment_income", "self_employment_income", -MAX_MONEY, MAX_MONEY, default=0)
    other = r.whole(obj, "other_income", "other_income", 0, MAX_MONEY, default=0)
    investment = r.whole(obj, "investment_income", "investment_income", 0, MAX_MONEY, default=0)
    car_loan = r.whole(obj, "car_loan_interest", "car_loan_interest", 0, MAX_MONEY, default=0)
    filers = [f for f in (taxpayer, spouse) if f is not None]
    for name in ("qualified_tips", "qualified_overtime"):
        if sum(getattr(f, name) for f in filers) > wages:
            r.problem(name, gettext("is part of wages, so it cannot be more than wages (%(wages)s)") % {"wages": wages})
    if sum(f.qualified_tips + f.qualified_overtime for f in filers) > wages and all(
        sum(getattr(f, n) for f in filers) <= wages for n in ("qualified_tips", "qualified_overtime")
    ):
        r.problem("qualified_tips", gettext("tips and overtime together are part of wages, so they cannot be more than wages"))
    if status in (FilingStatus.HEAD_OF_HOUSEHOLD, FilingStatus.QUALIFYING_SURVIVING_SPOUSE) and not dependents \
            and not r.problems_for("dependents"):
        r.problem(
            "filing_status",
            gettext("%(status)s needs a qualifying person: list the dependent, or use another filing status")
            % {"status": status.value},
        )

    if r.problems:
        raise HouseholdError(r.problems)
    return Household(
        id=household_id,
        tax_year=tax_year,
        filing_status=status,
        taxpayer=taxpayer,
        spouse=spouse,
        dependents=tuple(dependents),
        state=state,
        wages=wages,
        self_employment_income=se,
        other_income=other,
        investment_income=investment,
        car_loan_interest=car_loan,
    )
