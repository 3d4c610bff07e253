"""CPU per request, in process: the pages mix of bench/load.py through the production stack, no wrk.

Run: .venv/bin/python bench/profile_pages.py [--rounds 5] [--passes 8] [--profile] [--top 30]
     [--pdfs 16] [--day 6] [--only LABEL]

Why: bench/load.py measures the real server with wrk, but on a shared 2-core machine its
wall-clock figures move with the neighbours' load. The server is CPU-bound, so what a change buys
is CPU time per request, and that can be measured in one process whatever the load (a busy
machine stretches wall time; it changes process CPU time much less).

What it does, bounded and stopping by itself:

1. A throwaway PostgreSQL database on DATABASE_URL's server (default 127.0.0.1:5432), dropped at
   the end; this process then loads Django with the **production profile** (throwaway secrets,
   ``DB_CONN_MAX_AGE=600`` as the load test uses), migrates, loads the content, collects the static
   files, and seeds exactly what bench/load.py seeds (bench/mix.py): one site, 200 synthetic
   households, 8 volunteers with TOTP devices.
2. Every volunteer signs in through the WSGI application (argon2 password, then a TOTP code
   computed here), so each request carries a real session and CSRF cookie.
3. The pages mix of bench/load.py (bench/mix.py ``page_paths``: list, a household's results, the
   consent form, the screening form, a cached handout PDF, /healthz; round-robin over the 8
   sessions) is served by calling ``clinic.wsgi.application`` directly with the headers wrk sends
   (Host, X-Forwarded-Proto: https, Cookie): every middleware, the session save, the audit write,
   the template render. Not included: gunicorn's HTTP parsing and access log, and PostgreSQL's own
   CPU (another process, as in load.py's "server CPU").
4. Reports, per URL, the process CPU time per request (``time.process_time``; the median over
   ``--rounds`` rounds of each round's mean) and the queries per request; the machine's load
   average is printed with every round. ``--profile`` adds a cProfile of the whole mix (or of one
   URL with ``--only``), hottest functions first.
5. ``--pdfs N``: N client summaries rendered on demand (POST, one family each, never cached), CPU
   and wall time per render, p50/p95, renders per second of one worker.
6. ``--day N``: N households end to end as bench/load.py's "day" does them (list, record with
   consent, results, handout, summary, screening), CPU per step; the day's handouts are in the
   cache first, as on a server that has been running.

Nothing here writes docs/benchmarks.md: the figures are recorded by hand with the load average
at the time ("Page cost, in process").
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.mix import (  # noqa: E402
    CODES,
    HOUSEHOLDS,
    HOUSEHOLDS_SEED,
    PAGE_LABELS,
    PASSWORD,
    SEED,
    TOPICS,
    VOLUNTEERS,
    page_paths,
    summary_path,
)

HOST = "clinic.example.org"
ADMIN_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def _production_environment(tmp: Path, database: str) -> None:
    """The environment bench/load.py gives gunicorn (tests.production.support.production_env)."""
    from cryptography.fernet import Fernet

    for key in [k for k in os.environ if k.startswith(("DJANGO_", "CONFIANZA_"))]:
        del os.environ[key]
    parts = urllib.parse.urlsplit(ADMIN_URL)
    os.environ.update(
        CONFIANZA_PROFILE="production",
        DJANGO_SETTINGS_MODULE="clinic.settings",
        DJANGO_SECRET_KEY="throwaway-" + uuid.uuid4().hex * 2,
        CONFIANZA_FIELD_KEYS=Fernet.generate_key().decode(),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=urllib.parse.urlunsplit(parts._replace(path=f"/{database}")),
        CONFIANZA_VAR_DIR=str(tmp / "var"),
        DB_CONN_MAX_AGE="600",
    )


class Response:
    def __init__(self, status: int, headers: list[tuple[str, str]], content: bytes):
        self.status = status
        self.headers = headers
        self.content = content
        self.text = content.decode("utf-8", errors="replace")

    def getheader(self, name: str, default=None):
        for header, value in self.headers:
            if header.lower() == name.lower():
                return value
        return default


def make_browser_class():
    from tests.production.support import Browser

    class WSGIBrowser(Browser):
        """tests.production.support.Browser, but calling the WSGI application in this process.

        ``wrk_headers=True`` sends only what bench/load.py's wrk sends (no Accept-Language)."""

        def __init__(self, app, *, wrk_headers: bool = False):
            super().__init__(port=0)
            self.app = app
            self.wrk_headers = wrk_headers

        def request(self, method, path, data=None, *, headers=None, port=None, timeout=60):
            path_part, _, query = path.partition("?")
            body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else b""
            environ = {
                "REQUEST_METHOD": method,
                "SCRIPT_NAME": "",
                "PATH_INFO": urllib.parse.unquote(path_part, "latin-1"),
                "QUERY_STRING": query,
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "8000",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "REMOTE_ADDR": "127.0.0.1",
                "HTTP_HOST": HOST,
                "HTTP_X_FORWARDED_PROTO": "https",
                "wsgi.version": (1, 0),
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(body),
                "wsgi.errors": sys.stderr,
                "wsgi.multithread": False,
                "wsgi.multiprocess": True,
                "wsgi.run_once": False,
            }
            if not self.wrk_headers:
                environ["HTTP_ACCEPT_LANGUAGE"] = self.language
            if self.cookies:
                environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if data is not None:
                environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
                environ["CONTENT_LENGTH"] = str(len(body))
                environ["HTTP_ORIGIN"] = f"https://{HOST}"
                environ["HTTP_REFERER"] = f"https://{HOST}{path}"
            for name, value in (headers or {}).items():
                environ["HTTP_" + name.upper().replace("-", "_")] = value
            started = {}

            def start_response(status, response_headers, exc_info=None):
                started["status"] = int(status.split()[0])
                started["headers"] = response_headers

            result = self.app(environ, start_response)
            try:
                content = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
            response = Response(started["status"], started["headers"], content)
            for header, value in response.headers:
                if header.lower() == "set-cookie":
                    name, _, rest = value.strip().partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    if "max-age=0" in value.lower() or cookie_value in ('""', ""):
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = cookie_value
            return response

    return WSGIBrowser


