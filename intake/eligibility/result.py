"""What the engine returns: a ``Screening`` with one ``Assessment`` per credit, plus flags."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.utils.translation import get_language, pgettext_lazy
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

DEDUCTION_LABELS = {
    "senior": _("Senior deduction (65 and older)"),
    "tips": _("No tax on tips"),
    "overtime": _("No tax on overtime"),
    "car_loan_interest": _("Car-loan interest"),
    "qbi": _("Qualified business income deduction"),
}

ZERO = Decimal(0)


class Status(enum.StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    INDETERMINATE = "indeterminate"


SUBJECT_TAXPAYER = _("the taxpayer")
SUBJECT_SPOUSE = _("the spouse")
SUBJECT_DEPENDENT = _("dependent %(number)s")
SUBJECT_TAXPAYER_CAP = _("The taxpayer")
SUBJECT_SPOUSE_CAP = _("The spouse")
# Its own context: the interface also uses "Dependent %(number)s" as a bare label, which some
# languages word differently from the start of a sentence (Spanish: "Dependiente 2" / "El dependiente 2").
SUBJECT_DEPENDENT_CAP = pgettext_lazy("start of a sentence", "Dependent %(number)s")

_RENDERED: dict = {}
_RENDERED_MAX = 50_000


def subject_text(subject: str, *, capital: bool = False) -> str:
    """Return the label of a subject code (``taxpayer``, ``spouse``, ``dependent 2``) as text."""
    if subject == "taxpayer":
        return str(SUBJECT_TAXPAYER_CAP if capital else SUBJECT_TAXPAYER)
    if subject == "spouse":
        return str(SUBJECT_SPOUSE_CAP if capital else SUBJECT_SPOUSE)
    template = SUBJECT_DEPENDENT_CAP if capital else SUBJECT_DEPENDENT
    return template % {"number": subject.rsplit(" ", 1)[-1]}


class Message:
    """A translatable message with named placeholders, rendered by ``str()`` in the active language.

    Lazy like ``gettext_lazy``: the template is a lazy translation, interpolated only when the
    message is turned into text, so one result can be shown in English and then in Spanish. A
    ``subject`` parameter holds a subject code and fills both ``%(subject)s`` and
    ``%(subject_cap)s`` (for the start of a sentence). Renderings are memoised per language
    because the same few hundred sentences recur across thousands of households.
    """

    __slots__ = ("template", "params")

    def __init__(self, template: Any, params: dict[str, Any] | None = None):
        self.template = template
        self.params = params or {}

    def _key(self) -> tuple:
        return (id(self.template), tuple(self.params.items()))

    def render(self, language: str | None) -> str:
        """Return the text in ``language`` (which must be the active language)."""
        key = (language, id(self.template), tuple(self.params.items()))
        text = _RENDERED.get(key)
        if text is None:
            text = self._format()
            if len(_RENDERED) >= _RENDERED_MAX:
                _RENDERED.clear()
            _RENDERED[key] = text
        return text

    def _format(self) -> str:
        if not self.params:
            return str(self.template)
        params = dict(self.params)
        subject = params.get("subject")
        if subject is not None:
            params["subject"] = subject_text(subject)
            params["subject_cap"] = subject_text(subject, capital=True)
        return self.template % params

    def __str__(self) -> str:
        return self.render(get_language())

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())


class Reason(NamedTuple):
    """Why a credit is or is not available: stable code, plain-language message, citation."""

    code: str
    message: Message
    citation: str

    def as_dict(self, language: str | None = None) -> dict[str, str]:
        text = self.message.render(language) if language else str(self.message)
        return {"code": self.code, "message": text, "citation": self.citation}


class Edit(NamedTuple):
    """One edit of a household: a dotted path into its JSON (0-based indexes) and the new value."""

    path: str
    value: Any

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "value": self.value}


class Change(NamedTuple):
    """What would change the answer: the edits the law offers and the amount once they are made.

    Computed (intake/eligibility/changes.py): ``amount_after`` is the credit's amount when the
    household is screened again with every edit in ``scenario``.
    """

    code: str
    message: Message
    citation: str
    scenario: tuple[Edit, ...] = ()
    amount_after: Decimal | None = None

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        text = self.message.render(language) if language else str(self.message)
        data: dict[str, Any] = {"code": self.code, "message": text, "citation": self.citation}
        data["scenario"] = [edit.as_dict() for edit in self.scenario]
        if self.amount_after is not None:
            data["amount_after"] = int(self.amount_after)
        return data


class Sentences:
    """Several messages shown as one list inside another message ("…: a; b"), each translated."""

    __slots__ = ("messages",)

    def __init__(self, messages: tuple[Message, ...]):
        self.messages = tuple(messages)

    def __str__(self) -> str:
        return "; ".join(str(m) for m in self.messages)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sentences) and self.messages == other.messages

    def __hash__(self) -> int:
        return hash(self.messages)


class Flag(NamedTuple):
    """Something to act on before filing (ITIN lifecycle, missing numbers), about one person."""

    code: str
    message: Message
    citation: str
    subject: str  # "taxpayer", "spouse", "dependent 2", or "household"

    def as_dict(self, language: str | None = None) -> dict[str, str]:
        text = self.message.render(language) if language else str(self.message)
        return {"code": self.code, "message": text, "citation": self.citation, "subject": self.subject}


@dataclass(frozen=True, slots=True)
class Assessment:
    """One credit's answer. An indeterminate answer never carries an amount."""

    key: str
    status: Status
    amount: Decimal = ZERO
    refundable_amount: Decimal | None = None
    reasons: tuple[Reason, ...] = ()
    changes: tuple[Change, ...] = ()
    # True when the amount rests on figures not yet published for the year (California TY2026
    # until FTB's amounts are in the facts file); a reason whose code contains "estimate" says so.
    estimate: bool = False

    @property
    def label(self):
        return CREDIT_LABELS.get(self.key) or DEDUCTION_LABELS[self.key]

    @property
    def is_eligible(self) -> bool:
        return self.status is Status.ELIGIBLE

    def outcome(self) -> tuple[Status, Decimal, Decimal | None]:
        return (self.status, self.amount, self.refundable_amount)

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        language = language or get_language()
        data: dict[str, Any] = {"status": self.status.value, "amount": int(self.amount)}
        if self.refundable_amount is not None:
            data["refundable_amount"] = int(self.refundable_amount)
        if self.estimate:
            data["estimate"] = True
        data["reasons"] = [reason.as_dict(language) for reason in self.reasons]
        data["changes"] = [change.as_dict(language) for change in self.changes]
        return data


@dataclass(frozen=True, slots=True)
class Screening:
    """Every credit for one household and tax year, with the flags to act on."""

    household_id: str
    tax_year: int
    credits: dict[str, Assessment]
    federal_income_tax_before_credits: Decimal
    flags: tuple[Flag, ...] = field(default=())
    deductions: dict[str, Assessment] = field(default_factory=dict)

    @property
    def estimate(self) -> bool:
        """Whether any amount shown is an estimate (see ``Assessment.estimate``)."""
        return any(a.estimate for a in self.credits.values())

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
        """Return the JSON contract of docs/architecture.md, messages rendered in the active language."""
        language = get_language()
        return {
            "id": self.household_id,
            "tax_year": self.tax_year,
            "credits": {key: assessment.as_dict(language) for key, assessment in self.credits.items()},
            "federal_income_tax_before_credits": int(self.federal_income_tax_before_credits),
            "deductions": {key: a.as_dict(language) for key, a in self.deductions.items()},
            "flags": [flag.as_dict(language) for flag in self.flags],
        }
