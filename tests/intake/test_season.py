"""The coordinator's season page: live households plus anonymous counters, small cells hidden."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic import clock
from clinic.models import ActivityCounter, AuditEntry, SeasonCounter
from clinic.reports import activity_count, counter_cells, season_start, week_start
from intake.eligibility import assess
from intake.facts import household_facts
from intake.models import Household
from intake.season import forget_outcomes, season_for_site
from intake.shredders import purge_expired

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_outcomes()
    yield
    forget_outcomes()


def _families(make_household, site, user, count):
    return [make_household(site, user) for _ in range(count)]


def _season_page(client, user, site):
    client.force_login(user)
    return client.get(reverse("sites:season-report", kwargs={"slug": site.slug}))


def test_the_season_starts_the_day_after_the_last_season_ended(settings):
    settings.FILING_SEASON_END = "10-15"
    assert season_start(dt.date(2026, 12, 2)) == dt.date(2026, 10, 16)
    assert season_start(dt.date(2027, 3, 1)) == dt.date(2026, 10, 16)
    assert season_start(dt.date(2027, 10, 15)) == dt.date(2026, 10, 16)
    assert season_start(dt.date(2027, 10, 16)) == dt.date(2027, 10, 16)


def test_live_households_count_from_the_first_day(site_a, volunteer_a, make_household):
    households = _families(make_household, site_a, volunteer_a, 6)
    season = season_for_site(site=site_a)
    for key in ("today", "week", "season"):
        assert season.period(key).households == 6
    assert season.period("season").by_id_type == {"itin": 6}
    # The estimated total is the engine's own figure, added up.
    expected = sum(int(assess(household_facts(h)).credits["ca_yctc"].amount) for h in households)
    line = next(line for line in season.period("season").credits if line.credit == "ca_yctc")
    assert line.found == 6 and line.dollars == expected > 0


def test_a_purged_household_moves_to_the_counters_and_is_never_counted_twice(site_a, volunteer_a, make_household):
    households = _families(make_household, site_a, volunteer_a, 7)
    before = season_for_site(site=site_a).period("week")
    # Two of them expire (their visit was this week, their purge date has passed).
    Household.objects.filter(pk__in=[h.pk for h in households[:2]]).update(purge_after=clock.today() - dt.timedelta(days=1))
    assert purge_expired().purged == 2
    # Counted (held back, encrypted, until 5 share the cell: no stored row describes two households).
    assert sum(c.count for c in counter_cells(site=site_a) if not c.credit) == 2
    assert not SeasonCounter.objects.filter(count__lt=5).exists()
    after = season_for_site(site=site_a).period("week")
    assert after.households == before.households == 7
    assert [line.found for line in after.credits] == [line.found for line in before.credits]
    assert [line.dollars for line in after.credits] == [line.dollars for line in before.credits]
    # Counters are weekly: "today" counts only the records still kept.
    assert season_for_site(site=site_a).period("today").households == 5


def test_the_purge_counts_the_estimated_dollars(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    expected = int(assess(household_facts(household)).credits["ca_yctc"].amount)
    Household.objects.filter(pk=household.pk).update(purge_after=clock.today() - dt.timedelta(days=1))
    purge_expired()
    cells = counter_cells(site=site_a)
    assert sum(c.amount for c in cells if c.credit == "ca_yctc") == expected > 0
    assert sum(c.amount for c in cells if not c.credit) == 0


def test_an_edit_is_counted_with_its_new_answers(site_a, volunteer_a, make_household):
    from intake.services import household_update

    households = _families(make_household, site_a, volunteer_a, 5)
    assert season_for_site(site=site_a).period("season").by_id_type == {"itin": 5}
    household = households[0]
    household_update(
        household=household,
        user=volunteer_a,
        expected_version=household.version,
        values={"taxpayer_id_type": "ssn"},
    )
    assert season_for_site(site=site_a).period("season").by_id_type == {"itin": None, "ssn": None}


def test_small_cells_are_hidden_on_the_page_and_in_the_csv(client, site_a, coordinator_a, volunteer_a, make_household):
    _families(make_household, site_a, volunteer_a, 3)
    response = _season_page(client, coordinator_a, site_a)
    assert response.status_code == 200
    page = response.content.decode()
    assert "fewer than 5" in page and ">3<" not in page
    main = page.split('<main')[1].split("</main>")[0]
    assert "<svg" in main and 'role="img"' in main and "<script" not in main and "style=" not in main
    export = client.get(reverse("sites:season-report-csv", kwargs={"slug": site_a.slug}))
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    households = [row for row in rows if row["measure"] == "households" and row["period"] == "season"]
    assert households[0]["count"] == "<5"
    assert not any(row["count"] == "3" for row in rows)


def test_the_csv_holds_aggregates_only_and_is_logged(client, site_a, coordinator_a, volunteer_a, make_household):
    households = _families(make_household, site_a, volunteer_a, 5)
    client.force_login(coordinator_a)
    export = client.get(reverse("sites:season-report-csv", kwargs={"slug": site_a.slug}))
    text = export.content.decode()
    assert not any(h.code in text for h in households)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["measure"] for row in rows} >= {"households", "credit_found", "filer_id_type", "anonymous_screenings"}
    season = next(row for row in rows if row["measure"] == "households" and row["period"] == "season")
    assert season["count"] == "5"
    assert AuditEntry.objects.filter(action="export", site=site_a, data={"format": "csv"}).count() == 1


def test_prints_and_anonymous_screenings_are_counted_by_day(site_a):
    for _ in range(5):
        activity_count(site=site_a, activity="screening")
    activity_count(site=site_a, activity="print", topic="itin", language="es", count=6)
    activity_count(site=site_a, activity="print", topic="itin", language="en", count=2)
    assert ActivityCounter.objects.get(activity="print", language="es").count == 6
    season = season_for_site(site=site_a)
    today = season.period("today")
    assert today.screenings == 5
    # en (2) is fewer than 5; es is hidden with it so that the total does not give it away.
    assert today.prints == {("itin", "en"): None, ("itin", "es"): None}
    assert season.period("season").print_languages == {"en": None, "es": None}


def test_printing_a_handout_counts_it(client, site_a, volunteer_a):
    from counseling.loader import content_load
    from counseling.models import Topic

    if not Topic.objects.exists():
        content_load()
    client.force_login(volunteer_a)
    response = client.get(reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": "es"}))
    assert response.status_code == 200
    assert ActivityCounter.objects.get(activity="print").topic == "itin"


def test_the_page_shows_households_per_week_from_both_sources(client, site_a, coordinator_a, volunteer_a, make_household):
    last_week = week_start(clock.today()) - dt.timedelta(days=7)
    if last_week < season_start(clock.today()):
        pytest.skip("the season began this week")
    SeasonCounter.objects.create(site=site_a, week=last_week, id_type="ssn", count=11)
    _families(make_household, site_a, volunteer_a, 5)
    season = season_for_site(site=site_a)
    by_week = {bar.week: bar.households for bar in season.weeks}
    assert by_week[last_week] == 11 and by_week[week_start(clock.today())] == 5
    assert season.period("season").households == 16


def test_the_page_answers_only_its_coordinator(client, site_a, volunteer_a, coordinator_a):
    client.force_login(volunteer_a)
    assert client.get(reverse("sites:season-report", kwargs={"slug": site_a.slug})).status_code == 403
    assert client.get(reverse("sites:season-report-csv", kwargs={"slug": site_a.slug})).status_code == 403


def test_the_query_count_does_not_grow_with_households(client, site_a, coordinator_a, volunteer_a, make_household):
    url = reverse("sites:season-report", kwargs={"slug": site_a.slug})
    client.force_login(coordinator_a)

    def queries() -> int:
        forget_outcomes()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _families(make_household, site_a, volunteer_a, 2)
    queries()  # the first request also touches the session
    assert queries() == queries()  # every outcome read from its row
    _families(make_household, site_a, volunteer_a, 1)
    few = queries()  # one household screened and its outcome stored
    _families(make_household, site_a, volunteer_a, 30)
    assert queries() == few  # thirty screened: the same statements


def test_after_a_restart_the_outcomes_are_read_not_screened_again(site_a, volunteer_a, make_household, monkeypatch):
    from intake import season

    households = _families(make_household, site_a, volunteer_a, 6)
    real = season.household_outcome
    first = season_for_site(site=site_a).period("season")
    forget_outcomes()  # a new process

    def refuse(household):
        raise AssertionError("screened again")

    monkeypatch.setattr(season, "household_outcome", refuse)
    assert season_for_site(site=site_a).period("season") == first
    # New rules (another engine): every household is screened again, not reused.
    screened = []
    monkeypatch.setattr(season, "household_outcome", lambda household: screened.append(household.pk) or real(household))
    forget_outcomes()
    monkeypatch.setattr(season, "rules_fingerprint", lambda: "other-rules")
    assert season_for_site(site=site_a).period("season") == first
    assert sorted(screened) == sorted(h.pk for h in households)
    stored = Household.objects.get(pk=households[0].pk).season_outcome
    assert "itin" in stored and str(households[0].code) not in stored


def test_the_day_sums_kept_in_memory_follow_every_new_deleted_or_revisited_household(site_a, volunteer_a, make_household):
    households = _families(make_household, site_a, volunteer_a, 5)
    assert season_for_site(site=site_a).period("season").households == 5
    make_household(site_a, volunteer_a)
    assert season_for_site(site=site_a).period("season").households == 6
    # One deleted and one added: the same number of rows, a different set.
    Household.objects.filter(pk=households[0].pk).delete()
    newcomer = make_household(site_a, volunteer_a, taxpayer_id_type="ssn")
    season = season_for_site(site=site_a).period("season")
    # 1 is under 5, so both cells are hidden (the other could be worked out from the total).
    assert season.households == 6 and season.by_id_type == {"itin": None, "ssn": None}
    # A revisit moves the household to today without a new version.
    earlier = clock.now() - dt.timedelta(days=40)
    Household.objects.filter(pk=newcomer.pk).update(last_visit_at=earlier)
    assert season_for_site(site=site_a).period("today").households == 5
