"""Intake test helpers: POST bodies for the household form, and the engine until it is merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from intake import eligibility


@dataclass
class _Item:
    code: str
    message: str
    citation: str = ""
    subject: str = ""


@dataclass
class _Assessment:
    label: str
    status: str
    amount: Decimal
    refundable_amount: Decimal | None = None
    reasons: list = field(default_factory=list)
    changes: list = field(default_factory=list)


@dataclass
class _Screening:
    credits: dict
    flags: list
    total_federal: Decimal
    total_california: Decimal
    total: Decimal
    federal_income_tax_before_credits: Decimal


def _fake_assess(facts):
    """Stand-in with the engine's shape (intake.eligibility.assess), for tests only."""
    kids = [d for d in facts.dependents if d.age < 17]
    ctc = Decimal(2200 * len(kids))
    credits = {
        "federal_ctc": _Assessment(
            "Child Tax Credit", "eligible" if ctc else "not_eligible", ctc, ctc,
            [_Item("ctc.children", f"{len(kids)} qualifying children", "IRC §24(c)")],
            [_Item("ctc.change", "If the spouse with an SSN files jointly", "IRC §24(h)(7)")],
        ),
        "federal_odc": _Assessment("Credit for Other Dependents", "not_eligible", Decimal(0)),
        "federal_eitc": _Assessment("Earned Income Tax Credit", "indeterminate", Decimal(0)),
        "ca_eitc": _Assessment("CalEITC", "eligible", Decimal(300), Decimal(300), [_Item("caleitc", "ITIN ok", "R&TC §17052")]),
        "ca_yctc": _Assessment("Young Child Tax Credit", "not_eligible", Decimal(0)),
        "ca_fytc": _Assessment("Foster Youth Tax Credit", "not_eligible", Decimal(0)),
    }
    flags = [_Item("itin.expired", "ITIN may have expired", "IRC §6109(i)(3)", "taxpayer")] if any(
        f.id_type.value == "itin_expired" for f in facts.filers
    ) else []
    return _Screening(credits, flags, ctc, Decimal(300), ctc + 300, Decimal(0))


@pytest.fixture(autouse=True)
def engine(monkeypatch):
    """Use the real engine when it is merged; until then a fake of the same shape."""
    if not hasattr(eligibility, "assess"):
        monkeypatch.setattr(eligibility, "assess", _fake_assess, raising=False)
    return eligibility.assess


def household_post(**overrides) -> dict:
    """Return a valid POST body for the household form, with three children by default."""
    data = {
        "filing_status": "married_filing_jointly",
        "taxpayer_id_type": "ssn",
        "taxpayer_age": "34",
        "spouse_id_type": "itin",
        "spouse_age": "33",
        "wages": "30,000",
        "self_employment_income": "",
        "other_income": "",
        "investment_income": "",
        "language": "es",
        "nickname": "",
        "notes": "",
        "dependents-TOTAL_FORMS": "3",
        "dependents-INITIAL_FORMS": "0",
        "dependents-MIN_NUM_FORMS": "0",
        "dependents-MAX_NUM_FORMS": "12",
    }
    kids = [("ssn", "4"), ("itin", "9"), ("applying", "16")]
    for index, (id_type, age) in enumerate(kids):
        data.update(
            {
                f"dependents-{index}-id_type": id_type,
                f"dependents-{index}-age": age,
                f"dependents-{index}-months_lived_with_filer": "12",
            }
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
