"""Cache generic handouts and packets (never a client summary).

Keys are built from everything a PDF shows, so nothing is ever invalidated by hand: a new version,
a change to the site's name, phone or hours, a change to the court-order register, a layout change
or the review date passing all produce a different key, and the old entry simply ages out. That also
makes per-server caches safe on a clinic network: two app servers can never disagree on a key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from django.core.cache import caches

from clinic.models import Site
from counseling.handouts import handout_day, render_handout, render_packet
from counseling.models import CourtOrder, CourtOrderSummary, HandoutVersion, Topic
from counseling.pdf import STYLESHEET, Rendered
from counseling.recommendations import REGISTER_TOPICS
from counseling.selectors import resolve_version

CACHE_ALIAS = "handouts"
# Bump when the PDF code changes what a page looks like in a way the files below do not capture.
LAYOUT_VERSION = "1"


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:24]


@lru_cache(maxsize=1)
def layout_fingerprint() -> str:
    """Return a digest of the handout template and stylesheet (a deploy that changes them drops
    every cached PDF)."""
    from django.contrib.staticfiles import finders
    from django.template.loader import get_template

    template = get_template("counseling/handout_pdf.html").origin.name
    stylesheet = finders.find(STYLESHEET)
    return _digest(LAYOUT_VERSION, Path(template).read_bytes(), Path(stylesheet).read_bytes())


def site_fingerprint(site: Site | None) -> str:
    """Return a digest of every site field printed on a handout, its referral list included."""
    if site is None:
        return "neutral"
    referrals = list(
        site.referrals.order_by("order", "pk").values_list("kind", "name", "phone", "hours", "note", "translations")
    )
    return _digest(site.pk, site.slug, site.name, site.phone, site.hours, site.hours_translations, referrals)


def register_fingerprint() -> str:
    """Return a digest of the whole court-order register (a few rows; one query each)."""
    orders = list(
        CourtOrder.objects.order_by("key").values_list("key", "updated_at", "status", "status_certain", "news_through")
    )
    summaries = list(
        CourtOrderSummary.objects.order_by("order_id", "language").values_list(
            "order_id", "language", "summary", "court", "details", "status_text"
        )
    )
    return _digest(orders, summaries)


def handout_cache_key(version: HandoutVersion, *, site: Site | None, today: dt.date) -> str:
    """Return the cache key of a generic handout: version, site, stale flag, register, layout."""
    register = register_fingerprint() if version.topic.slug in REGISTER_TOPICS else "-"
    return "handout:" + _digest(
        version.pk,
        version.topic.slug,
        version.language,
        version.version,
        site_fingerprint(site),
        version.is_stale(today),
        register,
        layout_fingerprint(),
    )


def cached_handout(
    *,
    topic: Topic | str,
    language: str,
    site: Site | None,
    version: HandoutVersion | None = None,
    now: dt.datetime | None = None,
) -> tuple[Rendered, bool]:
    """Return ``(rendered, was_cached)`` for the newest published version (or ``version``)."""
    chosen = resolve_version(topic, language, version)
    today = handout_day(now)
    cache = caches[CACHE_ALIAS]
    key = handout_cache_key(chosen, site=site, today=today)
    hit = cache.get(key)
    if hit is not None:
        return Rendered(*hit), True
    rendered = render_handout(topic=chosen.topic, language=language, site=site, version=chosen, now=now)
    cache.set(key, (rendered.filename, rendered.content_type, rendered.content))
    return rendered, False


def cached_packet(
    *,
    items: Sequence[tuple[Topic | str, str, int]],
    site: Site | None,
    now: dt.datetime | None = None,
) -> tuple[Rendered, bool]:
    """Return ``(rendered, was_cached)`` for a packet; its key holds every handout's key and count."""
    today = handout_day(now)
    parts = []
    for topic, language, copies in items:
        if copies < 1:
            continue
        chosen = resolve_version(topic, language, None)
        parts.append((handout_cache_key(chosen, site=site, today=today), copies))
    cache = caches[CACHE_ALIAS]
    key = "packet:" + _digest(parts)
    hit = cache.get(key)
    if hit is not None:
        return Rendered(*hit), True
    rendered = render_packet(items=items, site=site, now=now)
    cache.set(key, (rendered.filename, rendered.content_type, rendered.content))
    return rendered, False
