"""Secrets from files (``*_FILE`` or a systemd credential), so keys need not sit in an environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
CODE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'secret': s.SECRET_KEY, 'keys': s.FIELD_ENCRYPTION_KEYS}))"
)


def _run(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CONFIANZA_", "DATABASE_URL"))}
    env.pop("CREDENTIALS_DIRECTORY", None)
    env.update(
        CONFIANZA_PROFILE="production",
        DJANGO_SETTINGS_MODULE="clinic.settings",
        DJANGO_ALLOWED_HOSTS="clinic.example.org",
        CONFIANZA_VAR_DIR=str(tmp_path / "var"),
    )
    env.update(extra)
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def _secret_file(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_both_secrets_load_from_mode_600_files(tmp_path):
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    secret = "file-secret-" + os.urandom(24).hex()
    result = _run(
        tmp_path,
        DJANGO_SECRET_KEY_FILE=str(_secret_file(tmp_path / "secret_key", secret + "\n")),
        CONFIANZA_FIELD_KEYS_FILE=str(_secret_file(tmp_path / "field_keys", f"{new}\n{old}\n")),
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == {"secret": secret, "keys": [new, old]}


def test_systemd_credentials_are_read_from_the_credentials_directory(tmp_path):
    creds = tmp_path / "creds"
    creds.mkdir()
    key = Fernet.generate_key().decode()
    _secret_file(creds / "DJANGO_SECRET_KEY", "cred-secret-" + "x" * 50, 0o400)
    _secret_file(creds / "CONFIANZA_FIELD_KEYS", key, 0o400)
    result = _run(tmp_path, CREDENTIALS_DIRECTORY=str(creds))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["keys"] == [key]


def test_a_file_other_users_can_read_is_refused(tmp_path):
    result = _run(
        tmp_path,
        DJANGO_SECRET_KEY_FILE=str(_secret_file(tmp_path / "secret_key", "s" * 60, 0o644)),
        CONFIANZA_FIELD_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode != 0
    assert "chmod 600" in result.stderr and "s" * 60 not in result.stderr


def test_a_missing_file_says_which_one(tmp_path):
    result = _run(
        tmp_path,
        DJANGO_SECRET_KEY_FILE=str(tmp_path / "nowhere"),
        CONFIANZA_FIELD_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY_FILE" in result.stderr and "cannot be read" in result.stderr


def test_an_empty_file_is_refused(tmp_path):
    result = _run(
        tmp_path,
        DJANGO_SECRET_KEY="s" * 60,
        CONFIANZA_FIELD_KEYS_FILE=str(_secret_file(tmp_path / "keys", "\n")),
    )
    assert result.returncode != 0 and "is empty" in result.stderr


def test_a_secret_in_both_the_environment_and_a_file_is_refused(tmp_path):
    result = _run(
        tmp_path,
        DJANGO_SECRET_KEY="s" * 60,
        DJANGO_SECRET_KEY_FILE=str(_secret_file(tmp_path / "secret_key", "t" * 60)),
        CONFIANZA_FIELD_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode != 0 and "both in the environment and in a file" in result.stderr
