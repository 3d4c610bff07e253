"""The production profile: deploy checks pass, and the hardening is on (loaded in a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _env(profile: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CONFIANZA_", "DATABASE_URL"))}
    env.update(
        CONFIANZA_PROFILE=profile,
        DJANGO_SECRET_KEY="throwaway-" + os.urandom(32).hex(),
        CONFIANZA_FIELD_KEYS=Fernet.generate_key().decode(),
        DJANGO_ALLOWED_HOSTS="clinic.example.org",
        CONFIANZA_VAR_DIR=str(ROOT / "var" / "test-production-settings"),
    )
    return env


def _settings(profile: str) -> dict:
    names = [
        "REQUIRE_2FA", "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT", "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "DEBUG",
        "ADMINS", "PASSWORD_HASHERS",
    ]
    code = (
        "import json; from django.conf import settings as s; import django; django.setup(); "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    env = _env(profile)
    env["DJANGO_SETTINGS_MODULE"] = "clinic.settings"
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_under_the_production_profile():
    # What `make check-deploy` runs, with throwaway secrets.
    result = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_env("production"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_hardening_is_on():
    s = _settings("production")
    assert s["REQUIRE_2FA"] is True
    assert s["SESSION_COOKIE_NAME"].startswith("__Host-") and s["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SESSION_COOKIE_HTTPONLY"]
    assert s["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert s["SECURE_HSTS_SECONDS"] >= 31536000 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["X_FRAME_OPTIONS"] == "DENY" and s["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert s["SECURE_REFERRER_POLICY"] == "same-origin"
    assert s["DEBUG"] is False and s["ADMINS"] == []
    assert s["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_the_demo_may_skip_two_factor():
    assert _settings("demo")["REQUIRE_2FA"] is False


def test_production_keeps_database_connections_by_default_and_checks_them():
    """The measured choice (docs/benchmarks.md, "Connections"): persistent connections in
    production, health-checked before reuse; a connection per request elsewhere."""
    code = (
        "import json; from django.conf import settings as s; import django; django.setup(); "
        "d = s.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    seen = {}
    for profile in ("production", "test"):
        env = _env(profile)
        env["DJANGO_SETTINGS_MODULE"] = "clinic.settings"
        result = subprocess.run(  # noqa: S603 - fixed interpreter and code
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        seen[profile] = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"production": [600, True], "test": [0, True]}
