from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from counseling.models import HandoutVersion
from counseling.urls import urlpatterns
from tests.counseling.conftest import pdf_text

PASSWORD = "correct-horse-battery-staple"
HOUSEHOLD_VALUES = {
    "filing_status": "married_filing_jointly",
    "taxpayer_id_type": "itin",
    "taxpayer_age": 34,
    "spouse_id_type": "ssn",
    "spouse_age": 33,
    "wages": 24000,
    "nickname": "Zorblax",
    "language": "es",
}


def engine_available() -> bool:
    try:
        from intake.eligibility import assess  # noqa: F401
    except ImportError:
        return False
    return True


needs_engine = pytest.mark.skipif(not engine_available(), reason="intake.eligibility.assess not merged yet")


@pytest.fixture
def household_a(site_a, volunteer_a):
    from intake.services import household_open

    return household_open(
        site=site_a,
        user=volunteer_a,
        values=HOUSEHOLD_VALUES,
        dependents=[{"id_type": "ssn", "age": 4}, {"id_type": "itin", "age": 9}],
    )


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user(username="no-site", password=PASSWORD)


def url_for(name: str, household, version) -> str:
    kwargs = {
        "handout-pdf": {"topic": "itin", "language": "en"},
        "client-summary": {"code": household.code},
        "version-preview": {"pk": version.pk},
    }.get(name, {})
    return reverse(f"counseling:{name}", kwargs=kwargs)


# Expected status of a GET per persona and URL name (every pattern of the app is listed).
EXPECTED = {
    "handout-list": {"volunteer_a": 200, "coordinator_a": 200, "editor_a": 200, "volunteer_b": 200, "outsider": 403},
    "handout-pdf": {"volunteer_a": 200, "coordinator_a": 200, "editor_a": 200, "volunteer_b": 200, "outsider": 403},
    "packet": {"volunteer_a": 200, "coordinator_a": 200, "editor_a": 200, "volunteer_b": 200, "outsider": 403},
    "client-summary": {"volunteer_a": 200, "coordinator_a": 200, "editor_a": 200, "volunteer_b": 404, "outsider": 404},
    "review-due": {"volunteer_a": 403, "coordinator_a": 200, "editor_a": 200, "volunteer_b": 403, "outsider": 403},
    "court-order-list": {"volunteer_a": 200, "coordinator_a": 200, "editor_a": 200, "volunteer_b": 200, "outsider": 403},
    "version-preview": {"volunteer_a": 403, "coordinator_a": 403, "editor_a": 200, "volunteer_b": 403, "outsider": 403},
}


def test_every_url_pattern_has_expectations():
    assert {pattern.name for pattern in urlpatterns} == set(EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "volunteer_a", "coordinator_a", "editor_a", "volunteer_b", "outsider"])
def test_every_url_answers_each_persona_as_expected(
    client, content, household_a, request, persona, volunteer_a, coordinator_a, editor_a, volunteer_b, outsider
):
    version = HandoutVersion.objects.get(topic__slug="itin", language="en")
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    for name, expected in EXPECTED.items():
        response = client.get(url_for(name, household_a, version))
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
        else:
            assert response.status_code == expected[persona], (name, persona)


@pytest.mark.django_db
def test_a_member_prints_a_handout_with_their_sites_footer(client, content, volunteer_b):
    client.force_login(volunteer_b)
    response = client.get(reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": "es"}))
    assert response["Content-Type"] == "application/pdf"
    assert 'inline; filename="itin-es-v1.pdf"' == response["Content-Disposition"]
    assert "Site B Test Clinic" in " ".join(pdf_text(response.content))


@pytest.mark.django_db
def test_a_stale_handout_asks_before_printing(client, content, volunteer_a, monkeypatch):
    version = HandoutVersion.objects.get(topic__slug="court-orders", language="en")
    later = dt.datetime.combine(version.review_by + dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setattr("clinic.clock.now", lambda: later)
    client.force_login(volunteer_a)
    url = reverse("counseling:handout-pdf", kwargs={"topic": "court-orders", "language": "en"})
    warning = client.get(url)
    assert warning.status_code == 200
    assert warning["Content-Type"].startswith("text/html")
    assert "This handout may be out of date" in warning.content.decode()
    assert 'href="?confirm=1"' in warning.content.decode()
    printed = client.get(url + "?confirm=1")
    assert printed["Content-Type"] == "application/pdf"
    assert "May be out of date — ask the site coordinator" in " ".join(pdf_text(printed.content))

    listing = client.get(reverse("counseling:handout-list")).content.decode()
    assert "May be out of date" in listing


@pytest.mark.django_db
def test_the_packet_form_builds_one_pdf(client, content, volunteer_a):
    client.force_login(volunteer_a)
    url = reverse("counseling:packet")
    assert client.post(url, {}).status_code == 200  # nothing chosen: the form again, with an error
    response = client.post(url, {"copies__itin__en": "2", "copies__court-orders__es": "1"})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content))
    assert text.count("Your ITIN: renewing it and keeping it active") >= 2
    assert "Órdenes judiciales" in text


