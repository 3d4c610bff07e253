"""Authentication backends."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """django-axes lockout for every sign-in that comes through a web request.

    ``authenticate()`` without a request (a management command, a shell) has no client address to
    key a lockout on; it is passed on to the password check instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


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
