"""Season reports from the anonymous counters, with small cells suppressed.

A count under ``SMALL_CELL`` (5) is never shown. When only one cell in a row group is hidden, the
next smallest is hidden too, so the hidden one cannot be worked out from the total.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Sum

from clinic.models import SeasonCounter, Site

SMALL_CELL = 5


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
    rows = SeasonCounter.objects.filter(site=site)
    if since:
        rows = rows.filter(week__gte=since)
    if until:
        rows = rows.filter(week__lte=until)
    by_id_type: dict[str, int] = defaultdict(int)
    credits: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows.values("id_type", "credit", "status").annotate(total=Sum("count")):
        if row["credit"]:
            credits[row["credit"]][row["status"]] += row["total"]
        else:
            by_id_type[row["id_type"]] += row["total"]
    total = sum(by_id_type.values())
    weeks = rows.order_by("week").values_list("week", flat=True)
    return SeasonReport(
        site=site,
        first_week=weeks.first(),
        last_week=weeks.last(),
        households_by_id_type=suppress(dict(by_id_type)),
        households_total=None if 0 < total < SMALL_CELL else total,
        credits={credit: suppress(dict(statuses)) for credit, statuses in sorted(credits.items())},
    )
