"""The client summary: its form, and the private, logged PDF that names no ID type."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from tests.counseling.conftest import pdf_text
from tests.counseling.views.conftest import HOUSEHOLD_VALUES


@pytest.mark.django_db
def test_the_summary_form_is_never_cached(client, household_a, volunteer_a):
    client.force_login(volunteer_a)
    response = client.get(reverse("counseling:client-summary", kwargs={"code": household_a.code}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Zorblax" not in response.content.decode()


@pytest.mark.django_db
def test_the_summary_is_offered_only_in_translated_languages(client, site_a, volunteer_a, settings):
    from intake.services import household_open

    settings.LANGUAGES = [("en", "English"), ("es", "Español")]  # as if Korean had no catalogue yet
    household = household_open(site=site_a, user=volunteer_a, values={**HOUSEHOLD_VALUES, "language": "ko"})
    client.force_login(volunteer_a)
    url = reverse("counseling:client-summary", kwargs={"code": household.code})
    form = client.get(url).context["form"]
    assert [code for code, _name in form.fields["language"].choices] == ["en", "es"]
    assert form.initial["language"] == "en"
    assert client.post(url, {"language": "ko"}).status_code == 200  # the form again, with an error
    assert "language" in client.post(url, {"language": "ko"}).context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("include_nickname", [False, True])
def test_the_client_summary_is_private_logged_and_has_no_id_type(client, household_a, volunteer_a, include_nickname):
    client.force_login(volunteer_a)
    url = reverse("counseling:client-summary", kwargs={"code": household_a.code})
    data = {"language": "es"}
    if include_nickname:
        data["include_nickname"] = "on"
    before = AuditEntry.objects.filter(action="print", visit_code=household_a.code).count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"].split(", ")
    assert response["Content-Disposition"].startswith("inline;")  # opens in the browser, like the handouts
    assert household_a.code not in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content))
    assert ("Zorblax" in text) is include_nickname
    # Household ITIN taxpayer, SSN spouse, SSN and ITIN children: nothing says who has which.
    for id_type_text in ("SSN valid for work", "ITIN, expired or being renewed", "ID type", "itin", "ssn",
                         "does not have an SSN", "may use an ITIN", "Dependent 2", "ITIN", "SSN",
                         "válido para trabajar (SSN)", "tipo de identificación", "Dependiente 2"):
        assert id_type_text not in text
    assert len(pdf_text(response.content)) == 1
    entries = AuditEntry.objects.filter(action="print", visit_code=household_a.code)
    assert entries.count() == before + 1
    assert entries.first().data == {"language": "es", "format": "client-summary"}
    assert entries.first().actor == volunteer_a


@pytest.mark.django_db
def test_a_client_summary_is_never_written_to_the_handout_cache(client, household_a, volunteer_a, handout_cache, tmp_path):
    client.force_login(volunteer_a)
    client.post(reverse("counseling:client-summary", kwargs={"code": household_a.code}), {"language": "en"})
    cache_dir = tmp_path / "handout-cache"
    assert not cache_dir.exists() or not any(cache_dir.iterdir())


@pytest.mark.django_db
def test_print_everything_is_the_summary_then_the_households_handouts_with_one_audit_entry(
    client, content, household_a, volunteer_a
):
    from clinic.models import ActivityCounter
    from counseling.handouts import render_handout
    from counseling.recommendations import recommended_topics
    from counseling.services import client_handout_versions
    from intake.facts import household_facts

    client.force_login(volunteer_a)
    url = reverse("counseling:client-summary", kwargs={"code": household_a.code})
    before = AuditEntry.objects.count()
    response = client.post(url, {"language": "es", "everything": "1"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;") and "no-store" in response["Cache-Control"]
    from clinic import clock

    facts = household_facts(household_a)
    versions = client_handout_versions(facts, "es", today=clock.today())
    topics = [v.topic.slug for v in versions]
    # The one rule of which handouts a household needs decides (an ITIN filer: court orders, ITIN, …);
    # of those, the fixture content has two in Spanish (california-credits is English only).
    assert {"court-orders", "california-credits", "itin"} <= set(recommended_topics(facts))
    assert topics == ["court-orders", "itin"]
    pages = pdf_text(response.content)
    handout_pages = sum(
        len(pdf_text(render_handout(topic=v.topic, language="es", site=household_a.site, version=v).content))
        for v in versions
    )
    assert len(pages) == 1 + handout_pages
    assert "Sus créditos tributarios" in pages[0]
    for version in versions:
        assert any(version.title.split()[0] in page for page in pages[1:])
    # One audit entry for the whole print, naming the topics (never a value).
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.visit_code == household_a.code and entry.action == "print"
    assert entry.data == {"language": "es", "format": "client-summary-and-handouts", "topics": topics}
    counted = dict(ActivityCounter.objects.filter(activity="print").values_list("topic", "count"))
    assert counted == {"summary": 1, **{topic: 1 for topic in topics}}


@pytest.mark.django_db
def test_the_service_refuses_a_language_without_a_catalogue(household_a, volunteer_a, settings):
    from counseling.services import client_summary_print

    settings.LANGUAGES = [("en", "English"), ("es", "Español")]  # as if Chinese had no catalogue yet
    before = AuditEntry.objects.count()
    with pytest.raises(ValueError, match="zh-hans"):
        client_summary_print(household=household_a, language="zh-hans", user=volunteer_a)
    assert AuditEntry.objects.count() == before
