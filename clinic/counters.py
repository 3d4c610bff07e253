"""K-anonymous season counters: no stored cell ever counts fewer than 5 households (review finding 4).

A purged household adds 1 to its cells (site, week, ID type; and each credit's result) in the
site's ``PendingSeasonCount``, which is encrypted with the field keys. A cell is published to
``SeasonCounter`` only once it holds ``SMALL_CELL`` (5) households, and then moves there whole.
A cell still short when its period is over is merged into a coarser one, which may then reach 5:

* a week cell, once its month has ended, into that month;
* a month cell, once the filing season has ended, into the season;
* a season cell, once the season has ended, into the ID type "other" of that season.

What never reaches 5 stays pending (encrypted) and is reported as suppressed; the reports keep their
own suppression of small sums on top (clinic/reports.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import F

from clinic.models import PendingSeasonCount, SeasonCounter
from clinic.retention import season_end_after

# No stored cell, and no shown figure, counts fewer households than this (clinic.reports shows it too).
SMALL_CELL = 5

OTHER = "other"
WEEK, MONTH, SEASON = SeasonCounter.Period.WEEK.value, SeasonCounter.Period.MONTH.value, SeasonCounter.Period.SEASON.value

Cell = tuple[str, str, str, str, str]  # period, start (ISO date), id_type, credit, status


def _load_with_amounts(row: PendingSeasonCount) -> tuple[dict[Cell, int], dict[Cell, int]]:
    counts: dict[Cell, int] = {}
    amounts: dict[Cell, int] = {}
    if row.cells:
        for item in json.loads(row.cells):
            cell = tuple(item[:5])
            counts[cell] = item[5]
            if len(item) > 6 and item[6]:
                amounts[cell] = item[6]
    return counts, amounts


def _load(row: PendingSeasonCount) -> dict[Cell, int]:
    return _load_with_amounts(row)[0]


def _dump(cells: Mapping[Cell, int], amounts: Mapping[Cell, int]) -> str:
    return json.dumps(sorted([*cell, count, amounts.get(cell, 0)] for cell, count in cells.items() if count))


def _month_end(start: dt.date) -> dt.date:
    following = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)


def _coarser(cell: Cell, today: dt.date) -> Cell | None:
    """Return the cell this one merges into once its period is over, or ``None`` (not yet / coarsest)."""
    period, start_iso, id_type, credit, status = cell
    start = dt.date.fromisoformat(start_iso)
    if period == WEEK:
        # A week belongs to the month it starts in; it merges once that month and the week are over.
        over = today > max(_month_end(start), start + dt.timedelta(days=6))
        return (MONTH, start.replace(day=1).isoformat(), id_type, credit, status) if over else None
    season_end = season_end_after(start)
    if today <= season_end:
        return None
    if period == MONTH:
        return (SEASON, season_end.isoformat(), id_type, credit, status)
    if period == SEASON and id_type != OTHER:
        return (SEASON, start_iso, OTHER, credit, status)
    return None


_HAS_AMOUNT = any(field.name == "amount" for field in SeasonCounter._meta.concrete_fields)


def _publish(site_id: int, cell: Cell, count: int, amount: int) -> None:
    period, start, id_type, credit, status = cell
    row, _created = SeasonCounter.objects.get_or_create(
        site_id=site_id, period=period, week=dt.date.fromisoformat(start), id_type=id_type, credit=credit, status=status
    )
    changes = {"count": F("count") + count}
    if _HAS_AMOUNT and amount:
        changes["amount"] = F("amount") + amount  # estimated dollars, published with their count only
    SeasonCounter.objects.filter(pk=row.pk).update(**changes)


def _settle(site_id: int, cells: dict[Cell, int], today: dt.date, amounts: dict[Cell, int] | None = None) -> dict[Cell, int]:
    """Publish every cell of 5 or more; merge the short ones whose period is over; repeat."""
    amounts = amounts if amounts is not None else {}
    while True:
        for cell in [c for c, n in cells.items() if n >= SMALL_CELL]:
            _publish(site_id, cell, cells.pop(cell), amounts.pop(cell, 0))
        merged = False
        for cell in list(cells):
            target = _coarser(cell, today)
            if target is not None:
                cells[target] = cells.get(target, 0) + cells.pop(cell)
                if cell in amounts:
                    amounts[target] = amounts.get(target, 0) + amounts.pop(cell)
                merged = True
        if not merged:
            return cells


@transaction.atomic
def count_household(*, site_id: int, week: dt.date, id_type: str, results: Iterable[tuple], today: dt.date) -> None:
    """Add one household (and each ``(credit, status)`` or ``(credit, status, amount)``) to its site's counters."""
    row, _created = PendingSeasonCount.objects.select_for_update().get_or_create(site_id=site_id)
    cells, amounts = _load_with_amounts(row)
    for credit, status, *amount in [("", ""), *results]:
        cell = (WEEK, week.isoformat(), id_type, credit, status)
        cells[cell] = cells.get(cell, 0) + 1
        if amount and amount[0]:
            amounts[cell] = amounts.get(cell, 0) + int(amount[0])
    row.cells = _dump(_settle(site_id, cells, today, amounts), amounts)
    row.save(update_fields=["cells"])


@transaction.atomic
def settle_all(*, today: dt.date) -> None:
    """Merge and publish what the passing of time allows, for every site (run by purge_expired)."""
    for row in PendingSeasonCount.objects.select_for_update().order_by("pk"):
        cells, amounts = _load_with_amounts(row)
        settled = _settle(row.site_id, cells, today, amounts)
        row.cells = _dump(settled, amounts)
        row.save(update_fields=["cells"])


def counted_households(*, site_id: int, credit: str = "", status: str = "", id_type: str | None = None) -> int:
    """How many households were counted, published and pending together (for tests and the totals line)."""
    published = SeasonCounter.objects.filter(site_id=site_id, credit=credit, status=status)
    if id_type is not None:
        published = published.filter(id_type=id_type)
    total = sum(published.values_list("count", flat=True))
    row = PendingSeasonCount.objects.filter(site_id=site_id).first()
    if row is not None:
        total += sum(
            n for (_p, _s, t, c, st), n in _load(row).items() if c == credit and st == status and (id_type is None or t == id_type)
        )
    return total


def pending_cells(*, site_id: int) -> dict[Cell, int]:
    """The site's cells not yet published (decrypted; for tests and maintenance only)."""
    row = PendingSeasonCount.objects.filter(site_id=site_id).first()
    return _load(row) if row is not None else {}


def pending_amounts(*, site_id: int) -> dict[Cell, tuple[int, int]]:
    """The site's held-back cells with ``(count, estimated dollars)`` (for ``clinic.reports.counter_cells``)."""
    row = PendingSeasonCount.objects.filter(site_id=site_id).first()
    if row is None:
        return {}
    counts, amounts = _load_with_amounts(row)
    return {cell: (count, amounts.get(cell, 0)) for cell, count in counts.items()}
