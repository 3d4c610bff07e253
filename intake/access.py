"""Who may see which household (STYLE.md §3: one access helper per object type)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from clinic.models import Membership, Site
from intake.models import Household


def memberships_of(user) -> QuerySet[Membership]:
    """Return the user's active memberships."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True, user__is_active=True).select_related("site")


def sites_of(user) -> QuerySet[Site]:
    """Return the sites whose households the user may see."""
    return Site.objects.filter(memberships__in=memberships_of(user)).distinct()


def households_visible_to(*, user) -> QuerySet[Household]:
    """Return the households of the user's sites."""
    return Household.objects.filter(site__in=sites_of(user))


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
