"""Handout PDFs: one function per document, each returning a small ``Rendered`` value.

Everything is rendered inside ``translation.override(language)``: the client's language, not the
volunteer's (pretix invoices). WeasyPrint gets a fetcher that serves only this project's own static
files and stops the render on any other address, so a PDF can never make the server call out
(DESIGN.md: nothing leaves the clinic) and never depends on the network at a pop-up site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from clinic import clock
from clinic.models import Site
from counseling import figures
from counseling.markup import markdown_to_html
from counseling.models import CourtOrder, HandoutVersion, Topic

PDF = "application/pdf"
# A reserved name that never resolves (RFC 2606): relative URLs in a handout resolve against it,
# and the fetcher maps its /static/ paths to files found by Django's staticfiles finders.
INTERNAL_ORIGIN = "https://confianza.invalid/"
STYLESHEET = "counseling/handout.css"
# Topics whose handout prints the court-order register after the body.
REGISTER_TOPICS = frozenset({"court-orders"})
CHART_TOPICS = frozenset({"california-credits"})
# BCP 47 tags for the lang attribute (Pango picks CJK glyph variants from it) and the font stack.
LANGUAGE_TAGS = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}
FONT_CLASSES = {"zh-hans": "font-sc", "zh-hant": "font-tc", "ko": "font-kr"}


@dataclass(frozen=True)
class Rendered:
    """A finished document, held in memory only."""

    filename: str
    content_type: str
    content: bytes


class ResourceRefused(Exception):
    """A handout asked for a resource that is not one of the app's own static files."""


class StaticFilesOnlyFetcher(URLFetcher):
    """Serve the app's own static files to WeasyPrint; refuse every other URL.

    Never opens a socket: ``fetch`` reads files found by the staticfiles finders and raises for
    anything else, and ``fail_on_errors`` turns that into a failed render, not a missing picture.
    """

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        prefix = urlsplit(INTERNAL_ORIGIN + settings.STATIC_URL.lstrip("/"))
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) == (prefix.scheme, prefix.netloc) and parts.path.startswith(prefix.path):
            relative = unquote(parts.path[len(prefix.path) :])
            if relative and ".." not in relative.split("/"):
                found = finders.find(relative)
                if found:
                    content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        url, body=Path(found).read_bytes(), headers={"Content-Type": content_type}
                    )
        raise ResourceRefused(f"refused to fetch {url!r}: handouts may only use the app's own static files")


def _font_config() -> FontConfiguration:
    return FontConfiguration()


def html_to_document(html: str, *, font_config: FontConfiguration | None = None):
    """Lay out HTML with the static-only fetcher; raise ResourceRefused on any foreign URL."""
    try:
        return HTML(string=html, base_url=INTERNAL_ORIGIN, url_fetcher=StaticFilesOnlyFetcher()).render(
            font_config=font_config or _font_config()
        )
    except FatalURLFetchingError as exc:
        raise ResourceRefused(str(exc.__cause__ or exc)) from exc.__cause__


def html_to_pdf(html: str) -> bytes:
    """Return the PDF bytes for an HTML string (see ``html_to_document``)."""
    return html_to_document(html).write_pdf()


def language_name(code: str) -> str:
    return dict(settings.HANDOUT_LANGUAGES).get(code, code)


def latest_version(topic: Topic, language: str, *, published: bool = True) -> HandoutVersion | None:
    """Return the newest (published) version of a topic in a language."""
    versions = HandoutVersion.objects.filter(topic=topic, language=language)
    if published:
        versions = versions.filter(status=HandoutVersion.Status.PUBLISHED)
    return versions.order_by("-version").first()


