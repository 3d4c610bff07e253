"""Two-factor sign-in: an authenticator app (TOTP) plus ten one-time backup codes.

``clinic.middleware.RequireTwoFactorMiddleware`` sends every signed-in user without a verified
device here. A user who already has a device must verify with it before anything else, so a stolen
password cannot be used to enrol a new device.
"""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.forms import OTPCodeForm
from clinic.methods import require_get_or_post

BACKUP_CODES = 10


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _has_confirmed_device(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


@transaction.atomic
def _enrol_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@login_required
@require_get_or_post
@sensitive_post_parameters("code")
def setup(request):
    """Enrol an authenticator app: show its secret as a QR code, confirm one code, show backup codes once."""
    if _has_confirmed_device(request.user):
        return redirect("two-factor-verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _enrol_backup_codes(request.user)
            otp_login(request, device)
            return render(
                request, "clinic/twofactor_codes.html", {"codes": codes, "next": _next_url(request)}
            )
        form.add_error("code", _wrong_code())
    secret = b32encode(device.bin_key).decode("ascii")
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
    return render(
        request,
        "clinic/twofactor_setup.html",
        {"form": form, "qr": qr, "secret": secret, "next": _next_url(request)},
    )


def _wrong_code() -> str:
    from django.utils.translation import gettext

    return gettext("That code did not work. Codes change every 30 seconds, and each works only once.")


@login_required
@require_get_or_post
@sensitive_post_parameters("code")
def verify(request):
    """Ask for a code from the user's authenticator app or one of their backup codes."""
    if not _has_confirmed_device(request.user):
        return redirect("two-factor-setup")
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _wrong_code())
    return render(request, "clinic/twofactor_verify.html", {"form": form, "next": _next_url(request)})
