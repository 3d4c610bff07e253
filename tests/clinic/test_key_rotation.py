"""Rotating the field keys from the page: administrators only, typed ROTATE, recent sign-in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from clinic import crypto

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(username="admin-x", password="correct-horse-battery-staple")


def _raw_nickname(household) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nickname FROM intake_household WHERE id = %s", [household.pk])
        return cursor.fetchone()[0]


def test_an_administrator_rotates_every_field_to_the_newest_key(client, settings, admin_user, site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a, nickname="Quillon")
    old_token = _raw_nickname(household)
    new_key = crypto.generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]
    client.force_login(admin_user)
    url = reverse("key-rotation")
    page = client.get(url)
    assert page.status_code == 200 and page.context["key_count"] == 2
    assert client.post(url, {"confirmation": "rotat"}).status_code == 200  # mistyped: nothing happens
    assert _raw_nickname(household) == old_token
    assert client.post(url, {"confirmation": "rotate"}).status_code == 302
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone: everything still decrypts
    assert household.__class__.objects.get(pk=household.pk).nickname == "Quillon"


def test_only_administrators_see_the_page(client, coordinator_a, editor_a):
    for user in (coordinator_a, editor_a):
        client.force_login(user)
        assert client.get(reverse("key-rotation")).status_code == 404


def test_an_old_sign_in_must_type_the_password_first(client, admin_user, old_sign_in):
    client.force_login(admin_user)
    old_sign_in()
    response = client.post(reverse("key-rotation"), {"confirmation": "ROTATE"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("confirm-password"))
