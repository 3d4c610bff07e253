"""Session limits, two-factor enforcement and no-store caching for every signed-in page."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from clinic import clock

LOGIN_AT_KEY = "confianza_login_at"
SEEN_AT_KEY = "confianza_seen_at"
POLICY_KEY = "confianza_session_policy"  # [checked at, idle minutes]
AUTHENTICATED_AT_KEY = "confianza_authenticated_at"  # read by clinic/reauth.py
# How often a live session re-reads the user's memberships (removed members are signed out, and
# shared-desk sites shorten the idle limit). Access checks read memberships on every request anyway.
POLICY_RECHECK_SECONDS = 60


class NoStoreMiddleware:
    """Mark every response the app builds ``Cache-Control: no-store`` (ASVS 14.3.2).

    Simpler and safer than remembering ``never_cache`` on each view that shows a household or
    prints a PDF: static files (served by WhiteNoise above this middleware) still cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


def session_policy_for(user) -> tuple[dt.timedelta, bool]:
    """Return ``(idle limit, revoked)`` for a signed-in user, in one query.

    The idle limit is shorter when any of the user's sites has shared intake desks. ``revoked``
    is true when every membership the user had has been deactivated: they are off the team, and
    their live sessions end with it (ASVS 7.4.2). Django itself ends the sessions of a user whose
    account is deactivated (``is_active=False``).
    """
    from clinic.models import Membership

    rows = list(Membership.objects.filter(user=user).values_list("is_active", "site__shared_desks"))
    shared = any(active and shared_desks for active, shared_desks in rows)
    minutes = min(settings.KIOSK_IDLE_MINUTES, settings.IDLE_MINUTES) if shared else settings.IDLE_MINUTES
    revoked = bool(rows) and not any(active for active, _shared in rows)
    return dt.timedelta(minutes=minutes), revoked


def _policy(request, now: float) -> tuple[float, bool]:
    """Return ``(idle limit in seconds, revoked)``, re-reading memberships at most once a minute."""
    cached = request.session.get(POLICY_KEY)
    if cached and now - cached[0] <= POLICY_RECHECK_SECONDS:
        return cached[1] * 60, False
    idle, revoked = session_policy_for(request.user)
    request.session[POLICY_KEY] = [now, idle.total_seconds() / 60]
    return idle.total_seconds(), revoked


def start_session_clock(sender, request, user, **kwargs) -> None:
    """Stamp a new sign-in: the absolute and idle limits count from here."""
    session = getattr(request, "session", None)
    if session is None:
        return
    now = clock.now().timestamp()
    session[LOGIN_AT_KEY] = now
    session[SEEN_AT_KEY] = now
    session[AUTHENTICATED_AT_KEY] = now  # a sign-in is a recent sign-in (clinic/reauth.py)
    idle, _revoked = session_policy_for(user)
    session[POLICY_KEY] = [now, idle.total_seconds() / 60]


class SessionLimitsMiddleware:
    """End sessions that sat idle too long, outlived the absolute limit, or lost their access.

    Time goes through ``clinic.clock`` so the limits can be tested without sleeping. Django's own
    cookie expiry (``SESSION_COOKIE_AGE``) is a second, coarser line of defence.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = clock.now().timestamp()
            login_at = request.session.get(LOGIN_AT_KEY)
            seen_at = request.session.get(SEEN_AT_KEY)
            idle_seconds, revoked = _policy(request, now)
            expired = (
                revoked
                or (login_at is not None and now - login_at > settings.SESSION_MAX_HOURS * 3600)
                or (seen_at is not None and now - seen_at > idle_seconds)
            )
            if expired:
                logout(request)
                return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'expired': '1'})}")
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = clock.now().timestamp()
            request.session.setdefault(LOGIN_AT_KEY, now)
            request.session[SEEN_AT_KEY] = now
        return response


# Paths a signed-in but not yet second-factor-verified user may reach.
TWO_FACTOR_OPEN_URL_NAMES = ("login", "logout", "set_language", "two-factor-setup", "two-factor-verify")


class RequireTwoFactorMiddleware:
    """Send users without a verified second factor to set one up or to enter a code.

    On when ``REQUIRE_2FA`` (production default). Runs after django-otp's middleware, which
    marks ``request.user.is_verified()``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not self._is_open(request)
        ):
            from django_otp import devices_for_user

            has_device = any(True for _device in devices_for_user(user, confirmed=True))
            target = reverse("two-factor-verify" if has_device else "two-factor-setup")
            nxt = request.get_full_path()
            if request.method == "GET" and url_has_allowed_host_and_scheme(nxt, allowed_hosts=None):
                target = f"{target}?{urlencode({'next': nxt})}"
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _is_open(request) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        open_paths = {reverse(name) for name in TWO_FACTOR_OPEN_URL_NAMES}
        return request.path in open_paths
