"""Every write to handout content and the court-order register goes through here, and printing a
client summary (which writes its audit entry).

Content changes are not about a client, so they are not written to the household audit log; a
handout version records who created it and when, and versions are never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from clinic import clock
from clinic.audit import audit_record
from clinic.models import ActivityCounter, AuditEntry
from clinic.reports import activity_count
from counseling.handouts import handout_document
from counseling.models import COURT_ORDER_FIELDS, CourtOrder, CourtOrderSummary, HandoutVersion, Topic
from counseling.pdf import PDF, Rendered, new_font_config
from counseling.readability import readability
from counseling.recommendations import BLOCKED_WHEN_STALE, recommended_topics
from counseling.selectors import latest_version
from counseling.summary import summary_document
from intake.eligibility import assess
from intake.facts import household_facts

SOURCE_KEYS = ("title", "citation", "url")
# Optional: ``qr: true`` on a page a client would open; only those sources get a QR code.
SOURCE_FLAGS = ("qr",)

def clean_sources(sources: Iterable[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    """Return the sources as plain dicts with title, citation and url, and ``qr`` where it is set."""
    cleaned = []
    for source in sources or ():
        unknown = set(source) - set(SOURCE_KEYS) - set(SOURCE_FLAGS)
        if unknown:
            raise ValidationError(
                _("A source has unknown keys: %(keys)s.") % {"keys": ", ".join(sorted(unknown))},
                code="source_keys",
            )
        item = {key: str(source.get(key) or "").strip() for key in SOURCE_KEYS}
        if source.get("qr") is True:
            item["qr"] = True
        if not item["title"]:
            raise ValidationError(_("Every source needs a title."), code="source_title")
        if item["url"] and not item["url"].startswith("https://"):
            raise ValidationError(_("Source addresses must start with https://."), code="source_url")
        cleaned.append(item)
    return cleaned


@transaction.atomic
def topic_ensure(*, slug: str, order: int | None = None, titles: Mapping[str, str] | None = None) -> Topic:
    """Return the topic with this slug, creating it (or filling in titles) as needed."""
    topic, created = Topic.objects.select_for_update().get_or_create(
        slug=slug, defaults={"order": order or 0, "titles": dict(titles or {})}
    )
    if not created:
        changed = False
        for language, title in (titles or {}).items():
            if topic.titles.get(language) != title:
                topic.titles = {**topic.titles, language: title}
                changed = True
        if order is not None and topic.order != order:
            topic.order = order
            changed = True
        if changed:
            topic.full_clean()
            topic.save()
    return topic


@transaction.atomic
def handout_publish(
    *,
    topic: Topic,
    language: str,
    title: str,
    body_markdown: str,
    as_of,
    review_by,
    reviewer: str,
    summary: str = "",
    sources: Iterable[Mapping[str, Any]] | None = None,
    tax_year: int | None = None,
    version_note: str = "",
    status: str = HandoutVersion.Status.PUBLISHED,
    translator: str = "",
    translation_method: str = "",
    user=None,
) -> HandoutVersion:
    """Create the next version of a topic in a language; earlier versions stay as they were."""
    # Lock the topic row so two editors publishing at once get consecutive version numbers.
    Topic.objects.select_for_update().filter(pk=topic.pk).first()
    if review_by < as_of:
        raise ValidationError(
            {"review_by": ValidationError(_("The review date cannot be before the as-of date."), code="review_order")}
        )
    latest = HandoutVersion.objects.filter(topic=topic, language=language).aggregate(n=Max("version"))["n"]
    if tax_year is None:
        # A correction without a year continues the newest line: the version it corrects keeps its year.
        newest = HandoutVersion.objects.filter(topic=topic, language=language).order_by("-version").first()
        tax_year = newest.tax_year if newest is not None else None
    grade, formula = readability(body_markdown, language)
    version = HandoutVersion(
        topic=topic,
        language=language,
        version=(latest or 0) + 1,
        title=title.strip(),
        summary=summary.strip(),
        body_markdown=body_markdown,
        as_of=as_of,
        review_by=review_by,
        reviewer=reviewer.strip(),
        sources=clean_sources(sources),
        tax_year=tax_year,
        version_note=version_note.strip(),
        status=status,
        translator=translator.strip(),
        translation_method=translation_method.strip(),
        readability_grade=grade,
        readability_formula=formula,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        created_at=clock.now(),
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def native_review_record(*, versions: Iterable[HandoutVersion], reviewer: str, reviewed_on, user=None) -> int:
    """Record that a native speaker checked these translations; return how many were recorded.

    The text of a version never changes; the review is provenance, written once per version and
    audited. English originals and versions already reviewed are left as they are.
    """
    reviewer = reviewer.strip()
    if not reviewer:
        raise ValidationError({"reviewer": ValidationError(_("Name the reviewer."), code="required")})
    pending = [v.pk for v in versions if v.language != "en" and v.native_reviewed_on is None]
    count = HandoutVersion.objects.filter(pk__in=pending, native_reviewed_on__isnull=True).update(
        native_reviewer=reviewer, native_reviewed_on=reviewed_on
    )
    if count:
        audit_record(
            actor=user,
            action=AuditEntry.Action.EDIT,
            data={"fields": ["native_reviewer", "native_reviewed_on"], "count": count, "format": "handout-version"},
        )
    return count


@transaction.atomic
def handout_version_publish(*, version: HandoutVersion, user=None) -> HandoutVersion:
    """Publish a draft as it stands (its text does not change, only its status)."""
    HandoutVersion.objects.filter(pk=version.pk, status=HandoutVersion.Status.DRAFT).update(
        status=HandoutVersion.Status.PUBLISHED
    )
    return HandoutVersion.objects.get(pk=version.pk)


@transaction.atomic
def court_order_update(
    *, key: str, summaries: Mapping[str, str] | None = None, user=None, **fields: Any
) -> CourtOrder:
    """Create or change one order of the register and its summaries; every handout showing the
    register picks the change up (its cache key holds the register's fingerprint)."""
    unknown = set(fields) - set(COURT_ORDER_FIELDS)
    if unknown:
        raise ValueError(f"unexpected court order fields: {sorted(unknown)}")
    order = CourtOrder.objects.select_for_update().filter(key=key).first() or CourtOrder(key=key)
    for name, value in fields.items():
        setattr(order, name, value)
    order.updated_at = clock.now()
    order.full_clean()
    order.save()
    for language, text in (summaries or {}).items():
        text = (text or "").strip()
        if not text:
            CourtOrderSummary.objects.filter(order=order, language=language).delete()
            continue
        summary = CourtOrderSummary.objects.filter(order=order, language=language).first() or CourtOrderSummary(
            order=order, language=language
        )
        summary.summary = text
        summary.full_clean()
        summary.save()
    return order


# Audit ``format`` of the two client prints.
SUMMARY_FORMAT = "client-summary"
EVERYTHING_FORMAT = "client-summary-and-handouts"


def client_handout_versions(facts, language: str, *, today) -> list[HandoutVersion]:
    """Return the handouts this household needs (``recommended_topics``), as printed for it: the
    version for its tax year where the topic has one, else the newest; a topic with nothing
    published in ``language``, or not printed for clients today (a stale court-orders handout),
    is left out."""
    versions = []
    for slug in recommended_topics(facts):
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            continue
        version = latest_version(topic, language, tax_year=facts.tax_year) or latest_version(topic, language)
        if version is None or (slug in BLOCKED_WHEN_STALE and version.is_stale(today)):
            continue
        versions.append(version)
    return versions


def client_summary_print(
    *,
    language: str,
    user,
    household=None,
    facts=None,
    site=None,
    include_nickname: bool = False,
    with_handouts: bool = False,
) -> Rendered:
    """Assess a household, render its one-page summary for the client, and log the print.

    A recorded ``household`` gets one audit entry (who, which visit, language, format, the handout
    topics). An anonymous screening passes its ``facts`` and the printing ``site`` instead: nothing
    is written but the anonymous print counter (site, day, topic, language), as for any handout.
    ``with_handouts`` adds, after the summary, the handouts the household needs, in the same PDF.
    The PDF is returned in memory and never written to disk or cached.
    """
    if household is not None:
        facts, site = household_facts(household), household.site
    if facts is None:
        raise ValueError("a summary needs a household or its facts")
    if language not in {code for code, _name in settings.LANGUAGES}:
        # The summary's words come from the message catalogue: in a language it lacks, the page
        # would print English under a foreign language name (handouts review, item 45).
        raise ValueError(f"no message catalogue for {language!r}")
    today = clock.today()
    with translation.override(language):
        screening = assess(facts)
    font_config = new_font_config()
    document = summary_document(
        screening=screening, facts=facts, site=site, language=language, today=today,
        nickname=household.nickname if household is not None and include_nickname else "",
        font_config=font_config,
    )
    versions = client_handout_versions(facts, language, today=today) if with_handouts else []
    pages = list(document.pages)
    for version in versions:
        pages.extend(handout_document(version, site=site, today=today, font_config=font_config).pages)
    topics = [version.topic.slug for version in versions]
    rendered = Rendered(
        filename=f"client-{'everything' if with_handouts else 'summary'}-{language}.pdf",
        content_type=PDF,
        content=document.copy(pages).write_pdf(),
    )
    if household is not None:
        data = {"language": language, "format": EVERYTHING_FORMAT if with_handouts else SUMMARY_FORMAT}
        if with_handouts:
            data["topics"] = topics
        audit_record(actor=user, action=AuditEntry.Action.PRINT, site=site, visit_code=household.code, data=data)
    activity_count(site=site, activity=ActivityCounter.Activity.PRINT, topic="summary", language=language)
    for topic in topics:
        activity_count(site=site, activity=ActivityCounter.Activity.PRINT, topic=topic, language=language)
    return rendered
