"""Who may see which household (docs/architecture.md, habit 3: one access helper per object type)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from clinic.access import memberships_of
from intake.models import Household


def household_for_user(user, code: str, *, write: bool = False) -> tuple[Household, bool]:
    """Return ``(household, can_edit)``.

    Outside the user's sites the household does not exist for them (404, so a probe learns
    nothing); visible but read-only when ``write`` is asked answers 403.
    """
    # The user's active memberships first (the sites of households_visible_to, each with its site),
    # then the household among those sites: two plain queries, not a household query nested in a
    # query of sites nested in a query of memberships.
    memberships = {m.site_id: m for m in memberships_of(user)}
    household = Household.objects.filter(site_id__in=list(memberships), code=code).first()
    if household is None:
        raise Http404
    membership = memberships[household.site_id]
    household.site = membership.site
    can_edit = membership.can_edit_households
    if write and not can_edit:
        raise PermissionDenied
    return household, can_edit
