"""Reads across handout records (docs/architecture.md, habit 2: selectors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, FilteredRelation, Q

from clinic.models import Membership
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
    for version in versions.order_by("topic_id", "language", *NEWEST_FIRST):
        latest.setdefault((version.topic_id, version.language), version)
    return latest


def published_topics(slugs) -> dict[str, tuple[dict, list[str]]]:
    """Return, per topic slug in ``slugs``, its titles and the languages with a published handout
    (one query; a topic with no published version has no languages)."""
    rows = (
        Topic.objects.filter(slug__in=list(slugs))
        .annotate(published=FilteredRelation("versions", condition=Q(versions__status=HandoutVersion.Status.PUBLISHED)))
        .values_list("slug", "titles", "published__language")
        .distinct()
        .order_by("slug", "published__language")
    )
    found: dict[str, tuple[dict, list[str]]] = {}
    for slug, titles, language in rows:
        _titles, languages = found.setdefault(slug, (titles or {}, []))
        if language:
            languages.append(language)
    return found


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


def translations_awaiting_native_review() -> list[tuple[str, int, int]]:
    """Return (language, versions awaiting review, published versions) for each translated language.

    Counts the newest published version of each topic and tax year; English is the original and
    is not listed. A language with nothing awaiting is listed with 0 so coordinators see it is done.
    """
    counts: dict[str, list[int]] = {}
    for (_topic, language), version in latest_published().items():
        if language == "en":
            continue
        pair = counts.setdefault(language, [0, 0])
        pair[0] += int(version.awaits_native_review)
        pair[1] += 1
    order = [code for code, _name in settings.HANDOUT_LANGUAGES]
    return [(code, *counts[code]) for code in order if code in counts]


def orders_due_for_verification(*, today: dt.date, older_than_days: int = VERIFY_AFTER_DAYS) -> list[CourtOrder]:
    """Return court orders not verified within ``older_than_days`` or whose status is unconfirmed."""
    limit = today - dt.timedelta(days=older_than_days)
    orders = CourtOrder.objects.order_by("last_verified", "key")
    return [o for o in orders if o.last_verified <= limit or not o.status_certain]


# A topic has one line of versions per tax year: the newest year first, then the newest version.
NEWEST_FIRST = (F("tax_year").desc(nulls_last=True), "-version")


def latest_version(
    topic: Topic, language: str, *, published: bool = True, tax_year: int | None = None
) -> HandoutVersion | None:
    """Return the newest (published) version of a topic in a language, for ``tax_year`` if given
    (else for the latest tax year the topic has)."""
    versions = HandoutVersion.objects.filter(topic=topic, language=language)
    if published:
        versions = versions.filter(status=HandoutVersion.Status.PUBLISHED)
    if tax_year is not None:
        versions = versions.filter(tax_year=tax_year)
    found = versions.order_by(*NEWEST_FIRST).first()
    if found is not None:
        found.topic = topic  # the row's own topic: no second query when a caller reads version.topic
    return found


def resolve_version(
    topic: Topic | str, language: str, version: HandoutVersion | int | None, *, tax_year: int | None = None
) -> HandoutVersion:
    """Return the version to print: the given one, number ``version``, or the newest published
    (for ``tax_year`` when given)."""
    if isinstance(version, HandoutVersion):
        return version
    if isinstance(topic, str):
        topic = Topic.objects.get(slug=topic)
    if version is None:
        found = latest_version(topic, language, tax_year=tax_year)
        if found is None:
            raise HandoutVersion.DoesNotExist(f"no published version of {topic.slug} in {language}")
        return found
    return HandoutVersion.objects.select_related("topic").get(topic=topic, language=language, version=version)


def court_orders() -> list[CourtOrder]:
    """Return the court-order register in date order, with its summaries."""
    return list(CourtOrder.objects.prefetch_related("summaries").order_by("order_date", "key"))


def blocked_topics(today: dt.date, slugs) -> set[tuple[str, str]]:
    """Return the (topic slug, language) pairs of ``slugs`` past their review date today."""
    return {
        (version.topic.slug, version.language)
        for version in latest_published().values()
        if version.topic.slug in slugs and version.is_stale(today)
    }


def content_reviewers(site) -> list[str]:
    """Return the usernames who can re-check a handout for ``site``: its coordinators and editors."""
    if site is None:
        return []
    return list(
        Membership.objects.filter(
            site=site, is_active=True, user__is_active=True,
            role__in=[Membership.Role.COORDINATOR, Membership.Role.EDITOR, Membership.Role.ADMIN],
        )
        .order_by("role", "user__username")
        .values_list("user__username", flat=True)
    )
