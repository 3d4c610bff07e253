"""What each handout topic is: its place in the printing order, who needs it, what it prints.

The one home of topic behaviour. The text of a topic lives in ``counseling/content/topics/<slug>/``
(its title in each language in the front matter, loaded into ``Topic.titles``); everything a topic
*does* is decided here: the order topics are listed and printed in (``TOPIC_ORDER``, which the
loader writes into ``Topic.order``), which topics a household should take home
(``recommended_topics``), which print the court-order register or the California credits chart,
and the links the results page offers (``handouts_for``).

The rule reads the household's plain facts (``intake/eligibility/facts.py``), so it works the same
for a recorded household and an anonymous screening. Slugs carry no year: a topic has one version
per tax year (the ``tax_year`` of its front matter), not one slug per year.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from counseling.selectors import published_topics
from intake.eligibility.facts import Household as HouseholdFacts
from intake.eligibility.facts import IdType

# In the order they are listed, printed and handed over; topics not listed here follow, by slug.
TOPIC_ORDER = (
    "confidentiality",
    "court-orders",
    "federal-credits",
    "california-credits",
    "itin",
    "refunds-and-banking",
    "late-returns",
    "filing-decision",
)
# Topics whose handout prints the court-order register after the body.
REGISTER_TOPICS = frozenset({"court-orders"})
# Topics not printed for clients once past their review date (court news goes stale fast): the
# volunteer is told why and who can re-check it. Other topics print with the "may be out of date" band.
BLOCKED_WHEN_STALE = frozenset({"court-orders"})
# Topics whose handout prints the California credits chart.
CHART_TOPICS = frozenset({"california-credits"})

# A filer without a work-valid SSN (or who chose not to say) is the one the 2025 changes and the
# data-sharing orders touch: they get the confidentiality, court-order and filing-decision handouts.
_FILER_AT_RISK = frozenset(
    {IdType.ITIN, IdType.ITIN_EXPIRED, IdType.APPLYING, IdType.NONE, IdType.DECLINED}
)
# Anyone holding, renewing or applying for an ITIN needs the ITIN handout.
_ITIN_TYPES = frozenset({IdType.ITIN, IdType.ITIN_EXPIRED, IdType.APPLYING})


def topic_position(slug: str, known: list[str] | tuple[str, ...] = ()) -> int:
    """Return a topic's place in the printing order; unlisted topics follow, sorted by slug."""
    if slug in TOPIC_ORDER:
        return TOPIC_ORDER.index(slug)
    extra = sorted({*known, slug} - set(TOPIC_ORDER))
    return len(TOPIC_ORDER) + extra.index(slug)


def recommended_topics(facts: HouseholdFacts) -> list[str]:
    """Return the handout topics for this household, in printing order."""
    filer_types = {filer.id_type for filer in facts.filers}
    everyone = filer_types | {dependent.id_type for dependent in facts.dependents}
    chosen = {"federal-credits", "california-credits"}
    tax_year, season = getattr(facts, "tax_year", None), getattr(settings, "CONFIANZA_TAX_YEAR", None)
    if tax_year is not None and season is not None and tax_year < season:
        # A return for an earlier year than the season's: filing late (facts §1, §1A).
        chosen.add("late-returns")
    if filer_types & _FILER_AT_RISK:
        chosen |= {"confidentiality", "court-orders", "filing-decision"}
    if everyone & _ITIN_TYPES:
        chosen.add("itin")
        # A mixed-status family shares its data too: explain what the clinic keeps.
        chosen.add("confidentiality")
    return [topic for topic in TOPIC_ORDER if topic in chosen]


def handout_url(topic: str, language: str, site_slug: str | None) -> str:
    """Return the PDF link; the site picks the footer (phone, hours) the handout carries."""
    url = reverse("counseling:handout-pdf", kwargs={"topic": topic, "language": language})
    return f"{url}?{urlencode({'site': site_slug})}" if site_slug else url


def handouts_for(facts: HouseholdFacts, *, language: str, site_slug: str | None = None) -> list[dict]:
    """Return the handouts to print for a household, each with its title and a link in the
    client's language, or, where that language has no published version yet, links in the
    languages that do (one query)."""
    topics = recommended_topics(facts)
    available = published_topics(topics)
    names = dict(settings.HANDOUT_LANGUAGES)
    interface = (get_language() or "en").lower()
    handouts = []
    for topic in topics:
        titles, languages = available.get(topic, ({}, []))
        handouts.append(
            {
                "topic": topic,
                "title": titles.get(interface) or titles.get("en") or topic,
                "url": handout_url(topic, language, site_slug) if language in languages else None,
                "fallbacks": []
                if language in languages
                else [{"name": names.get(other, other), "url": handout_url(topic, other, site_slug)} for other in languages],
            }
        )
    return handouts
