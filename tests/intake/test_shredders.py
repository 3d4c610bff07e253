"""Purging expired households: deleted with everything attached, audit redacted, counted anonymously."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection

from clinic import clock
from clinic.audit import audit_record
from clinic.models import AuditEntry, SeasonCounter
from intake.models import Consent, Dependent, Household
from intake.shredders import HouseholdShredder, purge_expired, week_start

pytestmark = pytest.mark.django_db


def _expire(household, days_ago=1):
    Household.objects.filter(pk=household.pk).update(purge_after=clock.today() - dt.timedelta(days=days_ago))


def _all_text(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names from the ORM
        return repr(cursor.fetchall())


def test_it_deletes_expired_households_with_their_dependents_and_consent(site_a, volunteer_a, make_household):
    old = make_household(site_a, volunteer_a, nickname="Purge Me")
    kept = make_household(site_a, volunteer_a)
    _expire(old)
    result = purge_expired()
    assert result.purged == 1
    assert not Household.objects.filter(pk=old.pk).exists()
    assert not Dependent.objects.filter(household_id=old.pk).exists()
    assert not Consent.objects.filter(household_id=old.pk).exists()
    assert Household.objects.filter(pk=kept.pk).exists()


def test_it_keeps_a_household_until_its_purge_date_has_passed(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    Household.objects.filter(pk=household.pk).update(purge_after=clock.today())
    assert purge_expired().purged == 0
    assert HouseholdShredder(Household.objects.get(pk=household.pk)).shred_constraints() is not None


def test_it_redacts_the_audit_entries_of_a_purged_household(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    audit_record(actor=volunteer_a, action="print", site=site_a, visit_code=household.code, data={"topic": "itin"})
    entries_before = AuditEntry.objects.count()
    _expire(household)
    purge_expired()
    assert not AuditEntry.objects.filter(visit_code=household.code).exists()
    redacted = AuditEntry.objects.filter(redacted=True)
    assert redacted.count() == 2  # the create and the print: kept, not deleted
    assert all(entry.data == {} and entry.visit_code == "" for entry in redacted)
    # One purge entry per site with a count, and no visit code.
    purge = AuditEntry.objects.get(action="purge")
    assert purge.visit_code == "" and purge.data == {"count": 1, "reason": "expired"}
    assert AuditEntry.objects.count() == entries_before + 1
    assert household.code not in _all_text("clinic_auditentry")


def test_it_counts_the_household_before_deleting_it(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    _expire(household)
    purge_expired()
    row = SeasonCounter.objects.get(credit="", status="")
    assert (row.site_id, row.id_type, row.count) == (site_a.pk, "itin", 1)
    assert row.week == week_start(clock.today())


def test_it_counts_each_credit_result(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a)
    _expire(household)
    purge_expired()
    credits = dict(SeasonCounter.objects.exclude(credit="").values_list("credit", "status"))
    assert {"federal_ctc", "federal_eitc", "ca_eitc", "ca_yctc"} <= set(credits)
    assert all(status for status in credits.values())


def test_the_counters_hold_nothing_that_points_back_at_a_household(site_a, volunteer_a, make_household):
    household = make_household(site_a, volunteer_a, nickname="Counter Canary")
    _expire(household)
    purge_expired()
    raw = _all_text("clinic_seasoncounter")
    assert household.code not in raw and "Counter Canary" not in raw


def test_running_it_twice_purges_and_counts_once(site_a, volunteer_a, make_household):
    for _ in range(3):
        _expire(make_household(site_a, volunteer_a))
    assert purge_expired(batch_size=2).purged == 3
    assert purge_expired().purged == 0
    assert SeasonCounter.objects.get(credit="", status="").count == 3


def test_the_command_states_the_rule_and_purges(site_a, volunteer_a, make_household):
    from intake.management.commands.purge_expired import Command

    assert "purge date" in Command.help and "CONFIANZA_RETENTION_DAYS" in Command.help
    assert "season" in Command.help and "twice" in Command.help
    _expire(make_household(site_a, volunteer_a))
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 household")
    assert Household.objects.count() == 1
    call_command("purge_expired", stdout=out)
    assert "Purged 1 household" in out.getvalue()
    assert Household.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_purges_at_once_delete_and_count_each_household_once(site_a, volunteer_a, make_household):
    import threading

    from django.db import connections

    for _ in range(20):
        _expire(make_household(site_a, volunteer_a))
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            results.append(purge_expired(batch_size=3).purged)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(results) == 20
    assert Household.objects.count() == 0
    assert SeasonCounter.objects.get(credit="", status="").count == 20
