"""Recent sign-in ("sudo mode") for destructive actions.

Withdrawing a client's consent, purging a site's expired households from the page, and rotating
the field keys cannot be undone. Each asks for a typed confirmation *and* for a sign-in within the
last ``CONFIANZA_REAUTH_MINUTES`` minutes (healthchecks' sudo mode): a session left open at a
shared desk, or a stolen session cookie, is not enough. The moment of the last password check is
kept in the session; signing in stamps it (``clinic.middleware.start_session_clock``), and
``confirm_password`` stamps it again after the password is typed once more.
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from clinic import clock
from clinic.forms import ConfirmPasswordForm
from clinic.middleware import AUTHENTICATED_AT_KEY


def stamp_authentication(request) -> None:
    """Record that the user proved who they are just now (a sign-in or a password typed again)."""
    request.session[AUTHENTICATED_AT_KEY] = clock.now().timestamp()


def signed_in_recently(request) -> bool:
    """Return whether the user typed their password within the re-authentication window."""
    stamped = request.session.get(AUTHENTICATED_AT_KEY)
    if not isinstance(stamped, (int, float)):
        return False
    age = clock.now().timestamp() - stamped
    return 0 <= age <= settings.REAUTH_MINUTES * 60


def recent_sign_in_required(view):
    """Send a user who has not typed their password recently to ``confirm_password`` first.

    The user comes back to the same page (a GET), so a half-finished destructive POST never runs
    on an old sign-in.
    """

    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not signed_in_recently(request):
            return redirect(f"{reverse('confirm-password')}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapper


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


@never_cache
@login_required
@sensitive_post_parameters("password")
def confirm_password(request):
    """Ask for the password again before a destructive action; then go back to it."""
    form = ConfirmPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=request.user.get_username(), password=form.cleaned_data["password"])
        if user is not None and user.pk == request.user.pk:
            stamp_authentication(request)
            return redirect(_next_url(request))
        form.add_error("password", form.fields["password"].error_messages["wrong"])
    return render(
        request,
        "registration/confirm_password.html",
        {"form": form, "next": _next_url(request), "minutes": settings.REAUTH_MINUTES},
    )
