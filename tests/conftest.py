"""Fixed personas with obviously fake data (docs/architecture.md, habit 13)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


def load_shipped_content() -> None:
    """Load ``counseling/content/`` the way a deployment does: ``manage.py load_content``."""
    call_command("load_content", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database: migrated by pytest-django, then the shipped content loaded by the command."""
    with django_db_blocker.unblock():
        load_shipped_content()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Load the shipped content again after a test that flushed the database (transactional tests,
    the live server), so the tests after it find it as the session set-up left it."""
    yield
    if nextitem is None:
        # The last test: its teardown has already destroyed the test database with the session.
        return
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    if transactional or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            from counseling.models import Topic

            if not Topic.objects.exists():
                load_shipped_content()


@pytest.fixture
def old_sign_in(settings, monkeypatch):
    """Return a function that moves the clock past the recent-sign-in window (clinic/reauth.py),
    keeping the session itself alive (a long idle limit)."""
    import datetime as dt

    from clinic import clock

    settings.IDLE_MINUTES = 120

    def age() -> None:
        later = clock.now() + dt.timedelta(minutes=settings.REAUTH_MINUTES + 1)
        monkeypatch.setattr("clinic.clock.now", lambda: later)

    return age


@pytest.fixture
def site_a(db):
    from clinic.models import Site

    return Site.objects.create(slug="site-a", name="Site A Test Clinic", phone="(555) 010-0001", languages=["en", "es"])


@pytest.fixture
def site_b(db):
    from clinic.models import Site

    return Site.objects.create(slug="site-b", name="Site B Test Clinic", phone="(555) 010-0002", languages=["en"])


def _member(django_user_model, username, site, role):
    from clinic.models import Membership

    user = django_user_model.objects.create_user(username=username, password="correct-horse-battery-staple")
    Membership.objects.create(user=user, site=site, role=role)
    return user


@pytest.fixture
def volunteer_a(django_user_model, site_a):
    return _member(django_user_model, "volunteer-a", site_a, "volunteer")


@pytest.fixture
def coordinator_a(django_user_model, site_a):
    return _member(django_user_model, "coordinator-a", site_a, "coordinator")


@pytest.fixture
def editor_a(django_user_model, site_a):
    return _member(django_user_model, "editor-a", site_a, "editor")


@pytest.fixture
def volunteer_b(django_user_model, site_b):
    return _member(django_user_model, "volunteer-b", site_b, "volunteer")


@pytest.fixture
def make_household(db):
    """Return a function that records a household through the real service."""
    from intake.services import household_open

    def make(site, user, **values):
        base = {
            "filing_status": "head_of_household",
            "taxpayer_id_type": "itin",
            "taxpayer_age": 34,
            "wages": 18000,
            "nickname": "",
            "notes": "",
        }
        dependents = values.pop("dependents", [{"id_type": "ssn", "age": 4, "months_lived_with_filer": 12}])
        base.update(values)
        return household_open(site=site, user=user, values=base, dependents=dependents)

    return make
