"""Two volunteers saving one household: stale forms on both databases, a real race on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from intake.models import Household
from intake.services import HouseholdConflict, household_open, household_update

VALUES = {"filing_status": "single", "taxpayer_id_type": "itin", "taxpayer_age": 30, "wages": 1000}


def test_a_stale_form_conflicts_on_this_database(site_a, volunteer_a, coordinator_a):
    household = household_open(site=site_a, user=volunteer_a, values=VALUES)
    loaded_by_a = Household.objects.get(pk=household.pk)
    loaded_by_b = Household.objects.get(pk=household.pk)
    household_update(household=loaded_by_a, user=volunteer_a, expected_version=loaded_by_a.version, values={"wages": 2000})
    with pytest.raises(HouseholdConflict):
        household_update(
            household=loaded_by_b, user=coordinator_a, expected_version=loaded_by_b.version, values={"wages": 3000}
        )
    household.refresh_from_db()
    assert (household.wages, household.version) == (2000, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_at_once_one_wins(site_a, volunteer_a, coordinator_a):
    household = household_open(site=site_a, user=volunteer_a, values=VALUES)
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []
    lock = threading.Lock()

    def save(user, wages):
        close_old_connections()  # each thread opens its own connection
        try:
            loaded = Household.objects.select_related("site").get(pk=household.pk)
            barrier.wait()
            household_update(household=loaded, user=user, expected_version=1, values={"wages": wages})
            result = "saved"
        except HouseholdConflict:
            result = "conflict"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=save, args=(volunteer_a, 2000)),
        threading.Thread(target=save, args=(coordinator_a, 3000)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "saved"]
    household.refresh_from_db()
    assert household.version == 2
    assert household.wages in (2000, 3000)
