from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from django.urls import reverse


def consent_token(client) -> str:
    """Record consent as the logged-in volunteer; return the token the household form carries."""
    response = client.post(reverse("intake:household-consent"), {"client_agreed": "on"})
    assert response.status_code == 302, response.content
    return parse_qs(urlparse(response["Location"]).query)["consent"][0]
