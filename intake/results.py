"""What a screening looks like to the volunteer: the results page and the edit-conflict diff.

Presentation only: the rules are in ``intake/eligibility/`` and decide nothing here. The engine's
statuses are shown through ``STATUS_DISPLAY``, the one mapping from a status to its words (the
volunteer's badge and the client's summary line) and its badge colour.
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from intake.eligibility import assess
from intake.eligibility.result import CALIFORNIA_KEYS, CREDIT_KEYS, FEDERAL_KEYS, Status
from intake.facts import DEPENDENT_FIELDS
from intake.models import FILING_STATUS_CHOICES, ID_TYPE_CHOICES
from intake.services import HOUSEHOLD_FIELDS


class StatusDisplay(NamedTuple):
    """How one engine status is shown: on the volunteer's badge, its colour, and to the client."""

    label: str
    badge: str
    client_label: str


STATUS_DISPLAY: dict[Status, StatusDisplay] = {
    Status.ELIGIBLE: StatusDisplay(
        _("Eligible"), "text-bg-success", pgettext_lazy("credit status", "You may qualify")
    ),
    Status.NOT_ELIGIBLE: StatusDisplay(
        _("Not eligible"), "text-bg-secondary", pgettext_lazy("credit status", "You do not qualify")
    ),
    Status.INDETERMINATE: StatusDisplay(
        _("Cannot tell yet"), "text-bg-warning", pgettext_lazy("credit status", "We need more information")
    ),
}
# The results page's two columns, each in the engine's own credit order.
FEDERAL_CREDITS = tuple(key for key in CREDIT_KEYS if key in FEDERAL_KEYS)
CALIFORNIA_CREDITS = tuple(key for key in CREDIT_KEYS if key in CALIFORNIA_KEYS)


def results_context(facts, *, language: str, code: str | None = None) -> dict:
    """Build what the results template shows, from the engine's assessment (the view adds the
    handouts, which the counseling app chooses)."""
    screening = assess(facts)
    credits = screening.credits

    def column(keys):
        return [
            {"key": key, "assessment": credits[key], "badge": STATUS_DISPLAY.get(credits[key].status)}
            for key in keys
            if key in credits
        ]

    federal, california = column(FEDERAL_CREDITS), column(CALIFORNIA_CREDITS)
    # Deductions worth showing: taken, or open; "none entered" ones would only be noise.
    deductions = [
        {"key": key, "assessment": a, "badge": STATUS_DISPLAY.get(a.status)}
        for key, a in screening.deductions.items()
        if a.status is not Status.NOT_ELIGIBLE or any(r.code.endswith("no_work_ssn") for r in a.reasons)
    ]
    return {
        "screening": screening,
        "deductions": deductions,
        "flags": [{"flag": flag, "subject": subject_label(getattr(flag, "subject", ""))} for flag in screening.flags],
        "columns": [
            {"key": "federal", "title": _("Federal"), "credits": federal, "total": screening.total_federal},
            {"key": "california", "title": _("California"), "credits": california, "total": screening.total_california},
        ],
        "handout_language_name": dict(settings.HANDOUT_LANGUAGES).get(language, language),
        "people": people(facts),
        "filing_status_label": dict(FILING_STATUS_CHOICES).get(facts.filing_status.value, facts.filing_status.value),
        "handout_language": language,
        "handout_list_url": reverse("counseling:handout-list"),
        "summary_url": reverse("counseling:client-summary", kwargs={"code": code}) if code else None,
    }


def people(facts) -> list[dict]:
    """Return who is in the household, as the results page lists them (types and ages only)."""
    labels = dict(ID_TYPE_CHOICES)
    rows = [{"role": gettext("Taxpayer"), "id_type": labels[facts.taxpayer.id_type.value], "age": facts.taxpayer.age}]
    if facts.spouse is not None:
        rows.append({"role": gettext("Spouse"), "id_type": labels[facts.spouse.id_type.value], "age": facts.spouse.age})
    for number, dependent in enumerate(facts.dependents, start=1):
        rows.append(
            {
                "role": gettext("Dependent %(number)s") % {"number": number},
                "id_type": labels[dependent.id_type.value],
                "age": dependent.age,
                "student": dependent.full_time_student,
                "disabled": dependent.permanently_disabled,
                "months": dependent.months_lived_with_filer,
            }
        )
    return rows


def subject_label(subject: str) -> str:
    """Return the person a flag is about, in the interface language ("dependent 2" → "Dependent 2")."""
    subject = str(subject or "")
    fixed = {"taxpayer": gettext("Taxpayer"), "spouse": gettext("Spouse"), "household": gettext("Household")}
    if subject in fixed:
        return fixed[subject]
    kind, _sep, number = subject.partition(" ")
    if kind == "dependent" and number.isdigit():
        return gettext("Dependent %(number)s") % {"number": number}
    return subject


# --- the edit-conflict page ------------------------------------------------------------------


def _display(field, value) -> str:
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    choices = dict(getattr(field, "choices", ()) or ())
    if value in ("", None):
        return "—"
    return str(choices.get(value, value))


def differences(form, formset, current) -> list[dict]:
    """Return the fields whose submitted value differs from what is saved now."""
    submitted = form.household_values()
    rows = []
    for name in HOUSEHOLD_FIELDS:
        if name not in form.fields:
            continue
        mine, theirs = submitted[name], getattr(current, name)
        if mine != theirs and not (mine in ("", None) and theirs in ("", None)):
            field = form.fields[name]
            rows.append({"label": field.label, "mine": _display(field, mine), "saved": _display(field, theirs)})
    saved_dependents = [tuple(getattr(d, name) for name in DEPENDENT_FIELDS) for d in current.dependents.all()]
    typed_dependents = [tuple(d[name] for name in DEPENDENT_FIELDS) for d in formset.dependent_values()]
    if saved_dependents != typed_dependents:
        id_labels = dict(ID_TYPE_CHOICES)

        def describe(rows_):
            return "; ".join(
                gettext("%(id_type)s, age %(age)s") % {"id_type": id_labels.get(t, t), "age": a}
                for t, a, *_rest in rows_
            ) or "—"

        rows.append(
            {"label": gettext("Dependents"), "mine": describe(typed_dependents), "saved": describe(saved_dependents)}
        )
    return rows
