"""The handout list: every topic × language with its version and a link to print it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from counseling.models import HandoutVersion


@pytest.mark.django_db
def test_it_lists_each_published_handout_with_its_version_and_print_link(client, content, volunteer_a):
    client.force_login(volunteer_a)
    response = client.get(reverse("counseling:handout-list"))
    assert response.status_code == 200
    page = response.content.decode()
    for version in HandoutVersion.objects.filter(status="published").select_related("topic"):
        link = reverse("counseling:handout-pdf", kwargs={"topic": version.topic.slug, "language": version.language})
        assert link in page, (version.topic.slug, version.language)
    assert not response.context["can_review"]


@pytest.mark.django_db
def test_a_coordinator_is_offered_the_review_list(client, content, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get(reverse("counseling:handout-list"))
    assert response.context["can_review"]
