"""What the engine returns: a ``Screening`` with one ``Assessment`` per credit, plus flags."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

CREDIT_KEYS: tuple[str, ...] = ("federal_ctc", "federal_odc", "federal_eitc", "ca_eitc", "ca_yctc", "ca_fytc")
FEDERAL_KEYS = frozenset(("federal_ctc", "federal_odc", "federal_eitc"))
CALIFORNIA_KEYS = frozenset(("ca_eitc", "ca_yctc", "ca_fytc"))

CREDIT_LABELS = {
    "federal_ctc": _("Child Tax Credit"),
    "federal_odc": _("Credit for Other Dependents"),
    "federal_eitc": _("Earned Income Tax Credit"),
    "ca_eitc": _("California Earned Income Tax Credit"),
    "ca_yctc": _("Young Child Tax Credit"),
    "ca_fytc": _("Foster Youth Tax Credit"),
}

ZERO = Decimal(0)


class Status(enum.StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    INDETERMINATE = "indeterminate"


class Message:
    """A translatable message with named placeholders, rendered by ``str()`` in the active language.

    Lazy like ``gettext_lazy``: the template is a lazy translation, interpolated only when the
    message is turned into text, so one result can be shown in English and then in Spanish.
    """

    __slots__ = ("template", "params")

    def __init__(self, template: Any, params: dict[str, Any] | None = None):
        self.template = template
        self.params = params or {}

    def __str__(self) -> str:
        if self.params:
            return self.template % self.params
        return str(self.template)

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a credit is or is not available: stable code, plain-language message, citation."""

    code: str
    message: Message
    citation: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self.message), "citation": self.citation}


@dataclass(frozen=True, slots=True)
class Change:
    """What would change the answer, where the law offers a way."""

    code: str
    message: Message
    citation: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self.message), "citation": self.citation}


@dataclass(frozen=True, slots=True)
class Flag:
    """Something to act on before filing (ITIN lifecycle, missing numbers), about one person."""

    code: str
    message: Message
    citation: str
    subject: str  # "taxpayer", "spouse", "dependent 2", or "household"

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self.message), "citation": self.citation, "subject": self.subject}


@dataclass(frozen=True, slots=True)
class Assessment:
    """One credit's answer. An indeterminate answer never carries an amount."""

    key: str
    status: Status
    amount: Decimal = ZERO
    refundable_amount: Decimal | None = None
    reasons: tuple[Reason, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def label(self):
        return CREDIT_LABELS[self.key]

    @property
    def is_eligible(self) -> bool:
        return self.status is Status.ELIGIBLE

    def outcome(self) -> tuple[Status, Decimal, Decimal | None]:
        return (self.status, self.amount, self.refundable_amount)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"status": self.status.value, "amount": int(self.amount)}
        if self.refundable_amount is not None:
            data["refundable_amount"] = int(self.refundable_amount)
        data["reasons"] = [reason.as_dict() for reason in self.reasons]
        data["changes"] = [change.as_dict() for change in self.changes]
        return data


@dataclass(frozen=True, slots=True)
class Screening:
    """Every credit for one household and tax year, with the flags to act on."""

    household_id: str
    tax_year: int
    credits: dict[str, Assessment]
    federal_income_tax_before_credits: Decimal
    flags: tuple[Flag, ...] = field(default=())

    def _sum(self, keys) -> Decimal:
        return sum(
            (a.amount for k, a in self.credits.items() if k in keys and a.status is Status.ELIGIBLE), ZERO
        )

    @property
    def total_federal(self) -> Decimal:
        return self._sum(FEDERAL_KEYS)

    @property
    def total_california(self) -> Decimal:
        return self._sum(CALIFORNIA_KEYS)

    @property
    def total(self) -> Decimal:
        return self.total_federal + self.total_california

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON contract of DESIGN.md, messages rendered in the active language."""
        return {
            "id": self.household_id,
            "tax_year": self.tax_year,
            "credits": {key: assessment.as_dict() for key, assessment in self.credits.items()},
            "federal_income_tax_before_credits": int(self.federal_income_tax_before_credits),
            "flags": [flag.as_dict() for flag in self.flags],
        }