@pytest.mark.django_db
def test_review_due_lists_stale_handouts_and_unconfirmed_orders(client, content, coordinator_a, monkeypatch):
    later = dt.datetime(2026, 12, 20, 12, tzinfo=dt.UTC)
    monkeypatch.setattr("clinic.clock.now", lambda: later)
    client.force_login(coordinator_a)
    page = client.get(reverse("counseling:review-due")).content.decode()
    assert "Court orders on IRS and ICE data sharing" in page
    assert "overdue" in page
    assert "Community Economic Development Center" in page  # status not confirmed


@pytest.mark.django_db
def test_an_editor_previews_a_draft_with_a_draft_band(client, content, editor_a):
    from counseling.services import handout_publish

    old = HandoutVersion.objects.get(topic__slug="itin", language="en")
    draft = handout_publish(
        topic=old.topic, language="en", title="Draft title", body_markdown="Draft body.", as_of=old.as_of,
        review_by=old.review_by, reviewer="Editor A", status="draft", user=editor_a,
    )
    client.force_login(editor_a)
    response = client.get(reverse("counseling:version-preview", kwargs={"pk": draft.pk}))
    text = " ".join(pdf_text(response.content))
    assert "Draft preview — not for clients" in text
    assert "Draft body." in text
    # Volunteers still get the published version.
    assert HandoutVersion.objects.filter(topic=old.topic, language="en", status="published").count() == 1


@pytest.mark.django_db
def test_the_summary_form_is_never_cached(client, household_a, volunteer_a):
    client.force_login(volunteer_a)
    response = client.get(reverse("counseling:client-summary", kwargs={"code": household_a.code}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Zorblax" not in response.content.decode()


@pytest.mark.django_db
def test_the_summary_is_offered_only_in_translated_languages(client, site_a, volunteer_a):
    from intake.services import household_open

    household = household_open(site=site_a, user=volunteer_a, values={**HOUSEHOLD_VALUES, "language": "ko"})
    client.force_login(volunteer_a)
    url = reverse("counseling:client-summary", kwargs={"code": household.code})
    form = client.get(url).context["form"]
    assert [code for code, _name in form.fields["language"].choices] == ["en", "es"]
    assert form.initial["language"] == "en"
    assert client.post(url, {"language": "ko"}).status_code == 200  # the form again, with an error
    assert "language" in client.post(url, {"language": "ko"}).context["form"].errors


@needs_engine
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
    assert response["Content-Disposition"].startswith("attachment;")
    assert household_a.code not in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content))
    assert ("Zorblax" in text) is include_nickname
    # Household ITIN taxpayer, SSN spouse, SSN and ITIN children: nothing says who has which.
    for id_type_text in ("SSN valid for work", "ITIN, expired or being renewed", "ID type", "itin", "ssn",
                         "does not have an SSN", "may use an ITIN", "Dependent 2"):
        assert id_type_text not in text
    entries = AuditEntry.objects.filter(action="print", visit_code=household_a.code)
    assert entries.count() == before + 1
    assert entries.first().data == {"language": "es", "format": "client-summary"}
    assert entries.first().actor == volunteer_a


@needs_engine
@pytest.mark.django_db
def test_a_client_summary_is_never_written_to_the_handout_cache(client, household_a, volunteer_a, handout_cache, tmp_path):
    client.force_login(volunteer_a)
    client.post(reverse("counseling:client-summary", kwargs={"code": household_a.code}), {"language": "en"})
    cache_dir = tmp_path / "handout-cache"
    assert not cache_dir.exists() or not any(cache_dir.iterdir())
