"""Sessions end when idle (sooner at shared desks), after 12 hours, at logout and when access ends."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from clinic import clock

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


class FakeClock:
    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += dt.timedelta(**delta)


@pytest.fixture
def fake_clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(clock, "now", fake)
    return fake


def _page(client):
    return client.get(reverse("intake:household-list"))


def _signed_in(client, user):
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert _page(client).status_code == 200


def test_sixteen_idle_minutes_sign_you_out(client, volunteer_a, fake_clock):
    _signed_in(client, volunteer_a)
    fake_clock.advance(minutes=16)
    response = _page(client)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_activity_every_five_minutes_keeps_the_session(client, volunteer_a, fake_clock):
    _signed_in(client, volunteer_a)
    for _ in range(6):
        fake_clock.advance(minutes=5)
        assert _page(client).status_code == 200


def test_shared_desks_sign_out_sooner(client, volunteer_a, site_a, fake_clock, settings):
    settings.KIOSK_IDLE_MINUTES = 5
    site_a.shared_desks = True
    site_a.save()
    _signed_in(client, volunteer_a)
    fake_clock.advance(minutes=4)
    assert _page(client).status_code == 200
    fake_clock.advance(minutes=6)
    assert _page(client).status_code == 302


def test_twelve_hours_is_the_most_even_when_active(client, volunteer_a, fake_clock):
    _signed_in(client, volunteer_a)
    for _ in range(12 * 6):
        fake_clock.advance(minutes=10)
        assert _page(client).status_code == 200
    fake_clock.advance(minutes=1)
    response = _page(client)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_logout_ends_the_session_on_the_server_and_clears_the_browser(client, volunteer_a):
    _signed_in(client, volunteer_a)
    old_cookie = client.cookies["sessionid"].value
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert not Session.objects.filter(session_key=old_cookie).exists()
    # Replaying the old cookie gets the login page, not the household list.
    client.cookies["sessionid"] = old_cookie
    replay = _page(client)
    assert replay.status_code == 302 and replay.url.startswith(reverse("login"))


def test_logout_needs_a_post(client, volunteer_a):
    _signed_in(client, volunteer_a)
    assert client.get(reverse("logout")).status_code == 405
    assert _page(client).status_code == 200


def test_a_deactivated_account_loses_its_live_sessions(client, volunteer_a):
    _signed_in(client, volunteer_a)
    volunteer_a.is_active = False
    volunteer_a.save()
    assert _page(client).status_code == 302


def test_a_volunteer_taken_off_every_site_loses_their_live_sessions(client, volunteer_a, fake_clock):
    _signed_in(client, volunteer_a)
    volunteer_a.memberships.update(is_active=False)
    # Access checks refuse at once; the session itself ends at the next membership re-read.
    fake_clock.advance(seconds=61)
    response = _page(client)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_signing_in_gives_a_new_session_key(client, volunteer_a):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    _signed_in(client, volunteer_a)
    assert client.session.session_key != before


def test_a_page_seconds_after_sign_in_keeps_the_session(client, volunteer_a, fake_clock):
    """Within the minute the policy is read from the session, in minutes: 15 of them, not 15 seconds."""
    _signed_in(client, volunteer_a)
    for _ in range(3):
        fake_clock.advance(seconds=20)
        assert _page(client).status_code == 200


def test_memberships_are_re_read_once_the_minute_is_over(client, volunteer_a, fake_clock):
    """A member taken off their site keeps this session up to the minute's end, not one second more."""
    from clinic.models import Membership

    _signed_in(client, volunteer_a)
    Membership.objects.filter(user=volunteer_a).update(is_active=False)
    # The policy was last read at sign-in (the page above re-read nothing: it was the same minute).
    fake_clock.advance(seconds=60)
    response = _page(client)
    # Exactly a minute: the page is refused by the access check, but the session is kept.
    assert "_auth_user_id" in client.session, response.status_code
    fake_clock.advance(seconds=1)
    _page(client)
    assert "_auth_user_id" not in client.session
