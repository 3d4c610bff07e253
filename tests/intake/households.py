"""Builders for household JSON used by the eligibility tests (obviously fake data, fixed values)."""

from __future__ import annotations

from typing import Any

from intake.eligibility import assess, parse_household


def kid(id_type: str = "ssn", age: int = 4, **extra: Any) -> dict[str, Any]:
    return {"id_type": id_type, "age": age, **extra}


def household(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": fields.pop("id", "test"),
        "tax_year": 2025,
        "state": "CA",
        "filing_status": "single",
        "taxpayer": {"id_type": "ssn", "age": 34},
        "spouse": None,
        "dependents": [],
        "wages": 0,
        "self_employment_income": 0,
        "other_income": 0,
        "investment_income": 0,
    }
    if "taxpayer_id" in fields or "taxpayer_age" in fields:
        data["taxpayer"] = {"id_type": fields.pop("taxpayer_id", "ssn"), "age": fields.pop("taxpayer_age", 34)}
    if "spouse_id" in fields:
        data["spouse"] = {"id_type": fields.pop("spouse_id"), "age": fields.pop("spouse_age", 34)}
        data["filing_status"] = "married_filing_jointly"
    data.update(fields)
    return data


def screen(**fields: Any):
    return assess(parse_household(household(**fields)))


def amounts(screening) -> dict[str, tuple[str, int]]:
    return {key: (a.status.value, int(a.amount)) for key, a in screening.credits.items()}


def codes(screening) -> set[str]:
    found = {flag.code for flag in screening.flags}
    for a in (*screening.credits.values(), *screening.deductions.values()):
        found.update(r.code for r in a.reasons)
        found.update(c.code for c in a.changes)
    return found
