"""Every write to handout content and the court-order register goes through here (STYLE.md §2).

Content changes are not about a client, so they are not written to the household audit log; a
handout version records who created it and when, and versions are never overwritten.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from clinic import clock
from counseling.loader import COURT_ORDER_FIELDS
from counseling.markup import markdown_to_text
from counseling.models import CourtOrder, CourtOrderSummary, HandoutVersion, Topic

SOURCE_KEYS = ("title", "citation", "url")

# textstat keeps its language in module state; measure one text at a time.
_textstat_lock = threading.Lock()
# Formulas that give a US-style grade level for a language. Others get no grade (CJK text has no
# syllables for these formulas to count, and no validated Vietnamese or Tagalog formula exists).
READABILITY_FORMULAS = {"en": "flesch_kincaid_grade", "es": "crawford"}


def _flesch_kincaid_grade(plain: str) -> float:
    """Flesch–Kincaid grade with pyphen's offline hyphenation dictionary for syllables.

    textstat's own English syllable counter loads NLTK's cmudict and downloads it when missing;
    a clinic server must never call out, so English syllables come from pyphen instead.
    """
    import pyphen
    import textstat

    words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", plain)
    if not words:
        return 0.0
    dictionary = pyphen.Pyphen(lang="en_US")
    syllables = sum(max(1, len(dictionary.positions(word.lower())) + 1) for word in words)
    sentences = max(1, textstat.sentence_count(plain))
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def readability(text: str, language: str) -> tuple[float | None, str]:
    """Return ``(grade, formula name)`` for a Markdown text, or ``(None, "")`` if none fits."""
    formula = READABILITY_FORMULAS.get(language)
    plain = markdown_to_text(text)
    if formula is None or not plain:
        return None, ""
    import textstat

    with _textstat_lock:
        if language == "en":
            grade = _flesch_kincaid_grade(plain)
        else:
            textstat.set_lang(language)
            try:
                grade = float(textstat.crawford(plain))
            finally:
                textstat.set_lang("en")
    return round(grade, 1), formula


def clean_sources(sources: Iterable[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    """Return the sources as plain dicts with exactly title, citation and url."""
    cleaned = []
    for source in sources or ():
        unknown = set(source) - set(SOURCE_KEYS)
        if unknown:
            raise ValidationError(
                _("A source has unknown keys: %(keys)s.") % {"keys": ", ".join(sorted(unknown))},
                code="source_keys",
            )
        item = {key: str(source.get(key) or "").strip() for key in SOURCE_KEYS}
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
        readability_grade=grade,
        readability_formula=formula,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        created_at=clock.now(),
    )
    version.full_clean()
    version.save()
    return version


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
