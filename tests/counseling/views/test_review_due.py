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
