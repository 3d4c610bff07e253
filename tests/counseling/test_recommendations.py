from __future__ import annotations

import pytest
from django.conf import settings

from counseling.recommendations import recommended_topics
from intake.eligibility.facts import Dependent, Filer, FilingStatus, Household, IdType

EVERYONE = ["federal-credits", "california-credits"]
AT_RISK = ["confidentiality", "court-orders", "federal-credits", "california-credits", "filing-decision"]


def _household(taxpayer, spouse=None, kids=(), tax_year=None):
    return Household(
        id="t",
        tax_year=tax_year or settings.CONFIANZA_TAX_YEAR,  # the season in progress
        filing_status=FilingStatus.MARRIED_FILING_JOINTLY if spouse else FilingStatus.SINGLE,
        taxpayer=Filer(id_type=IdType(taxpayer), age=30),
        spouse=Filer(id_type=IdType(spouse), age=30) if spouse else None,
        dependents=tuple(Dependent(id_type=IdType(kid), age=5) for kid in kids),
    )


@pytest.mark.parametrize(
    ("taxpayer", "spouse", "kids", "expected"),
    [
        ("ssn", None, ("ssn",), EVERYONE),
        ("ssn_not_valid_for_employment", None, (), EVERYONE),
        ("itin", None, (), [*AT_RISK[:4], "itin", "filing-decision"]),
        ("itin_expired", None, (), [*AT_RISK[:4], "itin", "filing-decision"]),
        ("applying", None, (), [*AT_RISK[:4], "itin", "filing-decision"]),
        ("none", None, (), AT_RISK),
        ("declined", None, (), AT_RISK),
        # Mixed status: an SSN filer with an ITIN spouse is an ITIN filer household.
        ("ssn", "itin", ("ssn",), [*AT_RISK[:4], "itin", "filing-decision"]),
        # SSN parents, a child applying for an ITIN: the ITIN handout and what the clinic keeps.
        ("ssn", "ssn", ("ssn", "applying"), ["confidentiality", *EVERYONE, "itin"]),
        ("ssn", None, ("atin",), EVERYONE),
    ],
)
def test_it_recommends_handouts_for_the_household(taxpayer, spouse, kids, expected):
    assert recommended_topics(_household(taxpayer, spouse, kids)) == expected


def test_a_late_return_also_gets_the_late_returns_handout():
    prior = settings.CONFIANZA_TAX_YEAR - 1
    assert "late-returns" in recommended_topics(_household("ssn", kids=("ssn",), tax_year=prior))
    assert "late-returns" not in recommended_topics(_household("ssn", kids=("ssn",)))
