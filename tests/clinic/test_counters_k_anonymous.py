"""No stored season-counter cell describes fewer than 5 households (review finding 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from clinic import clock
from clinic.counters import count_household, counted_households, pending_cells, settle_all
from clinic.models import SeasonCounter
from clinic.reports import SMALL_CELL, season_report
from intake.models import Household
from intake.shredders import purge_expired, week_start

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 2, 2)


def _expire(household):
    Household.objects.filter(pk=household.pk).update(purge_after=clock.today() - dt.timedelta(days=1))


def _raw_counter_table() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM clinic_seasoncounter")
        counters = repr(cursor.fetchall())
        cursor.execute("SELECT * FROM clinic_pendingseasoncount")
        pending = repr(cursor.fetchall())
    return counters + pending


def test_purging_a_single_household_stores_no_cell_that_describes_it(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a, taxpayer_id_type="ssn_not_valid_for_employment")
    _expire(household)
    assert purge_expired().purged == 1
    assert not SeasonCounter.objects.exists()
    raw = _raw_counter_table()
    # The pending pool is encrypted: neither the ID type nor any credit result can be read without the key.
    assert "ssn_not_valid_for_employment" not in raw and "federal_ctc" not in raw and "eligible" not in raw
    assert counted_households(site_id=site_a.pk) == 1


def test_a_cell_is_published_when_it_reaches_five_and_never_below(site_a):
    today = MONDAY + dt.timedelta(days=2)
    for n in range(1, 8):
        count_household(site_id=site_a.pk, week=MONDAY, id_type="itin", results=[("federal_eitc", "eligible")], today=today)
        counts = list(SeasonCounter.objects.values_list("count", flat=True))
        assert all(c >= SMALL_CELL for c in counts), (n, counts)
        if n < SMALL_CELL:
            assert counts == []
    # 5 published at once, then each later household waits again until 5 more share the cell.
    assert sorted(SeasonCounter.objects.values_list("credit", "count")) == [("", 5), ("federal_eitc", 5)]
    assert counted_households(site_id=site_a.pk, id_type="itin") == 7


def test_short_weeks_merge_into_their_month_then_the_season_then_other(site_a, settings):
    settings.FILING_SEASON_END = "10-15"
    during = MONDAY + dt.timedelta(days=3)
    # Two ITIN households in each of two February weeks: no week reaches 5.
    for week in (MONDAY, MONDAY + dt.timedelta(days=7)):
        for _ in range(2):
            count_household(site_id=site_a.pk, week=week, id_type="itin", results=[], today=during)
    assert not SeasonCounter.objects.exists()
    # March: February is over; its month cell holds 4, still short.
    settle_all(today=dt.date(2026, 3, 2))
    assert not SeasonCounter.objects.exists()
    assert pending_cells(site_id=site_a.pk) == {("month", "2026-02-01", "itin", "", ""): 4}
    # One more ITIN household in a February week arrives late (purged in March): the month reaches 5.
    count_household(site_id=site_a.pk, week=MONDAY, id_type="itin", results=[], today=dt.date(2026, 3, 3))
    row = SeasonCounter.objects.get()
    assert (row.period, row.week, row.id_type, row.count) == ("month", dt.date(2026, 2, 1), "itin", 5)
    # Short season cells of several ID types meet in "other" after the season.
    for id_type in ("ssn_not_valid_for_employment", "atin", "applying", "declined", "none"):
        count_household(site_id=site_a.pk, week=dt.date(2026, 4, 6), id_type=id_type, results=[], today=dt.date(2026, 4, 8))
    settle_all(today=dt.date(2026, 10, 16))
    other = SeasonCounter.objects.get(id_type="other")
    assert (other.period, other.week, other.count) == ("season", dt.date(2026, 10, 15), 5)
    assert all(c >= SMALL_CELL for c in SeasonCounter.objects.values_list("count", flat=True))
    assert not pending_cells(site_id=site_a.pk)


def test_the_report_still_suppresses_and_counts_published_periods(site_a):
    for _ in range(6):
        count_household(site_id=site_a.pk, week=MONDAY, id_type="ssn", results=[], today=MONDAY)
    for _ in range(5):
        count_household(site_id=site_a.pk, week=MONDAY, id_type="itin", results=[], today=MONDAY)
    report = season_report(site=site_a)
    # Published and held-back counts together (decrypted in the process), small sums suppressed.
    assert report.households_by_id_type == {"ssn": 6, "itin": 5}
    assert report.households_total == 11
    count_household(site_id=site_a.pk, week=MONDAY, id_type="atin", results=[], today=MONDAY)
    shown = season_report(site=site_a).households_by_id_type
    assert shown["atin"] is None  # one household: never shown


def test_the_purged_week_is_the_households_last_visit_week(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    _expire(household)
    purge_expired()
    (cell,) = [c for c in pending_cells(site_id=site_a.pk) if c[3] == ""]
    assert cell[:2] == ("week", week_start(clock.today()).isoformat())


def test_estimated_amounts_wait_with_their_count(site_a):
    from clinic.counters import _load_with_amounts
    from clinic.models import PendingSeasonCount

    for _ in range(3):
        count_household(site_id=site_a.pk, week=MONDAY, id_type="itin", results=[("ca_eitc", "eligible", 250)], today=MONDAY)
    counts, amounts = _load_with_amounts(PendingSeasonCount.objects.get(site=site_a))
    cell = ("week", MONDAY.isoformat(), "itin", "ca_eitc", "eligible")
    assert counts[cell] == 3 and amounts[cell] == 750
    for _ in range(2):
        count_household(site_id=site_a.pk, week=MONDAY, id_type="itin", results=[("ca_eitc", "eligible", 250)], today=MONDAY)
    assert not _load_with_amounts(PendingSeasonCount.objects.get(site=site_a))[1]  # published with the count
    assert SeasonCounter.objects.get(credit="ca_eitc").count == 5
