"""Reads across handout records (STYLE.md §2: selectors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from counseling.models import CourtOrder, HandoutVersion, Topic

REVIEW_WINDOW_DAYS = 30
VERIFY_AFTER_DAYS = 30


@dataclass(frozen=True)
class CatalogueRow:
    topic: Topic
    cells: list[tuple[str, HandoutVersion | None]]


def latest_published() -> dict[tuple[int, str], HandoutVersion]:
    """Return the newest published version per (topic id, language), in one query."""
    latest: dict[tuple[int, str], HandoutVersion] = {}
    versions = HandoutVersion.objects.filter(status=HandoutVersion.Status.PUBLISHED).select_related("topic")
    for version in versions.order_by("topic_id", "language", "-version"):
        latest.setdefault((version.topic_id, version.language), version)
    return latest


def published_languages_by_topic() -> dict[str, list[str]]:
    """Return, per topic slug, the languages that have a published handout (one query)."""
    pairs = (
        HandoutVersion.objects.filter(status=HandoutVersion.Status.PUBLISHED)
        .values_list("topic__slug", "language")
        .distinct()
        .order_by("topic__slug", "language")
    )
    available: dict[str, list[str]] = {}
    for slug, language in pairs:
        available.setdefault(slug, []).append(language)
    return available


def handout_catalogue() -> tuple[list[str], list[CatalogueRow]]:
    """Return the languages with any published handout, and one row per topic."""
    latest = latest_published()
    order = [code for code, _name in settings.HANDOUT_LANGUAGES]
    languages = [code for code in order if any(lang == code for _topic, lang in latest)]
    rows = [
        CatalogueRow(topic=topic, cells=[(language, latest.get((topic.pk, language))) for language in languages])
        for topic in Topic.objects.all()
    ]
    return languages, rows


def versions_due_for_review(*, today: dt.date, within_days: int = REVIEW_WINDOW_DAYS) -> list[HandoutVersion]:
    """Return the newest published versions whose review date is past or within ``within_days``."""
    limit = today + dt.timedelta(days=within_days)
    due = [v for v in latest_published().values() if v.review_by <= limit]
    return sorted(due, key=lambda v: (v.review_by, v.topic.order, v.language))


def orders_due_for_verification(*, today: dt.date, older_than_days: int = VERIFY_AFTER_DAYS) -> list[CourtOrder]:
    """Return court orders not verified within ``older_than_days`` or whose status is unconfirmed."""
    limit = today - dt.timedelta(days=older_than_days)
    orders = CourtOrder.objects.order_by("last_verified", "key")
    return [o for o in orders if o.last_verified <= limit or not o.status_certain]
