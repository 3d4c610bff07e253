"""Every write to handout content and the court-order register goes through here, and printing a
client summary (which writes its audit entry).

Content changes are not about a client, so they are not written to the household audit log; a
handout version records who created it and when, and versions are never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from clinic import clock
from clinic.audit import audit_record
from clinic.models import AuditEntry
from counseling.models import COURT_ORDER_FIELDS, CourtOrder, CourtOrderSummary, HandoutVersion, Topic
from counseling.pdf import Rendered
from counseling.readability import readability
from counseling.summary import render_client_summary
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


def client_summary_print(*, household, language: str, include_nickname: bool = False, user) -> Rendered:
    """Assess a household, render its summary for the client, and log the print (one audit entry).

    The PDF is returned in memory and never written to disk or cached.
    """
    facts = household_facts(household)
    with translation.override(language):
        screening = assess(facts)
    rendered = render_client_summary(
        screening=screening, household=household, language=language, today=clock.today(),
        include_nickname=include_nickname,
    )
    audit_record(
        actor=user,
        action=AuditEntry.Action.PRINT,
        site=household.site,
        visit_code=household.code,
        data={"language": language, "format": "client-summary"},
    )
    return rendered
