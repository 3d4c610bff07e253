"""Who may use the handout admin, and what two-factor enforcement leaves open (found by mutation testing)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from counseling.access import is_content_editor

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


def test_a_superuser_without_a_membership_is_a_content_editor(django_user_model):
    root = django_user_model.objects.create_superuser(username="root-editor", password=PASSWORD)
    assert is_content_editor(root) is True


def test_editors_are_and_others_are_not(editor_a, volunteer_a, coordinator_a):
    assert is_content_editor(editor_a) is True
    assert is_content_editor(volunteer_a) is False and is_content_editor(coordinator_a) is False


def test_an_inactive_editor_or_superuser_is_not(editor_a, django_user_model):
    editor_a.is_active = False
    assert is_content_editor(editor_a) is False
    root = django_user_model.objects.create_superuser(username="root-gone", password=PASSWORD, is_active=False)
    assert is_content_editor(root) is False


def test_a_superuser_reaches_the_handout_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser(username="root-admin", password=PASSWORD))
    assert client.get(reverse("admin:counseling_handoutversion_changelist")).status_code == 200


def test_static_files_stay_reachable_before_the_second_factor(client, volunteer_a, settings):
    settings.REQUIRE_2FA = True
    client.force_login(volunteer_a)
    assert client.get(reverse("intake:household-list")).status_code == 302  # enforcement is on
    response = client.get(settings.STATIC_URL + "confianza/app.css")
    assert response.status_code == 200
