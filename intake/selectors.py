"""Reads across household records (docs/architecture.md, habit 2: selectors take the user and return querysets)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from clinic.access import memberships_of, sites_of
from intake.models import Dependent, Household

DESK_PAGE_SIZE = 25


_CODE_SLOT = "~code~"


def code_url(name: str):
    """Return a function giving URL ``name`` for a visit code: ``reverse`` once, not once per row.

    The same URL ``reverse(name, kwargs={"code": code})`` gives (quoted as Django quotes it), for a
    list that links every row twice.
    """
    prefix, suffix = reverse(name, kwargs={"code": _CODE_SLOT}).split(_CODE_SLOT)
    return lambda code: f"{prefix}{quote(str(code), safe=RFC3986_SUBDELIMS + '/~:@')}{suffix}"


def households_visible_to(*, user) -> QuerySet[Household]:
    """Return the households of the user's sites."""
    return Household.objects.filter(site__in=sites_of(user))


@dataclass(frozen=True)
class DeskList:
    """One page of the desk's list, and what the user may do at their sites."""

    page: Page
    several_sites: bool
    can_record: bool
    managed_sites: list


def households_for_desk(*, user, today: dt.date, page_number=None, page_size: int = DESK_PAGE_SIZE) -> DeskList:
    """Return today's and open households of the user's sites, newest visit first, one page of them,
    each with ``dependent_count``."""
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    memberships = list(memberships_of(user))
    # The same sites as households_visible_to(), as plain ids: with one site the database walks the
    # (site, -last_visit_at, -id) index in order instead of sorting every household of the site.
    site_ids = sorted({m.site_id for m in memberships})
    households = (
        Household.objects.filter(site_id__in=site_ids)
        .filter(Q(status=Household.Status.OPEN) | Q(last_visit_at__gte=start))
        .select_related("site")
        .only("code", "status", "last_visit_at", "purge_after", "site__name", "site__slug")
        .order_by("-last_visit_at", "-id")
    )
    page = Paginator(households, page_size).get_page(page_number)
    # Count dependents for this page only (one query), not for every household before paging.
    counts = dict(
        Dependent.objects.filter(household_id__in=[h.pk for h in page.object_list])
        .values_list("household_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    detail_url, close_url = code_url("intake:household-detail"), code_url("intake:household-close")
    for household in page.object_list:
        household.dependent_count = counts.get(household.pk, 0)
        household.detail_url = detail_url(household.code)
        household.close_url = close_url(household.code)
    return DeskList(
        page=page,
        several_sites=len(site_ids) > 1,
        can_record=any(m.can_edit_households for m in memberships),
        managed_sites=[m.site for m in memberships if m.can_manage_site],
    )