def resolve_version(topic: Topic | str, language: str, version: HandoutVersion | int | None) -> HandoutVersion:
    """Return the version to print: the given one, number ``version``, or the newest published."""
    if isinstance(version, HandoutVersion):
        return version
    if isinstance(topic, str):
        topic = Topic.objects.get(slug=topic)
    if version is None:
        found = latest_version(topic, language)
        if found is None:
            raise HandoutVersion.DoesNotExist(f"no published version of {topic.slug} in {language}")
        return found
    return HandoutVersion.objects.select_related("topic").get(topic=topic, language=language, version=version)


def court_orders() -> list[CourtOrder]:
    return list(CourtOrder.objects.prefetch_related("summaries").order_by("order_date", "key"))


def site_footer(site: Site | None) -> dict[str, str]:
    """Return the site lines of the footer; a neutral footer when no site is given."""
    if site is None:
        return {"name": _("Your free tax clinic"), "phone": "", "hours": ""}
    return {"name": site.name, "phone": site.phone, "hours": site.hours}


def handout_context(
    version: HandoutVersion, *, site: Site | None, today: dt.date, orders: Sequence[CourtOrder] | None = None
) -> dict:
    """Return the template context for one handout version (call inside the language override)."""
    topic = version.topic
    language = version.language
    sources = [dict(source, qr=mark_safe(figures.qr_svg(source["url"])) if source.get("url") else "")  # noqa: S308
               for source in version.sources]
    register = []
    if topic.slug in REGISTER_TOPICS:
        orders = court_orders() if orders is None else orders
        for order in orders:
            register.append(
                {
                    "order": order,
                    "summary": order.summary_in(language),
                    "status": order.get_status_display(),
                    "english": language == "en",
                }
            )
            if order.source_url and all(s.get("url") != order.source_url for s in sources):
                sources.append(
                    {
                        "title": order.source_title or order.case_name,
                        "citation": order.case_number,
                        "url": order.source_url,
                        "qr": mark_safe(figures.qr_svg(order.source_url)),  # noqa: S308
                    }
                )
    chart = None
    if topic.slug in CHART_TOPICS:
        chart = figures.california_credits_chart(version.tax_year or 2025)
    return {
        "lang": language,
        "lang_tag": LANGUAGE_TAGS.get(language, language),
        "font_class": FONT_CLASSES.get(language, "font-latin"),
        "language_name": language_name(language),
        "stylesheet": settings.STATIC_URL + STYLESHEET,
        "version": version,
        "body_html": mark_safe(markdown_to_html(version.body_markdown)),  # noqa: S308 - sanitised by nh3
        "stale": version.is_stale(today),
        "preview": version.status == HandoutVersion.Status.DRAFT,
        "site": site_footer(site),
        "sources": sources,
        "register": register,
        "timeline": mark_safe(figures.court_order_timeline(orders)) if register else "",  # noqa: S308
        "chart": mark_safe(chart) if chart else "",  # noqa: S308 - built from numbers and escaped labels
    }


def handout_document(
    version: HandoutVersion,
    *,
    site: Site | None,
    today: dt.date,
    font_config: FontConfiguration | None = None,
):
    """Return the laid-out WeasyPrint document of one handout version."""
    with translation.override(version.language):
        html = render_to_string("counseling/handout_pdf.html", handout_context(version, site=site, today=today))
    return html_to_document(html, font_config=font_config)


def handout_day(now: dt.datetime | None) -> dt.date:
    from django.utils import timezone

    return timezone.localdate(now) if now is not None else clock.today()


def render_handout(
    *,
    topic: Topic | str,
    language: str,
    site: Site | None,
    version: HandoutVersion | int | None = None,
    now: dt.datetime | None = None,
) -> Rendered:
    """Render one handout: the newest published version unless ``version`` is given."""
    chosen = resolve_version(topic, language, version)
    document = handout_document(chosen, site=site, today=handout_day(now))
    return Rendered(
        filename=f"{chosen.topic.slug}-{chosen.language}-v{chosen.version}.pdf",
        content_type=PDF,
        content=document.write_pdf(),
    )


