"""Who may print, review and edit handouts.

Generic handouts carry no client data: any active member of a site may print them, with that
site's name and phone in the footer. Client summaries go through the household access helper.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from clinic.access import memberships_of
from clinic.models import Membership, Site

REVIEW_ROLES = (Membership.Role.COORDINATOR, Membership.Role.EDITOR, Membership.Role.ADMIN)
EDIT_ROLES = (Membership.Role.EDITOR, Membership.Role.ADMIN)


def printing_site(user, slug: str | None = None) -> Site | None:
    """Return the site whose footer a member's prints carry (``slug`` picks one of theirs).

    Staff without a membership print with the neutral footer (``None``); anyone else without an
    active membership may not print.
    """
    memberships = memberships_of(user).order_by("site__name")
    if slug:
        chosen = memberships.filter(site__slug=slug).first()
        if chosen is not None:
            return chosen.site
    first = memberships.first()
    if first is not None:
        return first.site
    if getattr(user, "is_staff", False) and user.is_active:
        return None
    raise PermissionDenied


def can_review_content(user) -> bool:
    """Coordinators and editors see what is due for review."""
    return bool(
        getattr(user, "is_staff", False) or memberships_of(user).filter(role__in=REVIEW_ROLES).exists()
    )


def can_edit_content(user) -> bool:
    """Content editors (and staff) preview and publish handout versions."""
    return bool(
        getattr(user, "is_superuser", False)
        or getattr(user, "is_staff", False)
        or memberships_of(user).filter(role__in=EDIT_ROLES).exists()
    )


def is_content_editor(user) -> bool:
    """Superusers, and members with an editor or admin role: who may use the handout admin.

    Stricter than ``can_edit_content`` (which lets any staff preview and publish from the pages):
    the admin edits what every clinic prints, so being staff is not enough.
    """
    if not getattr(user, "is_active", False):
        return False
    return bool(getattr(user, "is_superuser", False) or memberships_of(user).filter(role__in=EDIT_ROLES).exists())
