from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from clinic.models import Membership, Site


def _run(**options) -> str:
    out = io.StringIO()
    call_command("demo_setup", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_it_creates_the_demo_site_and_prints_random_logins_once(settings):
    settings.DEMO = True
    first = _run()
    logins = dict(re.findall(r"user: (\S+)\s+password: (\S+)", first))
    assert set(logins) == {"demo-volunteer", "demo-coordinator", "demo-editor"}
    assert authenticate(username="demo-volunteer", password=logins["demo-volunteer"]) is not None
    assert len(set(logins.values())) == 3
    assert Site.objects.get(slug="demo").memberships.count() == 3

    second = _run()
    assert "password:" not in second
    assert Site.objects.filter(slug="demo").count() == 1
    assert Membership.objects.count() == 3


@pytest.mark.django_db
def test_new_passwords_replace_the_old_ones(settings):
    settings.DEMO = True
    old = dict(re.findall(r"user: (\S+)\s+password: (\S+)", _run()))
    new = dict(re.findall(r"user: (\S+)\s+password: (\S+)", _run(new_passwords=True)))
    assert old["demo-volunteer"] != new["demo-volunteer"]
    assert authenticate(username="demo-volunteer", password=old["demo-volunteer"]) is None


@pytest.mark.django_db
def test_it_refuses_to_run_outside_the_demo_profile(settings):
    settings.DEMO = False
    with pytest.raises(CommandError):
        _run()


@pytest.mark.django_db
def test_the_demo_site_gets_synthetic_households_once(settings):
    settings.DEMO = True
    _run()
    site = Site.objects.get(slug="demo")
    count = site.households.count()
    assert count > 0
    _run()
    assert site.households.count() == count
