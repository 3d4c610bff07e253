"""Season reports from the anonymous counters, with small cells suppressed.

A count under ``SMALL_CELL`` (5) is never shown. When only one cell in a row group is hidden, the
next smallest is hidden too, so the hidden one cannot be worked out from the total.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Sum

from clinic import clock
from clinic.counters import SMALL_CELL, pending_amounts
from clinic.models import ActivityCounter, SeasonCounter, Site
from clinic.retention import season_end_after


def suppress(cells: Mapping[str, int], *, threshold: int = SMALL_CELL) -> dict[str, int | None]:
    """Return the cells with every count from 1 to ``threshold - 1`` replaced by ``None``."""
    shown: dict[str, int | None] = {
        key: (None if 0 < count < threshold else count) for key, count in cells.items()
    }
    hidden = [key for key, value in shown.items() if value is None]
    if len(hidden) == 1:
        # Complementary suppression: otherwise total minus the others gives the hidden count away.
        others = sorted(
            ((count, key) for key, count in cells.items() if shown[key] is not None and count > 0)
        )
        if others:
            shown[others[0][1]] = None
    return shown


@dataclass(frozen=True)
class SeasonReport:
    site: Site
    first_week: dt.date | None
    last_week: dt.date | None
    households_by_id_type: dict[str, int | None]
    households_total: int | None
    credits: dict[str, dict[str, int | None]]


def season_report(*, site: Site, since: dt.date | None = None, until: dt.date | None = None) -> SeasonReport:
    """Return a site's totals for the weeks in ``[since, until]``, small cells suppressed."""
    by_id_type: dict[str, int] = defaultdict(int)
    credits: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cells = counter_cells(site=site, since=since, until=until)
    for cell in cells:
        if cell.credit:
            credits[cell.credit][cell.status] += cell.count
        else:
            by_id_type[cell.id_type] += cell.count
    total = sum(by_id_type.values())
    weeks = [cell.week for cell in cells]
    return SeasonReport(
        site=site,
        first_week=min(weeks, default=None),
        last_week=max(weeks, default=None),
        households_by_id_type=suppress(dict(by_id_type)),
        households_total=None if 0 < total < SMALL_CELL else total,
        credits={credit: suppress(dict(statuses)) for credit, statuses in sorted(credits.items())},
    )


def week_start(day: dt.date) -> dt.date:
    """Return the Monday of ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def season_start(day: dt.date) -> dt.date:
    """Return the first day of the filing season in progress on ``day``."""
    end = season_end_after(day)
    previous_end = end.replace(year=end.year - 1)
    return previous_end + dt.timedelta(days=1)


# --- the one place the anonymous counters are read ---------------------------------------------


class CounterCell(NamedTuple):
    week: dt.date
    id_type: str
    credit: str
    status: str
    count: int
    amount: int


def counter_cells(*, site: Site, since: dt.date | None = None, until: dt.date | None = None) -> list[CounterCell]:
    """Return the site's anonymous season counters as cells (the only reader of ``SeasonCounter``).

    Published cells and the cells still held back because fewer than 5 households share them
    (``clinic.counters``, decrypted here in the process, never stored in the clear) together, so the
    season's totals are whole; ``week`` is each cell's period start. Whoever shows them suppresses
    small counts (``suppress``).
    """
    rows = SeasonCounter.objects.filter(site=site)
    if since:
        rows = rows.filter(week__gte=since)
    if until:
        rows = rows.filter(week__lte=until)
    totals: dict[tuple, list[int]] = {}
    for week, id_type, credit, status, count, amount in rows.values_list(
        "week", "id_type", "credit", "status"
    ).annotate(total=Sum("count"), dollars=Sum("amount")):
        totals[(week, id_type, credit, status)] = [count, amount or 0]
    for (_period, start, id_type, credit, status), (count, amount) in pending_amounts(site_id=site.pk).items():
        week = dt.date.fromisoformat(start)
        if (since and week < since) or (until and week > until):
            continue
        entry = totals.setdefault((week, id_type, credit, status), [0, 0])
        entry[0] += count
        entry[1] += amount
    return [CounterCell(*key, *values) for key, values in sorted(totals.items())]


def activity_count(*, site: Site | None, activity: str, topic: str = "", language: str = "", count: int = 1) -> None:
    """Add to today's anonymous activity counter (a print, an anonymous screening)."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    if site is None or count <= 0:
        return
    key = {"site": site, "day": clock.today(), "activity": activity, "topic": topic, "language": language}
    updated = ActivityCounter.objects.filter(**key).update(count=F("count") + count)
    if not updated:
        try:
            with transaction.atomic():
                ActivityCounter.objects.create(**key, count=count)
        except IntegrityError:  # another request created the row first
            ActivityCounter.objects.filter(**key).update(count=F("count") + count)
