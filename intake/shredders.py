"""Erasure is code: a household is shredded by this module and nowhere else.

A household is deleted with everything hanging off it (dependents, consent, anything another app
attaches with ``on_delete=CASCADE``); its audit entries are redacted, never deleted; before an
expired household goes, it is added to the anonymous season counters (site, week, the primary
filer's ID type, each credit's result). Nothing that could point back at the family survives.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic import clock
from clinic.audit import audit_record, audit_redact
from clinic.counters import count_household, settle_all
from clinic.models import AuditEntry, Site
from clinic.reports import week_start
from intake.models import Household
from intake.season import household_outcome

log = logging.getLogger(__name__)

REASON_EXPIRED = "expired"
REASON_CONSENT_WITHDRAWN = "consent_withdrawn"


def season_count(household: Household) -> None:
    """Add one household to the anonymous counters (k-anonymous: clinic/counters.py)."""
    week = week_start(timezone.localdate(household.last_visit_at))
    try:
        outcome = household_outcome(household)
        results = sorted(outcome.credits)
    except Exception as exc:
        # A rules bug must not keep a household past its purge date; count it without credits.
        log.warning("season counters: credits not counted for one household (%s)", type(exc).__name__)
        results = []
    # (credit, status, estimated dollars): each amount waits with its count (clinic/counters.py).
    count_household(
        site_id=household.site_id, week=week, id_type=household.taxpayer_id_type, results=results, today=clock.today()
    )


@dataclass
class HouseholdShredder:
    """Delete one household and everything about it; keep only anonymous counts."""

    household: Household
    reason: str = REASON_EXPIRED

    def shred_constraints(self, *, today: dt.date | None = None) -> str | None:
        """Return why this household may not be shredded now, or ``None``."""
        today = today or clock.today()
        if self.reason == REASON_EXPIRED and self.household.purge_after >= today:
            return _("Its purge date has not passed yet.")
        return None

    def shred(self) -> None:
        """Count, redact, delete. Call inside a transaction that holds the household's row.

        A client who withdraws consent is not even counted: they asked to leave no trace.
        """
        household = self.household
        if self.reason == REASON_EXPIRED:
            season_count(household)
        audit_redact(visit_code=household.code)
        household.delete()


@dataclass(frozen=True)
class PurgeResult:
    purged: int
    by_site: dict[int, int]


def households_due(*, today: dt.date, site: Site | None = None):
    """Return the households whose purge date has passed (at one site, or everywhere)."""
    queryset = Household.objects.filter(purge_after__lt=today)
    return queryset.filter(site=site) if site is not None else queryset


def _lock_batch(today: dt.date, batch_size: int, site: Site | None) -> list[Household]:
    queryset = households_due(today=today, site=site).order_by("pk").prefetch_related("dependents")
    if connection.features.has_select_for_update_skip_locked:
        # Two purges at once take different rows; neither waits for, or double-counts, the other.
        queryset = queryset.select_for_update(skip_locked=True, of=("self",))
    return list(queryset[:batch_size])


def purge_expired(
    *, today: dt.date | None = None, batch_size: int = 200, site: Site | None = None, user=None
) -> PurgeResult:
    """Shred every household whose purge date has passed (at ``site`` only, when given), in
    batches, each batch one transaction. ``user`` is who asked, when it was not the schedule.

    Safe to run twice or concurrently: a household is counted and deleted in the same transaction,
    rows another run holds are skipped (PostgreSQL), and SQLite serialises write transactions.
    """
    today = today or clock.today()
    by_site: dict[int, int] = {}
    while True:
        with transaction.atomic():
            batch = _lock_batch(today, batch_size, site)
            shredded = 0
            for household in batch:
                shredder = HouseholdShredder(household, reason=REASON_EXPIRED)
                if shredder.shred_constraints(today=today) is None:
                    shredder.shred()
                    shredded += 1
                    by_site[household.site_id] = by_site.get(household.site_id, 0) + 1
        if not shredded:
            break
    # Counts whose week or month is over and still short of 5 move to a coarser cell.
    settle_all(today=today)
    for purged in Site.objects.filter(pk__in=by_site):
        # One entry per site and run, with a count: no visit code outlives its household.
        audit_record(
            actor=user, action=AuditEntry.Action.PURGE, site=purged, data={"count": by_site[purged.pk], "reason": REASON_EXPIRED}
        )
    return PurgeResult(purged=sum(by_site.values()), by_site=by_site)
