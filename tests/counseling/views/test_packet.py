"""The packet form: chosen topics × languages × copies in one PDF."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.counseling.conftest import pdf_text


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
