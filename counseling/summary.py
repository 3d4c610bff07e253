"""The client summary: a household's estimated credits on paper, in the client's language.

A renderer only: it is given the screening and returns a ``Rendered`` PDF held in memory. The
service that assesses the household, calls this and logs the print is
``counseling.services.client_summary_print``. No name and no ID type appear on it; the nickname only
when the volunteer includes it; it is never written to disk or cached.
"""

from __future__ import annotations

import datetime as dt
import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from counseling import figures
from counseling.handouts import site_footer
from counseling.pdf import PDF, Rendered, document_context, html_to_pdf
from intake.results import STATUS_DISPLAY


def _text(value) -> str:
    """Return the client-facing text of a reason, change or flag (lazy strings resolve here)."""
    return str(getattr(value, "message", value))


# The summary goes home on paper, so it must not say who on the return has which kind of ID
# (docs/architecture.md: the summary names no ID type). Any engine message about ID numbers is replaced by one neutral line;
# a message counts as such by its code or, failing closed for codes added later, by its English text.
ID_CODE_PATTERN = re.compile(r"ssn|tin|itin|w7|declined|(^|_)id(_|$)")
ID_CODES = frozenset({"ctc_children_counted", "odc_includes_children_without_ctc"})
ID_WORDS = re.compile(r"\b(SSN|ITIN|ATIN|TIN|Social Security|W-7|ID type)", re.IGNORECASE)


def mentions_id(item) -> bool:
    """Return whether an engine reason, change or flag says something about anyone's ID."""
    code = str(getattr(item, "code", ""))
    if code in ID_CODES or ID_CODE_PATTERN.search(code):
        return True
    with translation.override("en"):
        return bool(ID_WORDS.search(_text(item)))


def _client_lines(items, neutral: str) -> list[str]:
    lines, replaced = [], False
    for item in items:
        if mentions_id(item):
            if not replaced:
                lines.append(neutral)
                replaced = True
        else:
            lines.append(_text(item))
    return lines


def _credit_rows(screening) -> list[dict]:
    rows = []
    for key, assessment in screening.credits.items():
        status = assessment.status
        rows.append(
            {
                "key": key,
                "label": str(getattr(assessment, "label", "") or key),
                "status": status.value,
                "status_label": str(STATUS_DISPLAY[status].client_label),
                "amount": figures.money(assessment.amount or 0),
                "has_amount": bool(assessment.amount),
                "refundable": figures.money(getattr(assessment, "refundable_amount", 0) or 0),
                "has_refundable": bool(getattr(assessment, "refundable_amount", 0)),
                # California TY2026 until FTB publishes its amounts (issue 9): shown as an estimate.
                "estimate": bool(getattr(assessment, "estimate", False)),
                "reasons": _client_lines(
                    assessment.reasons,
                    _("Part of this answer depends on the tax ID numbers on your return. Ask the volunteer to explain it."),
                ),
                "changes": _client_lines(
                    getattr(assessment, "changes", None) or (),
                    _("A change in the tax ID numbers on your return could change this answer. Ask the volunteer."),
                ),
            }
        )
    return rows


def _next_steps(screening) -> list[str]:
    return _client_lines(
        getattr(screening, "flags", None) or (),
        _("Ask the volunteer whether anyone on your return needs to apply for, or renew, a tax ID number."),
    )


def documents_to_bring(household) -> list[str]:
    """Return the documents to bring. Deliberately the same list whatever the ID types, so the page
    says nothing about anyone's ID type."""
    items = [
        _("A photo ID for you, and for your spouse if you file together."),
        _("The Social Security card or ITIN letter of every person on the return."),
        _("Every W-2 and 1099 form you received for the year."),
        _("Last year's tax return, if you have it."),
        _("Any letter from the IRS or the Franchise Tax Board."),
        _("Your bank's routing and account numbers, to get your refund by direct deposit."),
    ]
    if household.self_employment_income:
        items.append(_("Records of what you earned and spent working for yourself."))
    return items


def render_client_summary(*, screening, household, language: str, today: dt.date, include_nickname: bool = False) -> Rendered:
    """Render the summary of ``screening`` (assessed in ``language``) for ``household``."""
    with translation.override(language):
        context = {
            **document_context(language),
            "nickname": household.nickname if include_nickname else "",
            "tax_year": household.tax_year,
            "today": today,
            "credits": _credit_rows(screening),
            "estimate": bool(getattr(screening, "estimate", False)),
            "flags": _next_steps(screening),
            "total": figures.money(getattr(screening, "total", 0) or 0),
            "documents": documents_to_bring(household),
            "site": site_footer(household.site),
        }
        html = render_to_string("counseling/summary_pdf.html", context)
    return Rendered(filename=f"credit-summary-{language}.pdf", content_type=PDF, content=html_to_pdf(html))
