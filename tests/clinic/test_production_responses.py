"""The production profile's hardening observed on real responses (not read back from settings).

A subprocess loads the production profile with throwaway secrets and an in-memory database, and
drives the app with Django's test client over "http" and "https": the redirect to https, the HSTS
header, and the ``__Host-`` cookies with ``Secure; HttpOnly; Path=/`` on a real sign-in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
HOST = "clinic.example.org"

SCRIPT = r"""
import json, django
from django.conf import settings
django.setup()
from django.db import connection
from django.test.utils import setup_test_environment
setup_test_environment()
# Production serves hashed static files from a collectstatic manifest; this throwaway run has none,
# so static URLs are plain (nothing else of the profile is changed).
from django.test.utils import override_settings
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
connection.creation.create_test_db(verbosity=0, autoclobber=True)
from django.contrib.auth import get_user_model
from django.test import Client
get_user_model().objects.create_user(username="prod-check", password="correct-horse-battery-staple")
out = {}
plain = Client(HTTP_HOST="%(host)s").get("/accounts/login/")
out["http"] = {"status": plain.status_code, "location": plain.get("Location", "")}
secure = Client(HTTP_HOST="%(host)s", enforce_csrf_checks=False)
page = secure.get("/accounts/login/", secure=True)
out["https"] = {"status": page.status_code, "hsts": page.get("Strict-Transport-Security", ""),
                "cookies": {k: dict(v.items()) | {"_value": bool(v.value)} for k, v in page.cookies.items()}}
signed = secure.post("/accounts/login/", {"username": "prod-check", "password": "correct-horse-battery-staple"}, secure=True)
out["login"] = {"status": signed.status_code, "location": signed.get("Location", ""),
                "set_cookie": [c.output(header="") for c in signed.cookies.values()]}
print(json.dumps(out))
"""


def _run() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CONFIANZA_", "DATABASE_URL"))}
    env.update(
        CONFIANZA_PROFILE="production",
        DJANGO_SETTINGS_MODULE="clinic.settings",
        DJANGO_SECRET_KEY="throwaway-" + os.urandom(32).hex(),
        CONFIANZA_FIELD_KEYS=Fernet.generate_key().decode(),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL="sqlite://:memory:",
        CONFIANZA_VAR_DIR=str(ROOT / "var" / "test-production-responses"),
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", SCRIPT % {"host": HOST}], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_to_https_sends_hsts_and_sets_only_host_prefixed_secure_cookies():
    out = _run()
    # Plain http is sent to https, permanently.
    assert out["http"]["status"] == 301
    assert out["http"]["location"] == f"https://{HOST}/accounts/login/"
    # Over https: HSTS for a year with subdomains.
    assert out["https"]["status"] == 200
    hsts = out["https"]["hsts"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    csrf = out["https"]["cookies"]["__Host-csrftoken"]
    assert csrf["secure"] is True and csrf["path"] == "/" and not csrf["domain"]
    # A real sign-in sets the session cookie: __Host-, Secure, HttpOnly, Path=/, no Domain.
    assert out["login"]["status"] == 302  # on to the second factor
    session = next(c for c in out["login"]["set_cookie"] if c.strip().startswith("__Host-sessionid="))
    attributes = {part.strip().split("=")[0].lower() for part in session.split(";")[1:]}
    assert {"secure", "httponly", "path"} <= attributes and "domain" not in attributes
    assert "Path=/" in session and "SameSite=Lax" in session
