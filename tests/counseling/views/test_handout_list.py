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


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "language"), [("handout-list", "en"), ("packet", "en"), ("handout-list", "es"),
                                                ("packet", "es")])
def test_topics_are_shown_by_title_in_the_interface_language_never_by_slug(client, content, volunteer_a, name,
                                                                          language):
    import re

    from counseling.models import Topic

    client.force_login(volunteer_a)
    client.cookies["django_language"] = language
    page = client.get(reverse(f"counseling:{name}")).content.decode()
    row_headers = re.findall(r'<th scope="row">(.*?)</th>', page, re.S)
    topics = list(Topic.objects.all())
    assert len(row_headers) == len(topics)
    for topic, header in zip(topics, row_headers, strict=True):
        assert header.strip() != topic.slug
        assert header.strip() == (topic.titles.get(language) or topic.titles["en"]).replace("'", "&#x27;")
