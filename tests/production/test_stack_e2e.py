"""The production stack end to end, as CI runs it: nginx (TLS, deploy/nginx/confianza.conf) in front
of gunicorn (deploy/gunicorn.conf.py, production profile) on PostgreSQL, static files collected.
A coordinator signs in with a TOTP code computed here, records a household, prints a handout and the
client summary; the security headers are checked on the real responses."""

from __future__ import annotations

import re
import shutil
import signal
import ssl
import subprocess
import time

import pytest

from tests.production import scripts
from tests.production.support import Browser, Gunicorn, free_port, nginx_site, record_household

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def proxied(stack, tmp_path_factory):
    """gunicorn behind nginx with TLS; yields (https port, http port, gunicorn, nginx dir)."""
    if shutil.which("nginx") is None:
        pytest.fail("nginx is not installed: make system-deps-test installs it")
    with Gunicorn({**stack.env, "CONFIANZA_PROXY_COUNT": "1"}, workers=2) as server:
        tmp = tmp_path_factory.mktemp("nginx")
        https_port, http_port = free_port(), free_port()
        main = nginx_site(tmp, https_port=https_port, http_port=http_port, upstream_port=server.port)
        nginx = subprocess.Popen(  # noqa: S603 - fixed tool
            ["nginx", "-c", str(main), "-g", "daemon off; user root;"],  # noqa: S607
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 20
            while not (tmp / "nginx.pid").exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert nginx.poll() is None, nginx.stderr.read()
            yield https_port, http_port, server, tmp
        finally:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(timeout=20)
            except subprocess.TimeoutExpired:
                nginx.kill()


def _tls(tmp) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(tmp / "fullchain.pem"))
    context.check_hostname = False  # the test certificate names clinic.example.org; we dial 127.0.0.1
    return context


SECURITY_HEADERS = {
    "Strict-Transport-Security": re.compile(r"^max-age=31536000; includeSubDomains$"),
    # Directive order is not fixed: each one is looked for on its own.
    "Content-Security-Policy": re.compile(
        r"^(?=.*default-src 'self')(?=.*script-src 'self')(?=.*object-src 'none')(?=.*frame-ancestors 'none')"
    ),
    "X-Frame-Options": re.compile(r"^DENY$"),
    "X-Content-Type-Options": re.compile(r"^nosniff$"),
    "Referrer-Policy": re.compile(r"^same-origin$"),
    "Cross-Origin-Opener-Policy": re.compile(r"^same-origin$"),
    "Permissions-Policy": re.compile(r"camera=\(\).*geolocation=\(\)"),
    "Cache-Control": re.compile(r"no-store"),
}


def _check_headers(response, where: str) -> None:
    for name, pattern in SECURITY_HEADERS.items():
        value = response.getheader(name) or ""
        assert pattern.search(value), f"{where}: {name}: {value!r}"
    assert "nginx/" not in (response.getheader("Server") or ""), "nginx shows its version"


def test_a_coordinator_s_day_on_the_production_stack(stack, proxied):
    https_port, http_port, server, tmp = proxied
    browser = Browser(https_port, tls=_tls(tmp))

    # Plain HTTP is redirected to HTTPS by the proxy.
    import http.client

    plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
    plain.request("GET", "/intake/", headers={"Host": "clinic.example.org"})
    redirect = plain.getresponse()
    assert redirect.status == 301 and redirect.getheader("Location") == "https://clinic.example.org/intake/"

    login = browser.get("/accounts/login/")
    assert login.status == 200
    _check_headers(login, "login page")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', login.text).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), "static files are not the collected, hashed ones"
    static = browser.get(stylesheet)
    assert static.status == 200 and "max-age=315360000" in (static.getheader("Cache-Control") or "")

    signed_in = browser.sign_in("coordinator-e2e", scripts.PASSWORD, stack.totp_keys["coordinator-e2e"])
    assert signed_in.status == 302, signed_in.text[:500]
    cookies = [v for k, v in signed_in.getheaders() if k.lower() == "set-cookie"]
    session_cookie = next(c for c in cookies if c.startswith("__Host-sessionid="))
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in session_cookie, session_cookie

    desk = browser.get("/intake/")
    assert desk.status == 200
    _check_headers(desk, "household list")

    code = record_household(browser, nickname="End to end family")
    results = browser.get(f"/intake/households/{code}/")
    assert results.status == 200 and "End to end family" in results.text
    _check_headers(results, "results")

    handout = browser.get("/counseling/handouts/federal-credits/es.pdf")
    assert handout.status == 200 and handout.getheader("Content-Type") == "application/pdf"
    assert handout.content.startswith(b"%PDF")
    assert handout.getheader("Strict-Transport-Security")

    form = browser.get(f"/counseling/households/{code}/summary/")
    assert form.status == 200
    summary = browser.post(
        f"/counseling/households/{code}/summary/", {"csrfmiddlewaretoken": browser.csrf(form.text), "language": "es"}
    )
    assert summary.status == 200 and summary.content.startswith(b"%PDF")
    assert (summary.getheader("Content-Disposition") or "").startswith("inline;")  # opens in the browser
    assert "no-store" in (summary.getheader("Cache-Control") or "")
    _check_headers(summary, "client summary")

    # Health through the proxy; not logged per request by nginx or gunicorn.
    assert browser.get("/healthz").content == b"ok\n"
    time.sleep(0.5)
    proxy_log = (tmp / "confianza.log").read_text()
    assert "/intake/" in proxy_log and "/healthz" not in proxy_log
    assert "?" not in proxy_log  # no query strings (the consent step had one)
    assert '"GET /intake/' in server.log() and "/healthz" not in server.log()


def test_doctor_passes_on_the_production_deployment_and_says_what_is_missing(stack, proxied):
    from tests.production.support import manage

    before = manage(stack.env, "doctor", "--skip", "backups", check=False)
    if "never ran" in before.stdout:
        assert before.returncode == 1 and "FAIL  nightly purge: never ran" in before.stdout
    manage(stack.env, "purge_expired")
    after = manage(stack.env, "doctor", "--skip", "backups", check=False)
    lines = ["OK    database", "OK    migrations", "OK    field keys", "OK    static files", "OK    nightly purge",
             "SKIP  backups", "OK    deploy checks"]
    for line in lines:
        assert line in after.stdout, after.stdout
    # The shipped handouts carry review-by dates and the calendar moves on: past one, the doctor
    # must say so (and only that); before, everything passes.
    failures = [line for line in after.stdout.splitlines() if line.startswith("FAIL")]
    if failures:
        assert after.returncode == 1 and len(failures) == 1, after.stdout
        assert failures[0].startswith("FAIL  handout content:") and "past their review-by date" in failures[0]
    else:
        assert after.returncode == 0 and "OK    handout content" in after.stdout and "All checks passed." in after.stdout
