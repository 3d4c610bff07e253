from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject


def profile(request):
    """Expose the profile so the demo banner shows on every page."""
    return {"CONFIANZA_DEMO": settings.DEMO, "CONFIANZA_PROFILE": settings.PROFILE}


def _navigation(user) -> dict:
    from clinic.models import Membership
    from intake.access import memberships_of

    memberships = list(memberships_of(user).order_by("site__name"))
    roles = {m.role for m in memberships}
    return {
        "managed_sites": [m.site for m in memberships if m.can_manage_site],
        "can_review": bool(
            getattr(user, "is_staff", False)
            or roles & {Membership.Role.COORDINATOR, Membership.Role.EDITOR, Membership.Role.ADMIN}
        ),
    }


def navigation(request):
    """The top menu's coordinator and content links, one query, only when a page draws the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {"managed_sites": [], "can_review": False}}
    return {"nav": SimpleLazyObject(lambda: _navigation(user))}
