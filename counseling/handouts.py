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
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration

from clinic import clock
from clinic.models import Site
from counseling import figures
from counseling.markup import markdown_to_html
from counseling.models import CourtOrder, HandoutVersion, Topic
from counseling.pdf import PDF, Rendered, document_context, html_to_document, new_font_config
from counseling.recommendations import CHART_TOPICS, REGISTER_TOPICS
from counseling.selectors import court_orders, resolve_version


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
        **document_context(language),
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
