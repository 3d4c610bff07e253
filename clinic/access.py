"""Who may manage which site (STYLE.md §3)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from clinic.models import Membership, Site


def site_for_coordinator(user, slug: str) -> Site:
    """Return the site if the user coordinates it; 404 outside their sites, 403 if not a coordinator."""
    membership = (
        Membership.objects.filter(user=user, site__slug=slug, is_active=True, user__is_active=True)
        .select_related("site")
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if membership is None:
        raise Http404
    if not membership.can_manage_site:
        raise PermissionDenied
    return membership.site
