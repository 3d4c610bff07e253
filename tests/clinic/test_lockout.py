"""Login lockout (django-axes), keyed on username and address; argon2; length-based password rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
CLINIC_IP = "192.0.2.10"


def _login(client, username, password, ip=CLINIC_IP):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail_five_times(client, username):
    for attempt in range(5):
        response = _login(client, username, f"wrong-password-{attempt}")
        assert response.status_code in (200, 429)


def test_five_failures_lock_out_even_the_right_password(client, volunteer_a):
    _fail_five_times(client, "volunteer-a")
    response = _login(client, "volunteer-a", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many attempts" in response.content.decode()


def test_four_failures_do_not(client, volunteer_a):
    for attempt in range(4):
        _login(client, "volunteer-a", f"wrong-{attempt}")
    assert _login(client, "volunteer-a", PASSWORD).status_code == 302


def test_another_user_at_the_same_clinic_address_can_still_sign_in(client, volunteer_a, coordinator_a):
    _fail_five_times(client, "volunteer-a")
    assert _login(client, "coordinator-a", PASSWORD).status_code == 302


def test_the_same_user_from_another_address_is_not_locked_out(client, volunteer_a):
    _fail_five_times(client, "volunteer-a")
    assert _login(client, "volunteer-a", PASSWORD, ip="198.51.100.7").status_code == 302


def test_the_lockout_ends_after_fifteen_minutes(client, volunteer_a, monkeypatch):
    _fail_five_times(client, "volunteer-a")
    assert _login(client, "volunteer-a", PASSWORD).status_code == 429
    later = timezone.now() + dt.timedelta(minutes=16)
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: later)
    assert _login(client, "volunteer-a", PASSWORD).status_code == 302


def test_the_attempt_record_holds_no_password(client, volunteer_a):
    from axes.models import AccessAttempt

    _login(client, "volunteer-a", "my-secret-guess-123")
    attempt = AccessAttempt.objects.get()
    assert "my-secret-guess-123" not in f"{attempt.post_data} {attempt.get_data}"


def test_passwords_are_hashed_with_argon2(settings, django_user_model):
    # The test profile puts a fast hasher first; production's list starts with Argon2.
    from clinic import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[-2] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = [h for h in project_settings.PASSWORD_HASHERS if "MD5" not in h]
    user = django_user_model.objects.create_user(username="hash-check", password=PASSWORD)
    assert user.password.startswith("argon2")


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("password123456", False),  # common
        ("short-pass", False),  # under 12
        ("volunteer-a-2026", False),  # like the username
        ("123456789012345", False),  # numeric
        ("lanternmarmaladeriver", True),  # no composition rules
        ("a long passphrase about the harbour at dawn with gulls and ropes and tar 1", True),  # 64+
        ("x" * 129, False),  # over the maximum
    ],
)
def test_password_rules_are_about_length_not_composition(volunteer_a, password, ok):
    try:
        validate_password(password, user=volunteer_a)
    except ValidationError:
        assert not ok
    else:
        assert ok


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2", "10.0.0.2"),  # no proxy: a client's header is ignored
        (1, "203.0.113.9", "10.0.0.2", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "10.0.0.2", "203.0.113.9"),  # a spoofed left entry is ignored
        (2, "203.0.113.9, 10.0.0.5", "10.0.0.2", "203.0.113.9"),
        (1, "", "10.0.0.2", "10.0.0.2"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, rf, proxies, forwarded, remote, expected):
    from clinic.backends import client_ip

    settings.PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_behind_a_proxy_one_clinic_address_still_locks_out_only_one_user(client, settings, volunteer_a, coordinator_a):
    settings.PROXY_COUNT = 1
    for attempt in range(5):
        client.post(reverse("login"), {"username": "volunteer-a", "password": f"bad-{attempt}"},
                    REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=CLINIC_IP)
    locked = client.post(reverse("login"), {"username": "volunteer-a", "password": PASSWORD},
                         REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=CLINIC_IP)
    assert locked.status_code == 429
    other_clinic = client.post(reverse("login"), {"username": "volunteer-a", "password": PASSWORD},
                               REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other_clinic.status_code == 302


def test_a_number_typed_as_a_username_is_not_recorded(client):
    from axes.models import AccessAttempt, AccessFailureLog

    _login(client, "912-70-4321", "whatever-password")
    stored = repr(list(AccessAttempt.objects.values())) + repr(list(AccessFailureLog.objects.values()))
    assert "912-70-4321" not in stored and "912704321" not in stored
    assert AccessAttempt.objects.get().username == "[number-shaped username]"
