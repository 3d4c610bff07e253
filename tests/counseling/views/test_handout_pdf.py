"""The generic handout PDF: the member's site footer, and a warning before a stale one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from counseling.models import HandoutVersion
from tests.counseling.conftest import pdf_text


@pytest.mark.django_db
def test_a_member_prints_a_handout_with_their_sites_footer(client, content, volunteer_b):
    client.force_login(volunteer_b)
    response = client.get(reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": "es"}))
    assert response["Content-Type"] == "application/pdf"
    assert 'inline; filename="itin-es-v1.pdf"' == response["Content-Disposition"]
    assert "Site B Test Clinic" in " ".join(pdf_text(response.content))


@pytest.mark.django_db
def test_a_stale_handout_asks_before_printing(client, content, volunteer_a, monkeypatch):
    # Any topic but court-orders: a stale court-orders handout is not printed for clients at all
    # (tests/counseling/test_handout_print.py).
    version = HandoutVersion.objects.get(topic__slug="itin", language="en")
    later = dt.datetime.combine(version.review_by + dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setattr("clinic.clock.now", lambda: later)
    client.force_login(volunteer_a)
    url = reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": "en"})
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
