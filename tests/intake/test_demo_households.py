from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from clinic.models import Site
from intake.facts import household_facts
from intake.models import Consent, Household


@pytest.mark.django_db
def test_it_creates_varied_fake_households_at_the_demo_site():
    out = io.StringIO()
    call_command("demo_households", "--count", "60", stdout=out)
    site = Site.objects.get(slug="demo")
    households = list(Household.objects.filter(site=site).prefetch_related("dependents"))
    assert len(households) == 60
    assert Consent.objects.count() == 60
    types = {h.taxpayer_id_type for h in households}
    assert {"itin", "ssn", "itin_expired", "declined"} <= types
    assert any(h.spouse_id_type and h.spouse_id_type != h.taxpayer_id_type for h in households)  # mixed status
    assert any(h.self_employment_income < 0 for h in households) or any(h.self_employment_income > 0 for h in households)
    assert any(d.full_time_student and d.age >= 19 for h in households for d in h.dependents.all())
    assert all(h.nickname.startswith("Demo ") for h in households)
    for household in households:
        household_facts(household)  # every one is valid input for the rules
        household.full_clean(exclude=["submission_token", "created_by"])


@pytest.mark.django_db
def test_it_is_seeded(site_a):
    call_command("demo_households", "--count", "5", "--site", "site-a", "--seed", "7", stdout=io.StringIO())
    first = sorted((h.taxpayer_age, h.wages) for h in Household.objects.all())
    Household.objects.all().delete()
    call_command("demo_households", "--count", "5", "--site", "site-a", "--seed", "7", stdout=io.StringIO())
    assert sorted((h.taxpayer_age, h.wages) for h in Household.objects.all()) == first


@pytest.mark.django_db
def test_it_refuses_an_unknown_site_and_the_production_profile(settings):
    with pytest.raises(CommandError):
        call_command("demo_households", "--count", "1", "--site", "nowhere", stdout=io.StringIO())
    settings.PROFILE = "production"
    with pytest.raises(CommandError):
        call_command("demo_households", "--count", "1", stdout=io.StringIO())


@pytest.mark.django_db
def test_it_creates_more_than_one_batch(django_assert_max_num_queries):
    # Bulk inserts (SQLite splits them by its parameter limit): far fewer queries than households (timings live in bench/).
    with django_assert_max_num_queries(400):
        call_command("demo_households", "--count", "2001", stdout=io.StringIO())
    assert Household.objects.count() == 2001
