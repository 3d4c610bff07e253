"""Generic handouts and packets: the same PDF for every client, with the site's footer.

No client data goes into these documents, so they may be cached (``counseling/caching.py``). What a
topic prints besides its text (the court-order register, the California credits chart) is decided
in ``counseling/recommendations.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration

from clinic import clock
from clinic.models import Site
from counseling import figures
from counseling.markup import markdown_to_html, split_front
from counseling.models import CourtOrder, HandoutVersion, Topic
from counseling.pdf import PDF, Rendered, document_context, html_to_document, new_font_config
from counseling.recommendations import CHART_TOPICS, REGISTER_TOPICS
from counseling.selectors import court_orders, resolve_version
from intake.eligibility.params import SUPPORTED_TAX_YEARS

# One sheet of Letter paper, both sides.
SHEET_PAGES = 2
# At most this many QR codes per handout, to pages a client would open (``qr = true`` sources).
MAX_QR_CODES = 2


# Dates in the reader's words, month spelled out (Django's English default abbreviates it).
# Vietnamese: "ngày 2 tháng 12 năm 2026" (Django's own format capitalises "Ngày" and pads the day).
# Chinese, Korean (2026年12月2日, 2026년 12월 2일) and Tagalog (clinic/formats/tl) use their locale's.
DATE_WORDS = {
    "en": ("F j, Y", "F Y"),
    "es": (r"j \d\e F \d\e Y", r"F \d\e Y"),
    "vi": (r"\n\g\à\y j \t\h\á\n\g n \n\ă\m Y", r"\t\h\á\n\g n \n\ă\m Y"),
}


def date_words(value: dt.date | None, *, month_only: bool = False) -> str:
    """Return a date in the reader's words ("November 21, 2026", "21 de noviembre de 2026").

    Call inside the language override; a language without its own pattern uses its locale's.
    """
    if value is None:
        return ""
    patterns = DATE_WORDS.get(translation.get_language() or "")
    if patterns:
        return date_format(value, patterns[1] if month_only else patterns[0])
    return date_format(value, "YEAR_MONTH_FORMAT" if month_only else "DATE_FORMAT")


def site_footer(site: Site | None) -> dict[str, str]:
    """Return the site lines of the footer in the active language; neutral when no site is given."""
    if site is None:
        return {"name": _("Your free tax clinic"), "phone": "", "hours": ""}
    return {"name": site.name, "phone": site.phone, "hours": site.hours_in(translation.get_language() or "en")}


def site_referrals(site: Site | None, language: str) -> list[dict[str, str]]:
    """Return the site's referral list as printed in ``language`` (call inside the override)."""
    if site is None:
        return []
    rows = []
    for referral in site.referrals.all():
        text = referral.text_in(language)
        rows.append({**text, "kind_label": referral.get_kind_display()})
    return rows


def register_items(orders: Sequence[CourtOrder], language: str) -> list[dict]:
    """Return the register as printed in ``language``: status sentence, date, court, texts."""
    items = []
    for order in sorted(orders, key=lambda o: (o.order_date, o.key)):
        text = order.text_in(language)
        items.append(
            {
                "order": order,
                "status": order.get_status_display(),
                "date": date_words(order.order_date),
                "month": date_words(order.order_date, month_only=True),
                "shape": figures.STATUS_SHAPES.get(order.status, "diamond"),
                "mark": figures.STATUS_MARKS[figures.STATUS_SHAPES.get(order.status, "diamond")],
                "court": text["court"],
                "summary": text["summary"],
                "details": text["details"],
                "status_text": text["status_text"],
            }
        )
    return items


def register_cases(register: list[dict]) -> list[tuple[str, list[str]]]:
    """Return the volunteer's lines per case: case number, judge and date of each order."""
    cases: dict[str, list[str]] = {}
    for item in register:
        order = item["order"]
        parts = [order.case_number, order.judge, f"{order.order_date:%Y-%m-%d}"]
        cases.setdefault(order.case_name, []).append(", ".join(part for part in parts if part))
    return list(cases.items())


def handout_context(
    version: HandoutVersion, *, site: Site | None, today: dt.date, orders: Sequence[CourtOrder] | None = None
) -> dict:
    """Return the template context for one handout version (call inside the language override)."""
    topic = version.topic
    language = version.language
    sources = [dict(source) for source in version.sources]
    qr_sources = [
        dict(source, qr=mark_safe(figures.qr_svg(source["url"])))  # noqa: S308 - an SVG we drew
        for source in sources
        if source.get("qr") and source.get("url")
    ][:MAX_QR_CODES]
    register, news_through = [], None
    if topic.slug in REGISTER_TOPICS:
        orders = court_orders() if orders is None else orders
        register = register_items(orders, language)
        news_through = max((o.news_through for o in orders if o.news_through), default=None)
    chart, chart_figures_year, chart_estimate = None, None, False
    if topic.slug in CHART_TOPICS:
        year = version.tax_year or min(SUPPORTED_TAX_YEARS)
        chart = figures.california_credits_chart(year)
        chart_figures_year, chart_estimate = figures.chart_figures_year(year)
    front, rest = split_front(version.body_markdown)
    return {
        **document_context(language),
        "version": version,
        "front_html": mark_safe(markdown_to_html(front)),  # noqa: S308 - sanitised by nh3
        "rest_html": mark_safe(markdown_to_html(rest)) if rest.strip() else "",  # noqa: S308 - sanitised by nh3
        "as_of_words": date_words(version.as_of),
        "news_through_words": date_words(news_through, month_only=True) if news_through else date_words(version.as_of),
        "stale": version.is_stale(today),
        "preview": version.status == HandoutVersion.Status.DRAFT,
        "site": site_footer(site),
        "referrals": site_referrals(site, language),
        "sources": sources,
        "qr_sources": qr_sources,
        "register": register,
        "register_cases": register_cases(register),
        "chart": mark_safe(chart) if chart else "",  # noqa: S308 - built from numbers and escaped labels
        "chart_figures_year": chart_figures_year,
        "chart_estimate": chart_estimate,
    }


def handout_document(
    version: HandoutVersion,
    *,
    site: Site | None,
    today: dt.date,
    font_config: FontConfiguration | None = None,
):
    """Return the laid-out WeasyPrint document of one handout version.

    The client front and "where to go" get page 1 to themselves and the details go on the back
    when that fits one sheet; otherwise the details follow straight on, so nothing runs to a
    third page and the back never holds the sources alone.
    """
    with translation.override(version.language):
        context = handout_context(version, site=site, today=today)
    return _laid_out(context, version.language, font_config)


def _laid_out(context: dict, language: str, font_config: FontConfiguration | None):
    # First choice: the details on the back; for the register, the orders on the back; then flowing;
    # last, flowing with the details and the volunteer's sources a little tighter (a site with a long
    # referral list), so nothing runs to a third page. The client front keeps its large type in all.
    layouts = [{"details_on_back": True}, {"register_on_back": True}, {}] if context["register"] else [
        {"details_on_back": True}, {}]
    layouts.append({"snug": True})
    document = None
    for layout in layouts:
        with translation.override(language):
            html = render_to_string("counseling/handout_pdf.html", {**context, **layout})
        document = html_to_document(html, font_config=font_config)
        if len(document.pages) <= SHEET_PAGES:
            break
    return document


def handout_day(now: dt.datetime | None) -> dt.date:
    """Return the day a handout is printed for (its stale warning depends on it)."""
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
    font_config = new_font_config()
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
            context = handout_context(chosen, site=site, today=today, orders=orders)
        document = _laid_out(context, language, font_config)
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
