"""Two-factor sign-in: required for every signed-in page when REQUIRE_2FA (the production default)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.REQUIRE_2FA = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _sign_in(client, username="volunteer-a"):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _enrol(client) -> tuple[TOTPDevice, list[str]]:
    client.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get()
    response = client.post(reverse("two-factor-setup"), {"code": _code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    device.refresh_from_db()
    return device, codes


@pytest.mark.parametrize("url_name", ["home", "intake:household-list"])
def test_a_password_alone_reaches_no_page(client, volunteer_a, url_name):
    _sign_in(client)
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two-factor-setup"))


def test_setup_shows_a_qr_code_and_ten_backup_codes_once(client, volunteer_a):
    _sign_in(client)
    page = client.get(reverse("two-factor-setup")).content.decode()
    assert 'src="data:image/svg+xml' in page
    device, codes = _enrol(client)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=volunteer_a).count() == 10
    # Signed in with the second factor now.
    assert client.get(reverse("intake:household-list")).status_code == 200
    # Setting up again is not possible without verifying first; the codes are not shown again.
    assert client.get(reverse("two-factor-setup")).status_code == 302


def test_a_wrong_code_does_not_confirm_the_device(client, volunteer_a):
    _sign_in(client)
    client.get(reverse("two-factor-setup"))
    response = client.post(reverse("two-factor-setup"), {"code": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.get().confirmed


def test_the_next_sign_in_asks_for_a_code_and_a_used_code_fails(client, volunteer_a):
    _sign_in(client)
    device, _codes = _enrol(client)
    client.post(reverse("logout"))
    _sign_in(client)
    response = client.get(reverse("intake:household-list"))
    assert response.url.startswith(reverse("two-factor-verify"))
    # The code used at enrolment cannot be used again (ASVS 6.5.1).
    device.refresh_from_db()
    reused = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("two-factor-verify"), {"code": reused})
    assert response.status_code == 200
    assert client.get(reverse("intake:household-list")).status_code == 302


def test_a_backup_code_works_once(client, volunteer_a):
    _sign_in(client)
    _device, codes = _enrol(client)
    client.post(reverse("logout"))
    _sign_in(client)
    response = client.post(reverse("two-factor-verify"), {"code": codes[0], "next": "/intake/"})
    assert response.status_code == 302 and response.url == "/intake/"
    assert client.get(reverse("intake:household-list")).status_code == 200
    client.post(reverse("logout"))
    _sign_in(client)
    assert client.post(reverse("two-factor-verify"), {"code": codes[0]}).status_code == 200
    assert client.get(reverse("intake:household-list")).status_code == 302


def test_a_fresh_totp_code_verifies(client, volunteer_a):
    _sign_in(client)
    device, _codes = _enrol(client)
    client.post(reverse("logout"))
    _sign_in(client)
    # Step past the enrolment code's time slot so that a new code exists.
    TOTPDevice.objects.filter(pk=device.pk).update(t0=device.t0 - device.step)
    device.refresh_from_db()
    response = client.post(reverse("two-factor-verify"), {"code": _code(device)})
    assert response.status_code == 302
    assert client.get(reverse("intake:household-list")).status_code == 200


def test_it_never_redirects_off_site(client, volunteer_a):
    _sign_in(client)
    client.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get()
    response = client.post(reverse("two-factor-setup"), {"code": _code(device), "next": "https://evil.example/"})
    assert response.status_code == 200
    assert "evil.example" not in response.content.decode()
