from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from clinic.models import AuditEntry
from intake.services import household_open

BASE = {
    "filing_status": "married_filing_jointly",
    "taxpayer_id_type": "ssn",
    "taxpayer_age": 34,
    "spouse_id_type": "itin_expired",
    "spouse_age": 33,
    "wages": 30000,
    "language": "es",
    "nickname": "Rosa",
}


def _household(site, user, kids=3):
    return household_open(
        site=site, user=user, values=BASE, dependents=[{"id_type": "ssn", "age": 4 + i} for i in range(kids)]
    )


def test_results_show_every_credit_side_by_side_with_reasons(client, volunteer_a, site_a):
    household = _household(site_a, volunteer_a)
    client.force_login(volunteer_a)
    response = client.get(household.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("federal_ctc", "federal_odc", "federal_eitc", "ca_eitc", "ca_yctc", "ca_fytc"):
        assert f'id="credit-{key}"' in html
    screening = response.context["screening"]
    for assessment in screening.credits.values():
        for item in (*assessment.reasons, *assessment.changes):
            assert escape(str(item.message)) in html
            assert escape(item.citation) in html
    for flag in screening.flags:
        assert escape(str(flag.message)) in html
    assert "Call the client: Rosa" in html
    assert [h["topic"] for h in response.context["handouts"]] == [
        "confidentiality", "court-orders", "federal-credits", "california-credits", "itin", "filing-decision",
    ]
    assert response.context["handout_language"] == "es"
    assert "no-store" in response["Cache-Control"]


def test_viewing_a_household_is_audited(client, volunteer_a, site_a):
    household = _household(site_a, volunteer_a)
    client.force_login(volunteer_a)
    client.get(household.get_absolute_url())
    entry = AuditEntry.objects.filter(action="view").get()
    assert entry.visit_code == household.code and entry.actor == volunteer_a and entry.data == {}


def test_another_sites_household_is_404(client, volunteer_a, volunteer_b, site_a):
    household = _household(site_a, volunteer_a)
    client.force_login(volunteer_b)
    assert client.get(household.get_absolute_url()).status_code == 404
    assert client.get(reverse("intake:household-edit", kwargs={"code": household.code})).status_code == 404
    assert client.post(reverse("intake:household-close", kwargs={"code": household.code})).status_code == 404
    assert not AuditEntry.objects.filter(action="view").exists()


@pytest.mark.parametrize("kids", [0, 12])
def test_the_results_query_count_does_not_grow_with_dependents(client, volunteer_a, site_a, kids, django_assert_num_queries):
    household = _household(site_a, volunteer_a, kids=kids)
    client.force_login(volunteer_a)
    client.get(household.get_absolute_url())  # warm the session
    # session, user, household, membership, dependents, published handout languages, audit insert,
    # session save (in a savepoint)
    with django_assert_num_queries(QUERIES):
        assert client.get(household.get_absolute_url()).status_code == 200


QUERIES = 10


def test_a_handout_missing_in_the_clients_language_offers_the_published_ones(client, volunteer_a, site_a):
    from counseling.models import HandoutVersion

    # Every language ships today; take Tagalog away to see what a missing translation looks like.
    HandoutVersion.objects.filter(language__in=["tl", "vi", "ko", "zh-hans", "zh-hant"]).delete()
    household = household_open(site=site_a, user=volunteer_a, values={**BASE, "language": "tl"}, dependents=[])
    client.force_login(volunteer_a)
    response = client.get(household.get_absolute_url())
    html = response.content.decode()
    handouts = response.context["handouts"]
    assert handouts and all(h["url"] is None for h in handouts)
    assert all({f["name"] for f in h["fallbacks"]} == {"English", "Español"} for h in handouts)  # the rest deleted above
    assert "/tl.pdf" not in html
    assert "Not yet available in Tagalog" in html
    for fallback in handouts[0]["fallbacks"]:
        assert client.get(fallback["url"]).status_code == 200


def test_a_handout_in_the_clients_language_links_to_it(client, volunteer_a, site_a):
    household = _household(site_a, volunteer_a, kids=0)
    client.force_login(volunteer_a)
    handouts = client.get(household.get_absolute_url()).context["handouts"]
    assert all(h["url"].split("?")[0].endswith("/es.pdf") and h["fallbacks"] == [] for h in handouts)
