"""Which handouts a volunteer should print for a household.

A rule over the household's plain facts (intake/eligibility/facts.py), so it works the same for a
recorded household and an anonymous screening. Topic slugs are the counseling app's.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from intake.eligibility.facts import Household as HouseholdFacts
from intake.eligibility.facts import IdType

# In the order they are printed and handed over.
TOPICS = {
    "confidentiality": _("What the clinic keeps, and who can see it"),
    "court-orders": _("Court orders on sharing tax data with immigration authorities"),
    "federal-credits-2025": _("Federal credits for 2025"),
    "california-credits": _("California credits"),
    "itin": _("Your ITIN: renewal, W-7 and expiry"),
    "filing-decision": _("Deciding whether to file"),
}

# A filer without a work-valid SSN (or who chose not to say) is the one the 2025 changes and the
# data-sharing orders touch: they get the confidentiality, court-order and filing-decision handouts.
_FILER_AT_RISK = frozenset(
    {IdType.ITIN, IdType.ITIN_EXPIRED, IdType.APPLYING, IdType.NONE, IdType.DECLINED}
)
# Anyone holding, renewing or applying for an ITIN needs the ITIN handout.
_ITIN_TYPES = frozenset({IdType.ITIN, IdType.ITIN_EXPIRED, IdType.APPLYING})


def recommended_topics(facts: HouseholdFacts) -> list[str]:
    """Return the handout topics for this household, in printing order."""
    filer_types = {filer.id_type for filer in facts.filers}
    everyone = filer_types | {dependent.id_type for dependent in facts.dependents}
    chosen = {"federal-credits-2025", "california-credits"}
    if filer_types & _FILER_AT_RISK:
        chosen |= {"confidentiality", "court-orders", "filing-decision"}
    if everyone & _ITIN_TYPES:
        chosen.add("itin")
        # A mixed-status family shares its data too: explain what the clinic keeps.
        chosen.add("confidentiality")
    return [topic for topic in TOPICS if topic in chosen]
