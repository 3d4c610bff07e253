"""The coordinator's season: today, this week and the season, from live households and counters.

Two sources, never overlapping: a household is either still kept (live) or was counted into the
anonymous ``SeasonCounter`` rows in the same transaction that deleted it (``intake.shredders``).
Desk activity that is not a household (anonymous screenings, prints) is counted by day in
``ActivityCounter``.

Live households are never stored as counts: a counter that moved the moment a household was saved
could be lined up with the audit log's times and visit codes. Their ID types are encrypted, so the
page decrypts and screens them in this process and keeps each household's small outcome in memory,
keyed by (primary key, version): an edit changes the version, so a stale outcome is never reused.

Every count under ``SMALL_CELL`` is shown as "fewer than 5" (``clinic.reports.suppress``), and a
dollar total is shown only where its count is shown.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.db.models import Sum
from django.utils import timezone

from clinic import clock
from clinic.models import ActivityCounter, Site
from clinic.reports import SMALL_CELL, counter_cells, season_start, suppress, week_start

ELIGIBLE = "eligible"


# --- one household's outcome -------------------------------------------------------------------


class Outcome(NamedTuple):
    """What the season page needs from one household: no code, no age, no amount per person."""

    id_type: str
    credits: tuple[tuple[str, str, int], ...]  # (credit key, status, whole dollars when eligible)


def household_outcome(household) -> Outcome:
    """Screen one household (dependents prefetched if possible) and keep only its outcome."""
    from intake.eligibility import assess
    from intake.facts import household_facts

    # The season page counts credits found; what would change them (the change search) is the
    # volunteer's business, not the report's.
    screening = assess(household_facts(household), changes=False)
    credits = tuple(
        (
            key,
            str(getattr(credit.status, "value", credit.status)),
            int(credit.amount) if str(getattr(credit.status, "value", credit.status)) == ELIGIBLE else 0,
        )
        for key, credit in sorted(screening.credits.items())
    )
    return Outcome(id_type=household.taxpayer_id_type, credits=credits)


_OUTCOMES: dict[tuple[int, int], Outcome] = {}
_OUTCOMES_MAX = 100_000
_BATCH = 500


@functools.cache
def rules_fingerprint() -> str:
    """Return a digest of the engine's source: a stored outcome is reused only with the same rules."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*(root / "eligibility").rglob("*.py"), root / "facts.py"]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    # Letters only (a-p for the hex digits): the stored text never holds a run of digits that
    # could look like a taxpayer number to the column's check.
    return digest.hexdigest()[:16].translate(str.maketrans("0123456789abcdef", "abcdefghijklmnop"))


def _stored(text: str, version: int) -> Outcome | None:
    """Return the outcome kept on the row if it was computed for this version with these rules."""
    if not text:
        return None
    try:
        data = json.loads(text)
        if data["rules"] != rules_fingerprint() or data["version"] != version:
            return None
        return Outcome(id_type=data["id_type"], credits=tuple(tuple(credit) for credit in data["credits"]))
    except (ValueError, KeyError, TypeError):
        return None


def _for_storage(outcome: Outcome, version: int) -> str:
    return json.dumps(
        {"rules": rules_fingerprint(), "version": version, "id_type": outcome.id_type, "credits": outcome.credits},
        separators=(",", ":"),
    )


