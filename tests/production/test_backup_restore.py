"""Backups: encrypted with age, rotated inside retention; the restore drill as a test."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from cryptography.fernet import Fernet

from clinic.backups import PREFIX, STAMP, SUFFIX, list_backups, rotate_backups
from tests.production import scripts
from tests.production.support import drop_database, manage, production_env, throwaway_database

needs_age = pytest.mark.skipif(
    shutil.which("age") is None or shutil.which("pg_dump") is None, reason="age and pg_dump are needed"
)


def _keypair(tmp_path):
    identity = tmp_path / "identity.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)  # noqa: S603, S607
    recipients = tmp_path / "recipients.txt"
    public = subprocess.run(  # noqa: S603
        ["age-keygen", "-y", str(identity)], check=True, capture_output=True, text=True  # noqa: S607
    ).stdout
    recipients.write_text(public)
    return identity, recipients


def test_rotation_deletes_backups_past_the_keep_days_but_never_the_newest(tmp_path):
    now = dt.datetime(2027, 3, 1, 4, 0, tzinfo=dt.UTC)
    for days in (0, 1, 13, 14, 15, 40):
        (tmp_path / f"{PREFIX}{now - dt.timedelta(days=days, minutes=1):{STAMP}}{SUFFIX}").write_bytes(b"x")
    (tmp_path / "unrelated.txt").write_text("kept")
    removed = rotate_backups(directory=tmp_path, keep_days=14, now=now)
    assert len(removed) == 3  # 14 days and a minute, 15 and 40 days old
    assert len(list_backups(tmp_path)) == 3 and (tmp_path / "unrelated.txt").exists()
    # A lone backup, however old, is kept: a broken timer must not leave no backup at all.
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / f"{PREFIX}{now - dt.timedelta(days=90):{STAMP}}{SUFFIX}").write_bytes(b"x")
    assert rotate_backups(directory=lone, keep_days=14, now=now) == []


def test_backups_may_not_outlive_retention(tmp_path):
    env = production_env(tmp_path, "unused", CONFIANZA_RETENTION_DAYS="7", CONFIANZA_BACKUP_KEEP_DAYS="8")
    result = manage(env, "check", check=False)
    assert result.returncode != 0 and "CONFIANZA_BACKUP_KEEP_DAYS" in result.stderr


@pytest.mark.postgres
@needs_age
def test_restore_drill_back_up_drop_restore_read_every_household(tmp_path):
    identity, recipients = _keypair(tmp_path)
    backups = tmp_path / "backups"
    with throwaway_database() as source:
        env = production_env(
            tmp_path, source, CONFIANZA_BACKUP_DIR=str(backups), CONFIANZA_BACKUP_RECIPIENTS_FILE=str(recipients)
        )
        manage(env, "migrate", "-v", "0")
        manage(env, "shell", "-c", scripts.SEED)
        before = scripts.households(manage(env, "shell", "-c", scripts.READ).stdout)
        assert len(before) == 5 and before[0][1].startswith("Drill family")
        out = manage(env, "backup_database").stdout
        assert "Backed up to" in out and "within 15 days" in out
        (backup,) = list_backups(backups)
        assert oct(backup.path.stat().st_mode & 0o777) == "0o600"
        raw = backup.path.read_bytes()
        assert raw.startswith(b"age-encryption.org/v1")
        for plain in (b"PGDMP", b"Drill family", b"Drill Test Clinic", b"drill-volunteer"):
            assert plain not in raw
        drop_database(source)

    with throwaway_database() as restored:
        manage(env, "restore_database", str(backup.path), "--identity", str(identity),
               "--into", env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{restored}")
        env_restored = {**env, "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{restored}"}
        assert manage(env_restored, "migrate", "--check", check=False).returncode == 0
        assert scripts.households(manage(env_restored, "shell", "-c", scripts.READ).stdout) == before

        # Without the field keys it fails closed: an error, never ciphertext or an empty value.
        other_keys = {**env_restored, "CONFIANZA_FIELD_KEYS": Fernet.generate_key().decode()}
        failed = manage(other_keys, "shell", "-c", scripts.READ, check=False)
        assert failed.returncode != 0 and "DecryptionError" in failed.stderr
        assert "HOUSEHOLDS" not in failed.stdout and "Drill family" not in failed.stdout + failed.stderr


@pytest.mark.postgres
@needs_age
def test_a_backup_cannot_be_restored_without_the_offline_identity(tmp_path):
    _identity, recipients = _keypair(tmp_path)
    other_identity, _ = _keypair(tmp_path / "other" if (tmp_path / "other").mkdir() is None else tmp_path)
    with throwaway_database() as source:
        env = production_env(tmp_path, source, CONFIANZA_BACKUP_DIR=str(tmp_path / "b"),
                             CONFIANZA_BACKUP_RECIPIENTS_FILE=str(recipients))
        manage(env, "migrate", "-v", "0")
        manage(env, "backup_database")
        (backup,) = list_backups(tmp_path / "b")
        with throwaway_database() as target:
            result = manage(env, "restore_database", str(backup.path), "--identity", str(other_identity),
                            "--into", env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{target}", check=False)
    assert result.returncode != 0 and "could not be decrypted" in result.stderr


@pytest.mark.postgres
@needs_age
def test_a_backup_without_recipients_is_refused_and_leaves_nothing(tmp_path):
    with throwaway_database() as source:
        env = production_env(tmp_path, source, CONFIANZA_BACKUP_DIR=str(tmp_path / "b"))
        result = manage(env, "backup_database", check=False)
    assert result.returncode != 0 and "CONFIANZA_BACKUP_RECIPIENTS_FILE" in result.stderr
    assert not (tmp_path / "b").exists() or list((tmp_path / "b").iterdir()) == []
