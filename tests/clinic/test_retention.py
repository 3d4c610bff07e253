"""The purge date, the anonymous season counters and the coordinator's season page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clinic import clock
from clinic.models import SeasonCounter
from clinic.reports import season_report, suppress
from intake.shredders import week_start

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"itin": 12, "ssn": 30}, {"itin": 12, "ssn": 30}),
        ({"itin": 3, "ssn": 30, "none": 8}, {"itin": None, "ssn": 30, "none": None}),  # complementary
        ({"itin": 3, "ssn": 4, "none": 8}, {"itin": None, "ssn": None, "none": 8}),
        ({"itin": 0, "ssn": 9}, {"itin": 0, "ssn": 9}),
        ({"itin": 5}, {"itin": 5}),
    ],
)
def test_reports_suppress_cells_under_five(cells, expected):
    assert suppress(cells) == expected


def test_the_season_report_hides_small_counts(site_a):
    week = week_start(clock.today())
    SeasonCounter.objects.create(site=site_a, week=week, id_type="itin", count=2)
    SeasonCounter.objects.create(site=site_a, week=week, id_type="ssn", count=40)
    SeasonCounter.objects.create(site=site_a, week=week, id_type="none", count=7)
    report = season_report(site=site_a)
    assert report.households_by_id_type == {"itin": None, "ssn": 40, "none": None}
    assert report.households_total == 49


def test_the_coordinator_sees_the_season_page_and_small_cells_are_not_shown(client, site_a, coordinator_a):
    SeasonCounter.objects.create(site=site_a, week=week_start(clock.today()), id_type="itin", count=3)
    client.force_login(coordinator_a)
    response = client.get(reverse("sites:season-report", kwargs={"slug": site_a.slug}))
    assert response.status_code == 200
    assert "fewer than 5" in response.content.decode()
    assert ">3<" not in response.content.decode()


def test_other_sites_and_volunteers_cannot_see_the_season_page(client, site_a, site_b, volunteer_a, volunteer_b):
    url = reverse("sites:season-report", kwargs={"slug": site_a.slug})
    client.force_login(volunteer_b)
    assert client.get(url).status_code == 404
    client.force_login(volunteer_a)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("last_visit", "days", "season_end", "expected"),
    [
        (dt.date(2026, 3, 1), 30, "10-15", dt.date(2026, 3, 31)),  # 30 days after the visit
        (dt.date(2026, 10, 1), 30, "10-15", dt.date(2026, 10, 15)),  # capped at the season's end
        (dt.date(2026, 10, 15), 30, "10-15", dt.date(2026, 10, 15)),  # a visit on the last day
        (dt.date(2026, 11, 20), 30, "10-15", dt.date(2026, 12, 20)),  # after the season: the next one
        (dt.date(2026, 3, 1), 7, "10-15", dt.date(2026, 3, 8)),  # CONFIANZA_RETENTION_DAYS
        (dt.date(2026, 3, 20), 30, "04-15", dt.date(2026, 4, 15)),  # CONFIANZA_FILING_SEASON_END
    ],
)
def test_the_purge_date_follows_both_settings(settings, last_visit, days, season_end, expected):
    from clinic.retention import purge_date

    settings.RETENTION_DAYS = days
    settings.FILING_SEASON_END = season_end
    assert purge_date(last_visit=last_visit) == expected


def test_the_pages_link_to_withdrawal_and_to_the_coordinator_pages(client, site_a, volunteer_a, coordinator_a, make_household):
    household = make_household(site_a, volunteer_a)
    client.force_login(volunteer_a)
    detail = client.get(household.get_absolute_url()).content.decode()
    assert reverse("intake:consent-withdraw", kwargs={"code": household.code}) in detail
    client.force_login(coordinator_a)
    listing = client.get(reverse("intake:household-list")).content.decode()
    assert reverse("sites:audit-log", kwargs={"slug": site_a.slug}) in listing
    assert reverse("sites:season-report", kwargs={"slug": site_a.slug}) in listing
