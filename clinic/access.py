"""Who may manage which site (docs/architecture.md, habit 3: one access helper per object type)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from clinic.models import Membership, Site


def memberships_of(user) -> QuerySet[Membership]:
    """Return the user's active memberships (active account, active membership), with their sites.

    The one "active membership" query: every access helper and service that asks what a user may
    do at a site starts here.
    """
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True, user__is_active=True).select_related("site")


def sites_of(user) -> QuerySet[Site]:
    """Return the sites the user is an active member of."""
    return Site.objects.filter(memberships__in=memberships_of(user)).distinct()


def site_for_user(user, slug: str, *, manage: bool = False) -> tuple[Site, bool]:
    """Return ``(site, can_manage)`` for a site the user belongs to.

    Not a member (or not active): 404, so a probe learns nothing. A member who may not manage the
    site, when ``manage`` is asked: 403.
    """
    membership = memberships_of(user).filter(site__slug=slug).first()
    if membership is None:
        raise Http404
    if manage and not membership.can_manage_site:
        raise PermissionDenied
    return membership.site, membership.can_manage_site


def membership_for_manager(user, site: Site, membership_id) -> Membership:
    """Return a membership of ``site`` that ``user`` may change, or 404."""
    try:
        membership_id = int(membership_id)
    except (TypeError, ValueError):
        raise Http404 from None
    membership = Membership.objects.filter(site=site, pk=membership_id).select_related("user").first()
    if membership is None:
        raise Http404
    return membership
