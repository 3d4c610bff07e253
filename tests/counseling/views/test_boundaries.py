"""Every counseling URL for every persona: anonymous → sign-in, outsiders → 403/404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from counseling.models import HandoutVersion
from counseling.urls import urlpatterns


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
