"""The court-order register as staff see it: every order, newest first, in full detail."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from counseling.models import CourtOrder


@pytest.mark.django_db
def test_it_shows_every_order_newest_first(client, content, volunteer_a):
    client.force_login(volunteer_a)
    response = client.get(reverse("counseling:court-order-list"))
    assert response.status_code == 200
    orders = list(response.context["orders"])
    assert {o.key for o in orders} == set(CourtOrder.objects.values_list("key", flat=True))
    assert [o.order_date for o in orders] == sorted((o.order_date for o in orders), reverse=True)
    page = response.content.decode()
    assert all(escape(order.case_name) in page for order in orders)
