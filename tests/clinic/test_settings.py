"""The settings module fails loudly instead of guessing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIELD_KEY = "dGVzdC1vbmx5LWZpZWxkLWtleS0wMDAwMDAwMDAwMDA="


def _load(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CONFIANZA_", "DATABASE_URL"))}
    clean.update(env)
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", "import clinic.settings as s; print(s.PROFILE, s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_is_the_default_and_refuses_to_start_without_secrets():
    result = _load({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required in the production profile" in result.stderr


def test_production_needs_allowed_hosts():
    result = _load({"DJANGO_SECRET_KEY": "x" * 50, "CONFIANZA_FIELD_KEYS": FIELD_KEY})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is required" in result.stderr


def test_production_starts_with_its_secrets():
    result = _load(
        {"DJANGO_SECRET_KEY": "x" * 50, "CONFIANZA_FIELD_KEYS": FIELD_KEY, "DJANGO_ALLOWED_HOSTS": "clinic.example.org"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "production"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CONFIANZA_PROFILE": "staging"}, "CONFIANZA_PROFILE must be one of"),
        ({"CONFIANZA_PROFILE": "test", "DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be true or false"),
        ({"CONFIANZA_PROFILE": "test", "CONFIANZA_RETENTION_DAYS": "thirty"}, "must be a whole number"),
        ({"CONFIANZA_PROFILE": "test", "CONFIANZA_RETENTION_DAYS": "0"}, "must be at least 1"),
        ({"CONFIANZA_PROFILE": "test", "DATABASE_URL": "mysql://root@localhost/x"}, "SQLite or PostgreSQL"),
    ],
)
def test_bad_values_fail_loudly(env, message):
    result = _load(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_postgresql_url_selects_postgresql():
    result = _load({"CONFIANZA_PROFILE": "test", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"})
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def test_the_demo_profile_creates_its_own_random_secrets(tmp_path):
    first = _load({"CONFIANZA_PROFILE": "demo", "CONFIANZA_VAR_DIR": str(tmp_path)})
    assert first.returncode == 0, first.stderr
    secrets_file = tmp_path / "demo.env"
    content = secrets_file.read_text()
    assert "DJANGO_SECRET_KEY=" in content and "CONFIANZA_FIELD_KEYS=" in content
    assert oct(secrets_file.stat().st_mode & 0o777) == "0o600"
    _load({"CONFIANZA_PROFILE": "demo", "CONFIANZA_VAR_DIR": str(tmp_path)})
    assert secrets_file.read_text() == content
