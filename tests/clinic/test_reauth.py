"""Recent sign-in for destructive actions (clinic/reauth.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intake.models import Household

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"


def test_a_fresh_sign_in_counts_as_recent(client, site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    client.force_login(volunteer_a)
    url = reverse("intake:consent-withdraw", kwargs={"code": household.code})
    assert client.get(url).status_code == 200


def test_an_old_sign_in_is_asked_for_the_password_and_comes_back(client, site_a, volunteer_a, make_household, old_sign_in):
    household = make_household(site_a, volunteer_a)
    client.force_login(volunteer_a)
    url = reverse("intake:consent-withdraw", kwargs={"code": household.code})
    old_sign_in()
    response = client.post(url, {"confirmation": household.code})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("confirm-password"))
    assert Household.objects.filter(pk=household.pk).exists()  # nothing was deleted

    confirm = response["Location"]
    page = client.get(confirm)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    wrong = client.post(confirm, {"password": "not-it", "next": url})
    assert wrong.status_code == 200 and "password" in wrong.context["form"].errors
    right = client.post(confirm, {"password": PASSWORD, "next": url})
    assert right.status_code == 302 and right["Location"] == url
    assert client.get(url).status_code == 200
    assert client.post(url, {"confirmation": household.code}).status_code == 302
    assert not Household.objects.filter(pk=household.pk).exists()


def test_the_password_page_never_sends_you_to_another_host(client, volunteer_a):
    client.force_login(volunteer_a)
    response = client.post(
        reverse("confirm-password"), {"password": PASSWORD, "next": "https://elsewhere.example/steal"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(reverse("confirm-password"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_session_without_a_sign_in_stamp_is_not_recent(rf, volunteer_a):
    from django.contrib.sessions.backends.db import SessionStore

    from clinic.reauth import signed_in_recently, stamp_authentication

    request = rf.get("/")
    request.session = SessionStore()
    assert not signed_in_recently(request)
    stamp_authentication(request)
    assert signed_in_recently(request)
