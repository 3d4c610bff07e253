"""An editor's preview of any version, draft or published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from counseling.models import HandoutVersion
from tests.counseling.conftest import pdf_text


@pytest.mark.django_db
def test_an_editor_previews_a_draft_with_a_draft_band(client, content, editor_a):
    from counseling.services import handout_publish

    old = HandoutVersion.objects.get(topic__slug="itin", language="en")
    draft = handout_publish(
        topic=old.topic, language="en", title="Draft title", body_markdown="Draft body.", as_of=old.as_of,
        review_by=old.review_by, reviewer="Editor A", status="draft", user=editor_a,
    )
    client.force_login(editor_a)
    response = client.get(reverse("counseling:version-preview", kwargs={"pk": draft.pk}))
    text = " ".join(pdf_text(response.content))
    assert "Draft preview — not for clients" in text
    assert "Draft body." in text
    # Volunteers still get the published version.
    assert HandoutVersion.objects.filter(topic=old.topic, language="en", status="published").count() == 1
