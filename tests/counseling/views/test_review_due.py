"""What is due for review: stale handouts and court orders to re-verify."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse


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
def test_coordinators_see_which_languages_await_a_native_speakers_review(client, content, coordinator_a):
    from counseling.models import HandoutVersion
    from counseling.services import native_review_record

    client.force_login(coordinator_a)
    before = {row[0]: row[2:] for row in client.get(reverse("counseling:review-due")).context["translations"]}
    spanish = HandoutVersion.objects.filter(language="es", status="published")
    published = len({v.topic_id for v in spanish})
    assert "en" not in before and before["es"] == (published, published) and published > 0
    native_review_record(versions=list(spanish), reviewer="R. Soto", reviewed_on=dt.date(2026, 12, 3))
    after = client.get(reverse("counseling:review-due"))
    rows = {row[0]: row[2:] for row in after.context["translations"]}
    assert rows["es"] == (0, published)
    assert {code: counts for code, counts in rows.items() if code != "es"} == {
        code: counts for code, counts in before.items() if code != "es"
    }
    assert "native speaker" in after.content.decode()
