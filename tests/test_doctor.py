"""manage.py doctor: one line per check, a fix for each failure, non-zero exit when one fails."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from clinic import clock, crypto, doctor
from clinic.backups import PREFIX, STAMP, SUFFIX
from counseling.doctor import check_content

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _content_in_date():
    """Run on a day when every shipped handout is before its review-by date (the real calendar moves)."""
    from counseling.loader import read_handouts

    day = min(h.review_by for h in read_handouts()) - dt.timedelta(days=1)
    with mock.patch("clinic.clock.today", return_value=day):
        yield


def _doctor(*skip: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("doctor", *[f"--skip={s}" for s in skip], stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def _line(output: str, label: str) -> str:
    return next(line for line in output.splitlines() if f" {label}:" in line or line.endswith(f" {label}"))


def _backup(directory, taken: dt.datetime):
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{PREFIX}{taken:{STAMP}}{SUFFIX}"
    path.write_bytes(b"age-encryption.org/v1 stand-in")
    return path


def test_every_check_passes_on_a_healthy_deployment(settings, tmp_path, site_a, volunteer_a, make_household):
    settings.BACKUP_DIR = tmp_path / "backups"
    make_household(site_a, volunteer_a, nickname="Doctor canary")
    call_command("purge_expired", stdout=io.StringIO())
    _backup(settings.BACKUP_DIR, dt.datetime.now(dt.UTC) - dt.timedelta(hours=3))
    with mock.patch.object(doctor.REGISTRY["deploy"], "function", return_value=doctor.Result(True, "clean")):
        code, output = _doctor()
    assert code == 0, output
    assert _line(output, "field keys").startswith("OK") and "decrypt a stored value" in output
    assert output.strip().endswith("All checks passed.")
    assert len(output.strip().splitlines()) == len(doctor.REGISTRY) + 1


def test_check_deploy_fails_outside_the_production_profile():
    code, output = _doctor("backups", "purge")
    assert code == 1
    assert _line(output, "deploy checks").startswith("FAIL") and "security.W" in output


def test_wrong_keys_fail_with_a_fix(settings, site_a, volunteer_a, make_household):
    make_household(site_a, volunteer_a, nickname="Encrypted canary")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    crypto._fernet_for.cache_clear()
    result = doctor.check_keys()
    assert not result.ok and "does not decrypt" in result.detail and "CONFIANZA_FIELD_KEYS" in result.fix


def test_the_purge_must_have_run_in_the_last_26_hours():
    assert doctor.check_purge().fix.startswith("enable deploy/confianza-purge.timer")
    call_command("purge_expired", stdout=io.StringIO())
    assert doctor.check_purge().ok
    later = clock.now() + dt.timedelta(hours=27)
    with mock.patch("clinic.clock.now", return_value=later):
        result = doctor.check_purge()
    assert not result.ok and "journalctl" in result.fix


def test_a_dry_run_purge_does_not_count_as_a_run():
    call_command("purge_expired", "--dry-run", stdout=io.StringIO())
    assert not doctor.check_purge().ok


def test_content_not_loaded_or_behind_or_stale_fails():
    from counseling.models import HandoutVersion

    assert check_content().ok
    version = HandoutVersion.objects.filter(language="es").order_by("-version").first()
    HandoutVersion.objects.filter(pk=version.pk).update(title="An older title")
    result = check_content()
    assert not result.ok and result.fix == "run: manage.py load_content" and "older than" in result.detail
    HandoutVersion.objects.filter(topic=version.topic, language="es").delete()
    assert check_content().fix == "run: manage.py load_content"


def test_content_past_its_review_date_fails():
    with mock.patch("clinic.clock.today", return_value=dt.date(2099, 1, 1)):
        result = check_content()
    assert not result.ok and "review-by" in result.detail


def test_backups_missing_old_or_past_the_window_fail(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_KEEP_DAYS = 14
    assert "no backup" in doctor.check_backups().detail
    now = dt.datetime.now(dt.UTC)
    _backup(settings.BACKUP_DIR, now - dt.timedelta(hours=30))
    assert "newest backup" in doctor.check_backups().detail
    _backup(settings.BACKUP_DIR, now - dt.timedelta(hours=1))
    assert doctor.check_backups().ok
    _backup(settings.BACKUP_DIR, now - dt.timedelta(days=16))
    result = doctor.check_backups()
    assert not result.ok and "past 14 days" in result.detail


def test_static_files_must_be_collected_in_production(settings, tmp_path):
    settings.PROFILE = "production"
    settings.STATIC_ROOT = tmp_path
    result = doctor.check_static()
    assert not result.ok and result.fix == "run: manage.py collectstatic --noinput"
    (tmp_path / "staticfiles.json").write_text('{"paths": {"a.css": "a.123.css"}}')
    assert "1 collected file(s) missing" in doctor.check_static().detail
    (tmp_path / "a.123.css").write_text("body{}")
    assert doctor.check_static().ok


def test_a_database_that_cannot_be_reached_fails_and_the_checks_that_need_it_are_not_run():
    from django.db import OperationalError, connections

    with mock.patch.object(type(connections["default"]), "ensure_connection", side_effect=OperationalError("no")):
        code, output = _doctor("deploy", "backups")
    assert code == 1
    assert _line(output, "database").startswith("FAIL") and "DATABASE_URL" in output
    assert "FAIL  migrations: not checked" in output and "FAIL  field keys: not checked" in output