def _live_outcomes(rows: list[tuple[int, int]]) -> dict[tuple[int, int], Outcome]:
    """Return the outcome of each (pk, version): from memory, else from the row, else screened.

    A household screened here has its outcome written back to its row (one batched update per
    500 households), so the next process, or the next restart, reads it instead of screening again.
    """
    from intake.models import Household

    missing = [pk for pk, version in rows if (pk, version) not in _OUTCOMES]
    if len(_OUTCOMES) + len(missing) > _OUTCOMES_MAX:
        _OUTCOMES.clear()
        missing = [pk for pk, _version in rows]
    for start in range(0, len(missing), _BATCH):
        chunk = missing[start : start + _BATCH]
        unscreened = []
        for pk, version, text in Household.objects.filter(pk__in=chunk).values_list("pk", "version", "season_outcome"):
            outcome = _stored(text, version)
            if outcome is None:
                unscreened.append(pk)
            else:
                _OUTCOMES[(pk, version)] = outcome
        screened = []
        for household in Household.objects.filter(pk__in=unscreened).prefetch_related("dependents"):
            try:
                outcome = household_outcome(household)
            except Exception:  # noqa: BLE001 - a rules bug must not hide the household from the count
                outcome = Outcome(id_type=household.taxpayer_id_type, credits=())
            else:
                household.season_outcome = _for_storage(outcome, household.version)
                screened.append(household)
            _OUTCOMES[(household.pk, household.version)] = outcome
        # One statement per batch. An edit in between is harmless: the stored outcome names the
        # version it was computed for, and a newer row does not match it.
        if screened:
            Household.objects.bulk_update(screened, ["season_outcome"], batch_size=_BATCH)
    return {key: _OUTCOMES[key] for key in rows if key in _OUTCOMES}


def forget_outcomes() -> None:
    """Drop the in-memory outcomes and day sums (tests; a deployment restarts instead)."""
    _OUTCOMES.clear()
    _LIVE_DAYS.clear()


# --- the report ---------------------------------------------------------------------------------


@dataclass
class _Tally:
    households: int = 0
    by_id_type: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    dollars: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    screenings: int = 0
    prints: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))

    def add_outcome(self, outcome: Outcome) -> None:
        self.households += 1
        self.by_id_type[outcome.id_type] += 1
        for credit, status, amount in outcome.credits:
            if status == ELIGIBLE:
                self.found[credit] += 1
                self.dollars[credit] += amount

    def merge(self, other: _Tally) -> None:
        self.households += other.households
        for name in ("by_id_type", "found", "dollars"):
            mine = getattr(self, name)
            for key, value in getattr(other, name).items():
                mine[key] += value


# The live households of a site summed per day, kept per process while nothing changed: the
# fingerprint (how many rows, the sums and maxima of their keys, versions and visit times) moves
# with every household opened, edited, revisited or deleted, so a stale sum is never shown. Only
# day totals are kept, the same figures the page prints before suppression; never a household.
_LIVE_DAYS: dict[tuple, dict[dt.date, _Tally]] = {}


def _live_days(site: Site, since: dt.date) -> dict[dt.date, _Tally]:
    """Return, per local day of last visit since ``since``, the tally of the site's live households."""
    from django.db.models import Count, Max

    from intake.models import Household

    since_dt = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    rows = Household.objects.filter(site=site, last_visit_at__gte=since_dt)
    fingerprint = rows.aggregate(
        n=Count("pk"), pks=Sum("pk"), versions=Sum("version"), newest=Max("last_visit_at"), top=Max("pk")
    )
    zone = timezone.get_current_timezone()
    key = (site.pk, since, str(zone), tuple(sorted(fingerprint.items())))
    cached = _LIVE_DAYS.get(key)
    if cached is not None:
        return cached
    live = list(rows.values_list("pk", "version", "last_visit_at"))
    outcomes = _live_outcomes([(pk, version) for pk, version, _at in live])
    days: dict[dt.date, _Tally] = defaultdict(_Tally)
    for pk, version, at in live:
        outcome = outcomes.get((pk, version))
        if outcome is not None:  # None: deleted between the two queries
            days[at.astimezone(zone).date()].add_outcome(outcome)
    for old in [k for k in _LIVE_DAYS if k[0] == site.pk]:
        del _LIVE_DAYS[old]
    _LIVE_DAYS[key] = dict(days)
    return _LIVE_DAYS[key]


@dataclass(frozen=True)
class CreditLine:
    credit: str
    found: int | None  # None: fewer than 5
    dollars: int | None


