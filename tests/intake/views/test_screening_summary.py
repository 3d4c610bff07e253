"""Anonymous screening prints the client's one-page summary (and everything) and writes nothing:
no row (but the anonymous print counter), no file, no cache entry, no log line with a value."""

from __future__ import annotations

import logging

import pytest
from django.apps import apps
from django.core.cache import caches
from django.urls import reverse

from clinic.models import ActivityCounter
from tests.counseling.conftest import pdf_text
from tests.intake.conftest import household_post

SCREENING = reverse("intake:screening")
SUMMARY = reverse("intake:screening-summary")


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "handouts": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                     "LOCATION": str(tmp_path / "handout-cache")},
    }
    return tmp_path / "handout-cache"


def _answers(**overrides):
    return household_post(nickname="Walk-in Rosa", wages="$21,500", **overrides)


@pytest.mark.parametrize("everything", [False, True])
def test_the_anonymous_summary_prints_and_writes_nothing(client, volunteer_a, site_a, caplog, file_cache, everything):
    client.force_login(volunteer_a)
    data = {**_answers(), "print-language": "es"}
    if everything:
        data["print-everything"] = "1"
    local = caches["default"]
    keys_before = set(getattr(local, "_cache", {}))
    before = row_counts()
    caplog.set_level(logging.DEBUG)
    response = client.post(SUMMARY, data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "no-store" in response["Cache-Control"]
    pages = pdf_text(response.content)
    assert "Sus créditos tributarios" in pages[0]
    assert len(pages) > 1 if everything else len(pages) == 1
    after = row_counts()
    changed = {label for label in before if before[label] != after[label]}
    # The privacy design's one anonymous count (clinic.models.ActivityCounter): site, day, topic, language.
    assert changed <= {"clinic.ActivityCounter"}
    summary_count = ActivityCounter.objects.get(site=site_a, activity="print", topic="summary", language="es")
    assert summary_count.count == 1
    assert not ActivityCounter.objects.filter(activity="screening").exists()
    assert set(getattr(local, "_cache", {})) == keys_before
    assert not file_cache.exists() or not any(file_cache.iterdir())
    for value in ("Rosa", "21500", "21,500", "itin", "912"):
        assert value not in caplog.text
    text = " ".join(pages[:1])
    assert "Rosa" not in text  # an anonymous screening has no nickname to print


def test_the_results_page_offers_the_summary_with_the_answers(client, volunteer_a):
    client.force_login(volunteer_a)
    response = client.post(SCREENING, _answers(), follow=True)  # results after the redirect
    html = response.content.decode()
    assert f'action="{SUMMARY}"' in html
    assert 'name="print-everything"' in html and 'name="print-language"' in html
    assert 'name="wages" value="21500"' in html or 'name="wages" value="$21,500"' in html
    form = response.context["print_form"]
    assert form["language"].value() == "es"  # the client's language is chosen already
    assert "include_nickname" not in form.fields


def test_the_summary_needs_a_post_and_the_answers(client, volunteer_a):
    client.force_login(volunteer_a)
    assert client.get(SUMMARY).status_code == 405
    before = row_counts()
    broken = {**_answers(filing_status=""), "print-language": "es"}
    response = client.post(SUMMARY, broken)
    # Back to the form with the reason, nothing typed lost, nothing written.
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors
    assert 'value="21500"' in response.content.decode() or "21,500" in response.content.decode()
    assert row_counts() == before
