from __future__ import annotations

import time

from django.conf import settings
from django.utils.functional import SimpleLazyObject

# The top menu's links change only when a person's role does; it is re-read this often.
NAV_REFRESH_SECONDS = 300


def profile(request):
    """Expose the profile so the demo banner shows on every page."""
    return {"CONFIANZA_DEMO": settings.DEMO, "CONFIANZA_PROFILE": settings.PROFILE}


NAV_KEY = "confianza_nav"


def _read_navigation(user) -> dict:
    from clinic.access import memberships_of
    from clinic.models import Membership

    memberships = list(memberships_of(user).order_by("site__name"))
    roles = {m.role for m in memberships}
    return {
        "user": user.pk,
        "at": time.time(),
        "managed_sites": [{"slug": m.site.slug, "name": m.site.name} for m in memberships if m.can_manage_site],
        "can_review": bool(
            getattr(user, "is_staff", False)
            or roles & {Membership.Role.COORDINATOR, Membership.Role.EDITOR, Membership.Role.ADMIN}
        ),
    }


def remember_navigation(sender, request, user, **kwargs):
    """At sign-in, keep the menu's links with the session (saved on every request anyway)."""
    if getattr(request, "session", None) is not None:
        request.session[NAV_KEY] = _read_navigation(user)


def _navigation(request) -> dict:
    session = getattr(request, "session", None)
    cached = session.get(NAV_KEY) if session is not None else None
    if cached and cached.get("user") == request.user.pk and time.time() - cached.get("at", 0) < NAV_REFRESH_SECONDS:
        return cached
    nav = _read_navigation(request.user)
    if session is not None:
        session[NAV_KEY] = nav
    return nav


def navigation(request):
    """The top menu's coordinator and content links, read only when a page draws the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {"managed_sites": [], "can_review": False}}
    return {"nav": SimpleLazyObject(lambda: _navigation(request))}
