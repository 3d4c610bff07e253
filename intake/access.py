"""Who may see which household (docs/architecture.md, habit 3: one access helper per object type)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from clinic.access import memberships_of
from intake.models import Household
from intake.selectors import households_visible_to


def household_for_user(user, code: str, *, write: bool = False) -> tuple[Household, bool]:
    """Return ``(household, can_edit)``.

    Outside the user's sites the household does not exist for them (404, so a probe learns
    nothing); visible but read-only when ``write`` is asked answers 403.
    """
    household = households_visible_to(user=user).select_related("site").filter(code=code).first()
    if household is None:
        raise Http404
    membership = memberships_of(user).filter(site_id=household.site_id).first()
    can_edit = bool(membership and membership.can_edit_households)
    if write and not can_edit:
        raise PermissionDenied
    return household, can_edit
