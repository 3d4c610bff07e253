"""Helpers for tests that run the production stack: throwaway databases, manage.py and gunicorn
in subprocesses, and a small HTTP client that keeps cookies the way a browser behind TLS would."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
HOST = "clinic.example.org"


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")


def _admin_connect():
    import psycopg

    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def admin_sql(sql: str) -> None:
    with _admin_connect() as conn:
        conn.execute(sql)


def database_url(name: str) -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


@contextlib.contextmanager
def throwaway_database(prefix: str = "confianza_i15") -> Iterator[str]:
    """Create an empty PostgreSQL database on the CI server; drop it (and its connections) after."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin_sql(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        drop_database(name)


def drop_database(name: str) -> None:
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(tmp_path: Path, database: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CONFIANZA_", "DATABASE_URL"))}
    env.update(
        CONFIANZA_PROFILE="production",
        DJANGO_SETTINGS_MODULE="clinic.settings",
        DJANGO_SECRET_KEY="throwaway-" + uuid.uuid4().hex * 2,
        CONFIANZA_FIELD_KEYS=Fernet.generate_key().decode(),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url(database),
        CONFIANZA_VAR_DIR=str(tmp_path / "var"),
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - fixed interpreter, arguments from the tests
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False, timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn with deploy/gunicorn.conf.py on a loopback port; stopped by ``stop()`` or the context."""

    def __init__(self, env: dict[str, str], *, workers: int = 1, port: int | None = None, log: Path | None = None,
                 extra_args: list[str] | None = None):
        self.port = port or free_port()
        self.extra_args = list(extra_args or [])
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)}
        self.log_path = log or Path(env["CONFIANZA_VAR_DIR"]) / f"gunicorn-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Gunicorn:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(  # noqa: S603 - fixed interpreter and config
            [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
             *self.extra_args, "clinic.wsgi:application"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"gunicorn did not start:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def worker_pids(self) -> list[int]:
        out = subprocess.run(  # noqa: S603 - fixed tool
            ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True, check=False  # noqa: S607
        ).stdout
        return [int(pid) for pid in out.split()]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class Browser:
    """HTTP/1.1 to one server as the proxy would forward it (X-Forwarded-Proto: https), with cookies.

    ``port`` can change between requests: the same browser talks to another app server."""

    def __init__(self, port: int, *, language: str = "en", tls=None):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.language = language
        self.tls = tls  # an ssl.SSLContext: talk HTTPS to the reverse proxy instead

    def request(self, method: str, path: str, data: dict | list | None = None, *, headers: dict | None = None,
                port: int | None = None, timeout: float = 60):
        if self.tls is not None:
            conn = http.client.HTTPSConnection("127.0.0.1", port or self.port, timeout=timeout, context=self.tls)
            sent = {"Host": HOST, "Accept-Language": self.language}
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=timeout)
            sent = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Language": self.language}
        body = None
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://{HOST}"
            sent["Referer"] = f"https://{HOST}{path}"
        sent.update(headers or {})
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read()
        conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if "max-age=0" in value.lower() or cookie_value in ('""', ""):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
        response.content = content
        response.text = content.decode("utf-8", errors="replace")
        return response

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post(self, path: str, data: dict | list, **kw):
        return self.request("POST", path, data, **kw)

    def csrf(self, page_text: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page_text)
        assert match, "no CSRF token on the page"
        return match.group(1)

    def sign_in(self, username: str, password: str, totp_key_hex: str | None = None, *, port: int | None = None):
        """Sign in with a password, and a TOTP code computed here from the device's key."""
        page = self.get("/accounts/login/", port=port)
        response = self.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": self.csrf(page.text), "username": username, "password": password},
            port=port,
        )
        if totp_key_hex is None or response.status != 302:
            return response
        page = self.get("/accounts/two-factor/verify/", port=port)
        return self.post(
            "/accounts/two-factor/verify/",
            {"csrfmiddlewaretoken": self.csrf(page.text), "code": totp_now(totp_key_hex)},
            port=port,
        )


def totp_now(key_hex: str, *, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP, computed independently of the app (HMAC-SHA1, 30 s, 6 digits)."""
    import hashlib
    import hmac
    import struct

    counter = struct.pack(">Q", int(time.time()) // step)
    digest = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


def record_household(browser: Browser, *, port: int | None = None, **overrides) -> str:
    """Record a household as a volunteer does (consent, then the form); return its visit code."""
    from tests.intake.conftest import household_post

    page = browser.get("/intake/households/new/", port=port)
    assert page.status == 200, page.status
    consent = browser.post(
        "/intake/households/new/", {"csrfmiddlewaretoken": browser.csrf(page.text), "client_agreed": "on"}, port=port
    )
    assert consent.status == 302, consent.status
    location = consent.getheader("Location")
    token = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["consent"][0]
    form = browser.get(location, port=port)
    assert form.status == 200, form.status
    saved = browser.post(
        "/intake/households/new/details/",
        household_post(submission_token=token, csrfmiddlewaretoken=browser.csrf(form.text), **overrides),
        port=port,
    )
    assert saved.status == 302, (saved.status, saved.text[:2000])
    return saved.getheader("Location").rstrip("/").rsplit("/", 1)[-1]


def nginx_site(tmp_path: Path, *, https_port: int, http_port: int, upstream_port: int) -> Path:
    """Write a runnable copy of deploy/nginx/confianza.conf: own ports, a self-signed certificate,
    files under ``tmp_path``. Returns the main configuration file to pass to ``nginx -c``."""
    subprocess.run(  # noqa: S603 - fixed tool
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",  # noqa: S607
         "-subj", "/CN=clinic.example.org", "-keyout", str(tmp_path / "privkey.pem"),
         "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True,
    )
    site = (ROOT / "deploy" / "nginx" / "confianza.conf").read_text(encoding="utf-8")
    site = (
        site.replace("/etc/letsencrypt/live/clinic.example.org", str(tmp_path))
        .replace("/var/log/nginx", str(tmp_path))
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("127.0.0.1:8000", f"127.0.0.1:{upstream_port}")
    )
    site = "\n".join(line for line in site.splitlines() if "[::]" not in line)  # no IPv6 on the test host
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nworker_processes 1;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\n  client_body_temp_path {tmp_path}/body;\n  proxy_temp_path {tmp_path}/proxy;\n"
        f"  fastcgi_temp_path {tmp_path}/fastcgi;\n  uwsgi_temp_path {tmp_path}/uwsgi;\n"
        f"  scgi_temp_path {tmp_path}/scgi;\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    return main
