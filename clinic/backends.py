"""Authentication backends."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes lockout for every sign-in that comes through a web request.

    ``authenticate()`` without a request (a management command, a shell) has no client address to
    key a lockout on; it is passed on to the password check instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