@dataclass(frozen=True)
class Period:
    key: str
    since: dt.date
    households: int | None
    by_id_type: dict[str, int | None]
    credits: list[CreditLine]
    screenings: int | None
    prints: dict[tuple[str, str], int | None]
    print_languages: dict[str, int | None]


@dataclass(frozen=True)
class WeekBar:
    week: dt.date
    households: int | None


@dataclass(frozen=True)
class Season:
    site: Site
    today: dt.date
    periods: list[Period]
    weeks: list[WeekBar]
    credit_keys: list[str]

    def period(self, key: str) -> Period:
        return next(p for p in self.periods if p.key == key)


def _shown(count: int) -> int | None:
    return None if 0 < count < SMALL_CELL else count


def _period(key: str, since: dt.date, tally: _Tally, credit_keys: Iterable[str]) -> Period:
    found = suppress({credit: tally.found.get(credit, 0) for credit in credit_keys})
    credits = [
        CreditLine(credit=credit, found=found[credit], dollars=None if found[credit] is None else tally.dollars.get(credit, 0))
        for credit in credit_keys
    ]
    return Period(
        key=key,
        since=since,
        households=_shown(tally.households),
        by_id_type=suppress(dict(sorted(tally.by_id_type.items()))),
        credits=credits,
        screenings=_shown(tally.screenings),
        prints={k: v for k, v in sorted(suppress(dict(tally.prints)).items())},
        print_languages=suppress(dict(sorted(_by_language(tally.prints).items()))),
    )


def _by_language(prints: dict[tuple[str, str], int]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for (_topic, language), count in prints.items():
        totals[language] += count
    return totals


def season_for_site(*, site: Site, today: dt.date | None = None) -> Season:
    """Return today's, this week's and the season's counts for one site, small cells suppressed."""
    from intake.eligibility import CREDIT_KEYS

    today = today or clock.today()
    starts = {"today": today, "week": week_start(today), "season": season_start(today)}
    tallies = {key: _Tally() for key in starts}
    weekly: dict[dt.date, int] = defaultdict(int)

    # Live households, by the local day of their last visit.
    for day, tally in _live_days(site, starts["season"]).items():
        weekly[week_start(day)] += tally.households
        for key, since in starts.items():
            if day >= since:
                tallies[key].merge(tally)

    # Purged households, by the week of their last visit (weekly cells: never in "today").
    for cell in counter_cells(site=site, since=starts["season"], until=today):
        periods = [key for key in ("week", "season") if cell.week >= starts[key]]
        for key in periods:
            tally = tallies[key]
            if not cell.credit:
                tally.households += cell.count
                tally.by_id_type[cell.id_type] += cell.count
            elif cell.status == ELIGIBLE:
                tally.found[cell.credit] += cell.count
                tally.dollars[cell.credit] += cell.amount
        if not cell.credit:
            weekly[cell.week] += cell.count

    # Anonymous screenings and prints, by day.
    activity = (
        ActivityCounter.objects.filter(site=site, day__gte=starts["season"], day__lte=today)
        .values_list("day", "activity", "topic", "language")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for day, kind, topic, language, total in activity:
        for key, since in starts.items():
            if day >= since:
                if kind == ActivityCounter.Activity.SCREENING:
                    tallies[key].screenings += total
                else:
                    tallies[key].prints[(topic, language)] += total

    first_week = min(weekly, default=week_start(today))
    weeks = []
    monday = first_week
    while monday <= today:
        weeks.append(WeekBar(week=monday, households=_shown(weekly.get(monday, 0))))
        monday += dt.timedelta(days=7)
    credit_keys = list(CREDIT_KEYS)
    return Season(
        site=site,
        today=today,
        periods=[_period(key, starts[key], tallies[key], credit_keys) for key in starts],
        weeks=weeks,
        credit_keys=credit_keys,
    )