def render_packet(
    *,
    items: Sequence[tuple[Topic | str, str, int]],
    site: Site | None,
    now: dt.datetime | None = None,
) -> Rendered:
    """Render one PDF holding each ``(topic, language, copies)`` handout, copies in a row."""
    today = handout_day(now)
    font_config = _font_config()
    orders = None
    pages = []
    documents = []
    for topic, language, copies in items:
        if copies < 1:
            continue
        chosen = resolve_version(topic, language, None)
        if chosen.topic.slug in REGISTER_TOPICS and orders is None:
            orders = court_orders()
        with translation.override(language):
            html = render_to_string(
                "counseling/handout_pdf.html", handout_context(chosen, site=site, today=today, orders=orders)
            )
        document = html_to_document(html, font_config=font_config)
        documents.append(document)
        pages.extend(document.pages * copies)
    if not documents:
        raise ValueError("a packet needs at least one handout with one copy")
    digest = hashlib.sha256(repr([(str(t), lang, c) for t, lang, c in items]).encode()).hexdigest()[:8]
    return Rendered(
        filename=f"packet-{today:%Y%m%d}-{digest}.pdf",
        content_type=PDF,
        content=documents[0].copy(pages).write_pdf(),
    )


STATUS_LABELS = {
    "eligible": pgettext_lazy("credit status", "You may qualify"),
    "not_eligible": pgettext_lazy("credit status", "You do not qualify"),
    "ineligible": pgettext_lazy("credit status", "You do not qualify"),
    "indeterminate": pgettext_lazy("credit status", "We need more information"),
}


def _text(value) -> str:
    """Return the client-facing text of a reason, change or flag (lazy strings resolve here)."""
    return str(getattr(value, "message", value))


# The summary goes home on paper, so it must not say who on the return has which kind of ID
# (DESIGN.md: no ID type). Any engine message about ID numbers is replaced by one neutral line;
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
        status = str(getattr(assessment.status, "value", assessment.status))
        rows.append(
            {
                "key": key,
                "label": str(getattr(assessment, "label", "") or key),
                "status": status,
                "status_label": str(STATUS_LABELS.get(status, status)),
                "amount": figures.money(assessment.amount or 0),
                "has_amount": bool(assessment.amount),
                "refundable": figures.money(getattr(assessment, "refundable_amount", 0) or 0),
                "has_refundable": bool(getattr(assessment, "refundable_amount", 0)),
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


def render_client_summary(*, household, language: str, include_nickname: bool = False, user) -> Rendered:
    """Render a household's estimated credits for the client to take home, and log the print.

    No name and no ID type appear; the nickname only when the volunteer includes it. The PDF is
    returned in memory and never written to disk or cached.
    """
    from clinic.audit import audit_record
    from clinic.models import AuditEntry
    from intake.eligibility import assess
    from intake.services import household_facts

    facts = household_facts(household)
    today = clock.today()
    with translation.override(language):
        screening = assess(facts)
        context = {
            "lang": language,
            "lang_tag": LANGUAGE_TAGS.get(language, language),
            "font_class": FONT_CLASSES.get(language, "font-latin"),
            "language_name": language_name(language),
            "stylesheet": settings.STATIC_URL + STYLESHEET,
            "nickname": household.nickname if include_nickname else "",
            "tax_year": household.tax_year,
            "today": today,
            "credits": _credit_rows(screening),
            "flags": _next_steps(screening),
            "total": figures.money(getattr(screening, "total", 0) or 0),
            "documents": documents_to_bring(household),
            "site": site_footer(household.site),
        }
        html = render_to_string("counseling/summary_pdf.html", context)
    content = html_to_pdf(html)
    audit_record(
        actor=user,
        action=AuditEntry.Action.PRINT,
        site=household.site,
        visit_code=household.code,
        data={"language": language, "format": "client-summary"},
    )
    return Rendered(filename=f"credit-summary-{language}.pdf", content_type=PDF, content=content)
