"""Every file the app writes is readable by its owner only (review finding 15)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from clinic.files import narrow, restrict_sqlite_files

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_demo_database_and_everything_in_var_are_owner_only(tmp_path):
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CONFIANZA_", "DATABASE_URL"))}
    env.update({"CONFIANZA_PROFILE": "demo", "CONFIANZA_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "clinic.settings"})
    # A permissive umask, as a shell might have: the app must not depend on it.
    code = "import os; os.umask(0o022); import runpy, sys; sys.argv = ['manage.py', 'migrate', '-v', '0']; runpy.run_path('manage.py', run_name='__main__')"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=300)  # noqa: S603 # fixed argv, our own manage.py
    written = [p for p in var.rglob("*")]
    assert var / "confianza.sqlite3" in written and var / "demo.env" in written
    for path in written:
        expected = 0o700 if path.is_dir() else 0o600
        assert _mode(path) & 0o077 == 0, f"{path.relative_to(tmp_path)} is {oct(_mode(path))}, expected {oct(expected)}"


def test_an_existing_world_readable_sqlite_file_is_narrowed_on_connect(tmp_path):
    db = tmp_path / "old.sqlite3"
    wal = tmp_path / "old.sqlite3-wal"
    for path in (db, wal):
        path.write_bytes(b"")
        path.chmod(0o644)

    class Connection:
        vendor = "sqlite"
        settings_dict = {"NAME": str(db)}

    restrict_sqlite_files(sender=None, connection=Connection())
    assert _mode(db) == 0o600 and _mode(wal) == 0o600


def test_narrow_never_widens(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"")
    path.chmod(0o400)
    narrow(path)
    assert _mode(path) == 0o400
    narrow(tmp_path / "missing")  # no error


def test_files_saved_through_django_storage_are_owner_only():
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o600
    assert settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o700
    current = os.umask(0)
    os.umask(current)
    assert current == 0o077
