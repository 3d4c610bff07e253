"""The handout admin: adding is publishing a new version, drafts publish as they stand, and a native
speaker's review of a translation is recorded (once, audited) without touching its text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from counseling.models import HandoutVersion, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(editor_a):
    editor_a.is_staff = True
    editor_a.save(update_fields=["is_staff"])
    return editor_a


@pytest.fixture
def admin_client(client, editor, content):
    client.force_login(editor)
    return client


def _form(version: HandoutVersion, **changes) -> dict:
    data = {
        "topic": version.topic_id,
        "language": version.language,
        "title": version.title,
        "summary": version.summary,
        "body_markdown": version.body_markdown,
        "as_of": version.as_of.isoformat(),
        "review_by": version.review_by.isoformat(),
        "reviewer": version.reviewer,
        "tax_year": version.tax_year or "",
        "version_note": "",
        "sources": "[]",
        "status": "draft",
        "translator": "",
        "translation_method": "",
    }
    data.update(changes)
    return data


def test_saving_in_the_admin_creates_the_next_version_and_leaves_the_old_one(admin_client):
    old = HandoutVersion.objects.filter(language="es").order_by("-version").first()
    before = {f: getattr(old, f) for f in ("title", "body_markdown", "status", "version")}
    response = admin_client.post(
        reverse("admin:counseling_handoutversion_add"),
        _form(old, title="Título corregido", translator="Equipo", translation_method="Revisado a mano"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new = HandoutVersion.objects.get(topic=old.topic, language="es", version=old.version + 1)
    assert (new.title, new.status, new.translator, new.translation_method) == (
        "Título corregido", "draft", "Equipo", "Revisado a mano"
    )
    old.refresh_from_db()
    assert {f: getattr(old, f) for f in before} == before


def test_the_change_page_is_read_only(admin_client):
    version = HandoutVersion.objects.first()
    url = reverse("admin:counseling_handoutversion_change", args=[version.pk])
    admin_client.post(url, _form(version, title="Overwritten"))
    version.refresh_from_db()
    assert version.title != "Overwritten"


def test_publishing_drafts_changes_only_their_status(admin_client):
    old = HandoutVersion.objects.filter(language="en").first()
    admin_client.post(reverse("admin:counseling_handoutversion_add"), _form(old, title="Draft title"))
    draft = HandoutVersion.objects.get(title="Draft title")
    assert draft.status == "draft"
    admin_client.post(
        reverse("admin:counseling_handoutversion_changelist"),
        {"action": "publish_drafts", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert (draft.status, draft.title) == ("published", "Draft title")


def test_a_native_review_is_asked_for_then_recorded_once_and_audited(admin_client, editor):
    translations = list(HandoutVersion.objects.exclude(language="en"))
    english = HandoutVersion.objects.filter(language="en").first()
    assert translations and all(v.awaits_native_review for v in translations)
    assert not english.awaits_native_review
    url = reverse("admin:counseling_handoutversion_changelist")
    selected = [v.pk for v in translations] + [english.pk]
    ask = admin_client.post(url, {"action": "record_native_review", "_selected_action": selected})
    assert ask.status_code == 200 and b"reviewer" in ask.content
    missing = admin_client.post(
        url, {"action": "record_native_review", "_selected_action": selected, "apply": "1", "reviewer": "", "reviewed_on": "2026-12-10"}
    )
    assert missing.status_code == 200  # the form again, with its error; nothing recorded
    assert HandoutVersion.objects.filter(native_reviewed_on__isnull=False).count() == 0
    done = admin_client.post(
        url,
        {
            "action": "record_native_review",
            "_selected_action": selected,
            "apply": "1",
            "reviewer": "M. Reyes, EA (native Spanish)",
            "reviewed_on": "2026-12-10",
        },
    )
    assert done.status_code == 302
    reviewed = HandoutVersion.objects.filter(native_reviewed_on=dt.date(2026, 12, 10))
    assert sorted(reviewed.values_list("pk", flat=True)) == sorted(v.pk for v in translations)
    english.refresh_from_db()
    assert english.native_reviewed_on is None
    entry = AuditEntry.objects.filter(action="edit", actor=editor).latest("at")
    assert entry.data["count"] == len(translations)
    assert "M. Reyes" not in str(entry.data)
    # A second review of the same versions records nothing new.
    admin_client.post(
        url,
        {"action": "record_native_review", "_selected_action": selected, "apply": "1", "reviewer": "Other", "reviewed_on": "2026-12-11"},
    )
    assert not HandoutVersion.objects.filter(native_reviewer="Other").exists()


@pytest.mark.parametrize(("language", "one", "many"), [
    ("en", "Review recorded on 1 translation.", "Review recorded on 2 translations."),
    ("es", "Revisión registrada en 1 traducción.", "Revisión registrada en 2 traducciones."),
])
def test_the_review_message_counts_in_the_editors_language(admin_client, editor, language, one, many):
    url = reverse("admin:counseling_handoutversion_changelist")
    first, second, third = HandoutVersion.objects.exclude(language="en").order_by("pk")[:3]
    admin_client.cookies["django_language"] = language
    for selected, expected in (([first.pk], one), ([second.pk, third.pk], many)):
        done = admin_client.post(
            url,
            {"action": "record_native_review", "_selected_action": selected, "apply": "1",
             "reviewer": "R. Native", "reviewed_on": "2026-12-10"},
            follow=True,
        )
        assert expected in [str(m) for m in done.context["messages"]]


def test_the_awaiting_filter_lists_unreviewed_translations_only(admin_client):
    response = admin_client.get(reverse("admin:counseling_handoutversion_changelist") + "?native_review=awaiting")
    listed = {v.pk for v in response.context["cl"].queryset}
    assert listed == set(HandoutVersion.objects.exclude(language="en").values_list("pk", flat=True))
    assert Topic.objects.exists()


def test_a_volunteer_cannot_open_the_handout_admin(client, volunteer_a, content):
    volunteer_a.is_staff = True
    volunteer_a.save(update_fields=["is_staff"])
    client.force_login(volunteer_a)
    response = client.get(reverse("admin:counseling_handoutversion_changelist"))
    assert response.status_code in (302, 403)