class QueryCounter:
    """Counts the queries; with ``show``, prints each one's SQL (never its parameters: synthetic
    data, but a habit worth keeping)."""

    def __init__(self):
        self.count = 0
        self.show = False

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        if self.show:
            print(f"    {sql[:300]}")
        return execute(sql, params, many, context)


def quantile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the mix (default 5)")
    parser.add_argument("--passes", type=int, default=8, help="passes over the 48-request mix per round (default 8)")
    parser.add_argument("--profile", action="store_true", help="cProfile the mix after the timed rounds")
    parser.add_argument("--only", choices=PAGE_LABELS, help="profile one URL of the mix only")
    parser.add_argument("--top", type=int, default=30, help="functions listed by the profile (default 30)")
    parser.add_argument("--profile-out", type=Path, help="also save the profile's raw statistics here (pstats)")
    parser.add_argument("--queries", action="store_true", help="print each URL's SQL once, and the day's record step (no parameters)")
    parser.add_argument("--pdfs", type=int, default=0, help="client summaries to render (default 0)")
    parser.add_argument("--profile-pdfs", action="store_true", help="cProfile the client summaries")
    parser.add_argument("--day", type=int, default=0, help="households end to end (default 0)")
    parser.add_argument("--profile-day", action="store_true", help="cProfile the day's households")
    args = parser.parse_args()
    if args.rounds > 50 or args.passes > 100 or args.pdfs > 200 or args.day > 200:
        parser.error("bounded: at most 50 rounds, 100 passes, 200 PDFs, 200 households")

    tmp = Path(tempfile.mkdtemp(prefix="confianza-profile-"))
    database = f"confianza_profile_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE DATABASE "{database}"')
    try:
        _production_environment(tmp, database)
        return run(args)
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


