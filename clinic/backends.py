"""Authentication backends."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_lockout_message
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """django-axes lockout for every sign-in that comes through a web request, plus a limit per address.

    django-axes locks one username at one address after ``AXES_FAILURE_LIMIT`` (5) failures. On top
    of that, one address is locked for every username once its failures across accounts reach
    ``LOCKOUT_ADDRESS_FAILURES`` (30) within the cool-off (password spraying). Each username counts
    for at most ``AXES_FAILURE_LIMIT`` failures toward that total, so one person's typos at a shared
    clinic address lock only their own account: the address locks only when six or more accounts
    have failed.

    ``authenticate()`` without a request (a management command, a shell) has no client address to
    key a lockout on; it is passed on to the password check instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        result = super().authenticate(request, username=username, password=password, **kwargs)
        if address_locked(getattr(request, "axes_ip_address", None) or client_ip(request)):
            kwargs.get("response_context", {})["error"] = get_lockout_message()
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("too many failed sign-ins from this address")
        return result


def address_failures(ip_address: str | None) -> int:
    """Failures from one address within the cool-off, each username counted at most ``AXES_FAILURE_LIMIT``."""
    if not ip_address:
        return 0
    from axes.handlers.proxy import now
    from axes.models import AccessAttempt

    since = now() - settings.AXES_COOLOFF_TIME
    per_user = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).values_list(
        "failures_since_start", flat=True
    )
    return sum(min(count, settings.AXES_FAILURE_LIMIT) for count in per_user)


def address_locked(ip_address: str | None) -> bool:
    return address_failures(ip_address) >= settings.LOCKOUT_ADDRESS_FAILURES


def client_ip(request) -> str | None:
    """Return the client's address: the connecting one, or the one the trusted proxies saw.

    With ``PROXY_COUNT`` proxies in front, each appends the address it received from, so the client
    is the ``PROXY_COUNT``-th entry from the right of X-Forwarded-For. Entries further left are
    whatever the client claimed and are never trusted.
    """
    count = settings.PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


NUMBER_SHAPED_USERNAME = "[number-shaped username]"


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """Return the username django-axes records and logs for a sign-in attempt.

    Someone who types an SSN or ITIN into the username box must not leave it in the lockout
    tables or the logs: such a value is replaced by a fixed marker (the lockout still applies to it,
    per address).
    """
    from clinic.validators import looks_like_tin

    username = (credentials or {}).get("username") if credentials else request.POST.get("username")
    if username and looks_like_tin(username):
        return NUMBER_SHAPED_USERNAME
    return username