def seed() -> tuple[dict[str, str], list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(SEED % {"volunteers": VOLUNTEERS}, {})  # noqa: S102 - our own seed code (bench/mix.py)
        exec(HOUSEHOLDS_SEED % {"count": HOUSEHOLDS}, {})  # noqa: S102
        exec(CODES, {})  # noqa: S102
    lines = out.getvalue().splitlines()
    keys = json.loads(next(line for line in lines if line.startswith("PEOPLE ")).removeprefix("PEOPLE "))
    codes = next(line for line in lines if line.startswith("CODES ")).split()[1:]
    return keys, codes


def run(args) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    assert settings.PROFILE == "production" and not settings.DEBUG
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("collectstatic", interactive=False, verbosity=0)
    keys, codes = seed()

    from clinic.wsgi import application
    from tests.production.support import totp_now

    browser_class = make_browser_class()
    browsers = []
    for username, key in keys.items():
        browser = browser_class(application, wrk_headers=True)
        page = browser.get("/accounts/login/")
        response = browser.post("/accounts/login/", {"csrfmiddlewaretoken": browser.csrf(page.text),
                                                     "username": username, "password": PASSWORD})
        assert response.status == 302, response.status
        page = browser.get("/accounts/two-factor/verify/")
        response = browser.post("/accounts/two-factor/verify/",
                                {"csrfmiddlewaretoken": browser.csrf(page.text), "code": totp_now(key)})
        assert response.status == 302, (response.status, response.text[:500])
        browsers.append(browser)
    print(f"set-up {time.monotonic() - started:.1f} s; load average {os.getloadavg()[0]:.2f}", flush=True)

    mix = []
    for i, browser in enumerate(browsers):
        for label, path in page_paths(codes[i % len(codes)], TOPICS[i % len(TOPICS)]):
            mix.append((label, path, browser))

    counter = QueryCounter()

    def serve(label, path, browser):
        response = browser.get(path)
        assert response.status == 200, (label, response.status)
        return response

    with connection.execute_wrapper(counter):  # warm: fills the handout cache, as a running server has it
        for label, path, browser in mix:
            serve(label, path, browser)
    queries: dict[str, list[int]] = {label: [] for label in PAGE_LABELS}
    with connection.execute_wrapper(counter):
        for n, (label, path, browser) in enumerate(mix):
            counter.count = 0
            counter.show = args.queries and n < len(PAGE_LABELS)
            if counter.show:
                print(f"  {label}:")
            serve(label, path, browser)
            queries[label].append(counter.count)
        counter.show = False

    per_round: dict[str, list[float]] = {label: [] for label in PAGE_LABELS}
    mix_round: list[float] = []
    loads = []
    for number in range(args.rounds):
        cpu: dict[str, list[float]] = {label: [] for label in PAGE_LABELS}
        load_before = os.getloadavg()[0]
        for _ in range(args.passes):
            for label, path, browser in mix:
                start = time.process_time()
                serve(label, path, browser)
                cpu[label].append(time.process_time() - start)
        load_after = os.getloadavg()[0]
        loads.append((load_before, load_after))
        for label in PAGE_LABELS:
            per_round[label].append(statistics.fmean(cpu[label]) * 1000)
        mix_round.append(statistics.fmean([v for values in cpu.values() for v in values]) * 1000)
        print(f"round {number + 1}: mix {mix_round[-1]:.2f} ms CPU/request; load average "
              f"{load_before:.2f} → {load_after:.2f}", flush=True)

    print()
    print(f"CPU per request, ms (median of {args.rounds} rounds of {args.passes} passes × {len(mix)} requests; "
          f"min–max of the round means); 1-minute load average {min(x for pair in loads for x in pair):.2f}–"
          f"{max(x for pair in loads for x in pair):.2f}")
    print("| URL | CPU ms/request | min–max | queries |\n|---|---:|---:|---:|")
    for label in PAGE_LABELS:
        values = per_round[label]
        print(f"| {label} | {statistics.median(values):.2f} | {min(values):.2f}–{max(values):.2f} | "
              f"{statistics.median(queries[label]):.0f} |")
    print(f"| **mix** | **{statistics.median(mix_round):.2f}** | {min(mix_round):.2f}–{max(mix_round):.2f} | "
          f"{statistics.fmean([q for qs in queries.values() for q in qs]):.1f} |")
    print(f"→ one core serves about {1000 / statistics.median(mix_round):.0f} requests/s of this mix "
          "(Django only; gunicorn and PostgreSQL not counted)", flush=True)

    if args.profile:
        chosen = [item for item in mix if args.only is None or item[0] == args.only]
        profiler = cProfile.Profile(time.process_time)  # CPU time: waiting for PostgreSQL is not counted
        profiler.enable()
        for _ in range(max(1, args.passes // 2)):
            for label, path, browser in chosen:
                serve(label, path, browser)
        profiler.disable()
        print_profile(profiler, args.top, f"cProfile (CPU time): {args.only or 'the whole mix'}")
        if args.profile_out:
            profiler.dump_stats(args.profile_out)

    if args.pdfs:
        measure_pdfs(args, browsers, codes)
    if args.day:
        measure_day(args, browser_class, application, keys)
    return 0


def print_profile(profiler, top: int, title: str) -> None:
    print(f"\n{title}, by own time:")
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    print(stream.getvalue())
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    print(f"{title}, cumulative:")
    print(stream.getvalue(), flush=True)


def measure_pdfs(args, browsers, codes) -> None:
    def render(n):
        browser = browsers[n % len(browsers)]
        data = {"csrfmiddlewaretoken": browser.cookies["__Host-csrftoken"], "language": "es" if n % 2 else "en"}
        response = browser.post(summary_path(codes[n % len(codes)]), data)
        assert response.status == 200 and response.content.startswith(b"%PDF"), response.status

    cpu, wall = [], []
    render(0)  # the first two warm the fonts and the stylesheet (a running worker has them)
    render(1)
    for n in range(2, args.pdfs + 2):
        start_cpu, start = time.process_time(), time.perf_counter()
        render(n)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    print(f"\nClient summaries (POST, one family each, en/es alternating), {len(cpu)} renders after 2 warm-up; "
          f"load average {os.getloadavg()[0]:.2f}:")
    print(f"  CPU per render: median {statistics.median(cpu):.0f} ms, p95 {quantile(cpu, 0.95):.0f} ms")
    print(f"  wall per render: median {statistics.median(wall):.0f} ms, p95 {quantile(wall, 0.95):.0f} ms")
    print(f"  → one worker: {1000 / statistics.fmean(wall):.2f} renders/s; 2 cores ≈ "
          f"{2000 / statistics.fmean(cpu):.1f} renders/s at full CPU", flush=True)
    if args.profile_pdfs:  # apart from the timed renders: the profiler slows them several times
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for n in range(2, min(args.pdfs, 8) + 2):
            render(n)
        profiler.disable()
        print_profile(profiler, args.top, "cProfile (CPU time): client summaries")
        if args.profile_out:
            profiler.dump_stats(args.profile_out.with_suffix(".pdfs.prof"))


def measure_day(args, browser_class, application, keys) -> None:
    from tests.intake.conftest import household_post
    from tests.production.support import record_household

    browser = browser_class(application)
    browser.cookies = {}
    # A new sign-in for the day's volunteer: the pages mix's browsers keep their own sessions.
    username, key = next(iter(keys.items()))
    page = browser.get("/accounts/login/")
    browser.post("/accounts/login/", {"csrfmiddlewaretoken": browser.csrf(page.text), "username": username,
                                      "password": PASSWORD})
    page = browser.get("/accounts/two-factor/verify/")
    from tests.production.support import totp_now

    time.sleep(max(0.0, 30 - time.time() % 30) + 0.5)  # the pages mix used this device's current code
    response = browser.post("/accounts/two-factor/verify/",
                            {"csrfmiddlewaretoken": browser.csrf(page.text), "code": totp_now(key)})
    assert response.status == 302, response.status
    steps = ("list", "record", "results", "handout", "summary", "screening")
    cpu: dict[str, list[float]] = {step: [] for step in steps}
    counter = QueryCounter()
    queries: dict[str, list[int]] = {step: [] for step in steps}
    from django.db import connection

    # Timed households first (one warm-up), then, with --profile-day, a few more under the profiler
    # (which slows them several times, so they are not in the timings).
    # The Spanish handouts the day prints are rendered once first, as a running server has them
    # cached after its first households (a cold render is a handout's cost, not a household's).
    for topic in TOPICS:
        assert browser.get(f"/counseling/handouts/{topic}/es.pdf").status == 200
    profiled = min(args.day, 3) if args.profile_day else 0
    profiler = cProfile.Profile(time.process_time) if profiled else None
    for n in range(args.day + 1 + profiled):
        profiling = profiler is not None and n > args.day
        timed: dict[str, float] = {}
        counts: dict[str, int] = {}

        @contextlib.contextmanager
        def step(name, timed=timed, counts=counts):
            counter.count = 0
            start = time.process_time()
            yield
            timed[name] = time.process_time() - start
            counts[name] = counter.count

        if profiling:
            profiler.enable()
        with connection.execute_wrapper(counter):
            with step("list"):
                assert browser.get("/intake/").status == 200
            counter.show = args.queries and n == 1
            if counter.show:
                print("  record (the first timed household):")
            with step("record"):
                code = record_household(browser)
            counter.show = False
            with step("results"):
                assert browser.get(f"/intake/households/{code}/").status == 200
            with step("handout"):
                assert browser.get(f"/counseling/handouts/{TOPICS[n % len(TOPICS)]}/es.pdf").status == 200
            with step("summary"):
                form = browser.get(summary_path(code))
                pdf = browser.post(summary_path(code), {"csrfmiddlewaretoken": browser.csrf(form.text),
                                                        "language": "es"})
                assert pdf.status == 200 and pdf.content.startswith(b"%PDF"), pdf.status
            with step("screening"):
                form = browser.get("/intake/screening/")
                posted = browser.post("/intake/screening/", household_post(csrfmiddlewaretoken=browser.csrf(form.text)))
                assert posted.status == 303, posted.status  # POST/redirect/GET
                result = browser.get(posted.getheader("Location"))
                assert result.status == 200, result.status
        if profiling:
            profiler.disable()
        elif n:  # the first household warms the caches
            for name in steps:
                cpu[name].append(timed[name] * 1000)
                queries[name].append(counts[name])
    total = [sum(cpu[s][i] for s in steps) for i in range(args.day)]
    print(f"\nThe day, {args.day} households end to end (after one warm-up); load average {os.getloadavg()[0]:.2f}:")
    print("| step | CPU ms median | share | queries |\n|---|---:|---:|---:|")
    for name in steps:
        print(f"| {name} | {statistics.median(cpu[name]):.0f} | "
              f"{statistics.median(cpu[name]) / statistics.median(total):.0%} | {statistics.median(queries[name]):.0f} |")
    print(f"| **household** | **{statistics.median(total):.0f}** | | |")
    print(f"→ 2 cores at full CPU ≈ {2 * 3600 * 1000 / statistics.median(total):,.0f} households an hour "
          "(Django only)", flush=True)
    if profiler:
        print_profile(profiler, args.top, f"cProfile (CPU time): the day, {profiled} households")
        if args.profile_out:
            profiler.dump_stats(args.profile_out.with_suffix(".day.prof"))


if __name__ == "__main__":
    sys.exit(main())
