"""Load test: a volunteer's day against gunicorn, production profile, PostgreSQL on loopback.

Run: .venv/bin/python bench/load.py [--duration 20] [--runs 3] [--phases signin,pages,curve,pdfs,day,workers,conn]
     [--no-write]

What it does, bounded in time and count and stopping by itself:

1. A throwaway PostgreSQL database (DATABASE_URL's server, default 127.0.0.1:5432), migrated,
   content loaded, static files collected; one site with 200 households and 8 volunteers, each with
   a two-factor (TOTP) device.
2. gunicorn with deploy/gunicorn.conf.py (production profile) on a loopback port.
3. Phases (each run lasts --duration seconds; --runs runs; medians and spread reported):
   * signin  - every volunteer signs in (password: argon2, then a TOTP code computed here); timed
               apart, its cost is kept as it is on purpose.
   * pages   - wrk (Debian package), 8 connections, as fast as it can: household list, a household's
               results, the new-household and anonymous-screening forms, cached generic handouts
               (PDF), /healthz, round-robin over the volunteers' sessions.
   * curve   - the same mix at an offered 25, 50, 100 and 150 requests/s (wrk with a per-connection
               pause), achieved rate and p95; memory per worker (PSS) after the run.
   * pdfs    - client summaries rendered on demand (POST, one family each, never cached).
   * day     - the whole day, end to end: each volunteer (a Python thread) opens the list, records a
               household (consent, then the form), reads the results, prints a handout and the
               summary, and runs an anonymous screening; households per hour and p95 per step.
   * workers - the pages mix with 3 and 5 sync workers and 2 gthread workers x 4 threads.
   * conn    - the pages mix with DB_CONN_MAX_AGE=0 (a connection per request) and 600 (persistent).
4. Writes the "## Load (production stack)" section of docs/benchmarks.md unless --no-write.

The load generator shares the two cores with the server. wrk is C and light; the script measures
the CPU seconds used by the server processes (gunicorn master and workers, from /proc) and by the
generator (wrk's rusage; the Python threads' own process time in "day") during each run, and reports
both, so the reader sees how much of the machine the generator took.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ["CONFIANZA_PROFILE"] = "test"  # this process only administers; the server runs production
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")

import django  # noqa: E402

django.setup()

from bench.mix import (  # noqa: E402
    CODES,
    HOUSEHOLDS,
    HOUSEHOLDS_SEED,
    PASSWORD,
    SEED,
    TOPICS,
    VOLUNTEERS,
    page_paths,
    summary_path,
)
from bench.report import cpu_model, write_section  # noqa: E402
from tests.production import scripts  # noqa: E402
from tests.production.support import (  # noqa: E402
    HOST,
    Browser,
    Gunicorn,
    admin_sql,
    drop_database,
    manage,
    production_env,
    record_household,
)

CONNECTIONS = 8
RATES = (25, 50, 100, 150)
HEADING = "Load (production stack)"


# --- measuring -------------------------------------------------------------------------------------


def _proc_times(pid: int) -> tuple[int, int]:
    """(own utime + stime, reaped children's cutime + cstime) of a process, in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])
    except (OSError, IndexError):
        return 0, 0


def server_cpu_seconds(server: Gunicorn) -> float:
    """CPU seconds the gunicorn server has used so far: the master, its live workers, and the workers
    it has already replaced (gunicorn recycles a worker after max_requests; the master reaps it, so
    its CPU time moves into the master's children's time instead of leaving the sum)."""
    own, reaped = _proc_times(server.proc.pid)
    total = own + reaped + sum(_proc_times(pid)[0] for pid in server.worker_pids())
    return total / os.sysconf("SC_CLK_TCK")


def pss_mib(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return float("nan")
    match = re.search(r"^Pss:\s+(\d+) kB", text, flags=re.MULTILINE)
    return int(match.group(1)) / 1024 if match else float("nan")


# The 1-minute load average at the start and end of every run (this run's own processes included).
LOAD_SAMPLES: list[float] = []


LUA = r"""
local requests_ = {%(requests)s}
local n = 0
local pause = %(pause)d
function request()
  n = n + 1
  return requests_[(n %% #requests_) + 1]
end
%(delay)s
function done(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%.3f %%.3f %%d %%d %%d %%d %%d\n",
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
end
"""


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrk_requests(items: list[tuple[str, str, dict[str, str], str | None]]) -> str:
    """Pre-format every request once in Lua (wrk.format at start-up, not per request)."""
    out = []
    for method, path, headers, body in items:
        header_table = "{" + ", ".join(f"[{lua_string(k)}]={lua_string(v)}" for k, v in headers.items()) + "}"
        out.append(f"wrk.format({lua_string(method)}, {lua_string(path)}, {header_table}, "
                   f"{lua_string(body) if body is not None else 'nil'})")
    return ", ".join(out)


def run_wrk(server: Gunicorn, items, *, duration: int, rate: int | None = None, tmp: Path) -> dict:
    pause = int(CONNECTIONS * 1000 / rate) if rate else 0
    script = tmp / "load.lua"
    script.write_text(LUA % {
        "requests": wrk_requests(items),
        "pause": pause,
        "delay": "function delay() return pause end" if pause else "",
    })
    LOAD_SAMPLES.append(os.getloadavg()[0])
    before = server_cpu_seconds(server)
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(  # noqa: S603 - fixed tool, arguments built here
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "10s", "-s", str(script),  # noqa: S607
         f"http://127.0.0.1:{server.port}/"],
        capture_output=True, text=True, check=False, timeout=duration + 60,
    )
    wall = time.monotonic() - start
    LOAD_SAMPLES.append(os.getloadavg()[0])
    usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = server_cpu_seconds(server) - before
    match = re.search(r"^RESULT (.+)$", proc.stdout, flags=re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk gave no result:\n{proc.stdout}\n{proc.stderr}")
    fields = match.group(1).split()
    requests_, micros = int(fields[0]), int(fields[1])
    errors = sum(int(f) for f in fields[6:11])
    generator_cpu = (usage_after.ru_utime + usage_after.ru_stime) - (usage_before.ru_utime + usage_before.ru_stime)
    return {
        "rps": requests_ / (micros / 1e6),
        "p50": float(fields[2]),
        "p95": float(fields[3]),
        "p99": float(fields[4]),
        "max": float(fields[5]),
        "requests": requests_,
        "errors": errors,
        "server_cpu": server_cpu / wall,
        "generator_cpu": generator_cpu / wall,
    }


# --- the stack -------------------------------------------------------------------------------------


class Stack:
    def __init__(self, tmp: Path):
        import uuid

        self.tmp = tmp
        self.database = f"confianza_load_{uuid.uuid4().hex[:8]}"
        admin_sql(f'CREATE DATABASE "{self.database}"')
        try:
            self._set_up(tmp)
        except BaseException:
            drop_database(self.database)  # a failed set-up leaves no database behind
            raise

    def _set_up(self, tmp: Path) -> None:
        self.env = production_env(tmp, self.database)
        manage(self.env, "migrate", "-v", "0")
        manage(self.env, "load_content", "-v", "0")
        manage(self.env, "collectstatic", "--noinput", "-v", "0")
        self.keys = scripts.people(manage(self.env, "shell", "-c", SEED % {"volunteers": VOLUNTEERS}).stdout)
        # Synthetic households straight through the service (the demo_households command refuses the
        # production profile, rightly; this database is a throwaway).
        manage(self.env, "shell", "-c", HOUSEHOLDS_SEED % {"count": HOUSEHOLDS})
        out = manage(self.env, "shell", "-c", CODES).stdout
        self.codes = next(line for line in out.splitlines() if line.startswith("CODES ")).split()[1:]

    def close(self):
        drop_database(self.database)


def sign_in_all(stack: Stack, server: Gunicorn) -> tuple[list[Browser], list[float], list[float]]:
    """Sign every volunteer in; return the browsers and the password-step and code-step times."""
    browsers, password_times, code_times = [], [], []
    for username, key in stack.keys.items():
        browser = Browser(server.port)
        page = browser.get("/accounts/login/")
        start = time.perf_counter()
        response = browser.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": browser.csrf(page.text), "username": username, "password": PASSWORD},
        )
        password_times.append(time.perf_counter() - start)
        assert response.status == 302, response.status
        page = browser.get("/accounts/two-factor/verify/")
        start = time.perf_counter()
        response = browser.post(
            "/accounts/two-factor/verify/",
            {"csrfmiddlewaretoken": browser.csrf(page.text), "code": scripts_totp(key)},
        )
        code_times.append(time.perf_counter() - start)
        assert response.status == 302, response.status
        browsers.append(browser)
    return browsers, password_times, code_times


def scripts_totp(key: str) -> str:
    from tests.production.support import totp_now

    return totp_now(key)


def headers_for(browser: Browser) -> dict[str, str]:
    return {
        "Host": HOST,
        "X-Forwarded-Proto": "https",
        "Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items()),
    }


def page_mix(stack: Stack, browsers: list[Browser]) -> list:
    items = []
    for i, browser in enumerate(browsers):
        headers = headers_for(browser)
        code = stack.codes[i % len(stack.codes)]
        topic = TOPICS[i % len(TOPICS)]
        for _label, path in page_paths(code, topic):
            items.append(("GET", path, headers, None))
    return items


def pdf_mix(stack: Stack, browsers: list[Browser]) -> list:
    items = []
    for i, browser in enumerate(browsers):
        headers = {**headers_for(browser), "Content-Type": "application/x-www-form-urlencoded",
                   "Origin": f"https://{HOST}"}
        csrf = browser.cookies["__Host-csrftoken"]
        for j in range(4):
            code = stack.codes[(i * 4 + j) % len(stack.codes)]
            items.append(("POST", summary_path(code), headers,
                          f"csrfmiddlewaretoken={csrf}&language={'es' if j % 2 else 'en'}"))
    return items


def warm(stack: Stack, browsers: list[Browser], items) -> None:
    """One pass of every request (fills the handout cache, as a running server would have)."""
    browser = browsers[0]
    for method, path, _headers, _body in items:
        if method == "GET":
            status = browser.get(path).status
            assert status == 200, (path, status)


def summarize(runs: list[dict]) -> dict:
    def med(key):
        return statistics.median(r[key] for r in runs)

    def spread(key):
        values = [r[key] for r in runs]
        return min(values), max(values)

    return {
        "rps": med("rps"), "rps_spread": spread("rps"), "p50": med("p50"), "p95": med("p95"),
        "p95_spread": spread("p95"), "p99": med("p99"), "errors": sum(r["errors"] for r in runs),
        "requests": sum(r["requests"] for r in runs), "server_cpu": med("server_cpu"),
        "generator_cpu": med("generator_cpu"), "runs": len(runs),
    }


def row(label: str, s: dict) -> str:
    return (f"| {label} | {s['rps']:.1f} ({s['rps_spread'][0]:.1f}–{s['rps_spread'][1]:.1f}) | {s['p50']:.0f} | "
            f"{s['p95']:.0f} ({s['p95_spread'][0]:.0f}–{s['p95_spread'][1]:.0f}) | {s['p99']:.0f} | "
            f"{s['errors']} of {s['requests']} | {s['server_cpu']:.2f} | {s['generator_cpu']:.2f} |")


TABLE_HEAD = ("| run | requests/s median (min–max) | p50 ms | p95 ms median (min–max) | p99 ms | errors | "
              "server CPU (cores) | generator CPU (cores) |\n|---|---|---|---|---|---|---|---|")


def repeat(runs: int, fn) -> dict:
    return summarize([fn() for _ in range(runs)])


# --- the day ---------------------------------------------------------------------------------------

DAY_STEPS = ("list", "record", "results", "handout", "summary", "screening")


def volunteer_day(browser: Browser, deadline: float, times: dict[str, list[float]], errors: list[str],
                  done: list[int], lock: threading.Lock) -> None:
    from tests.intake.conftest import household_post

    topic_cycle = 0
    while time.monotonic() < deadline:
        try:
            step_times = {}
            start = time.perf_counter()
            assert browser.get("/intake/").status == 200
            step_times["list"] = time.perf_counter() - start

            start = time.perf_counter()
            code = record_household(browser)
            step_times["record"] = time.perf_counter() - start

            start = time.perf_counter()
            assert browser.get(f"/intake/households/{code}/").status == 200
            step_times["results"] = time.perf_counter() - start

            start = time.perf_counter()
            topic = TOPICS[topic_cycle % len(TOPICS)]
            topic_cycle += 1
            assert browser.get(f"/counseling/handouts/{topic}/es.pdf").status == 200
            step_times["handout"] = time.perf_counter() - start

            start = time.perf_counter()
            form = browser.get(f"/counseling/households/{code}/summary/")
            pdf = browser.post(f"/counseling/households/{code}/summary/",
                               {"csrfmiddlewaretoken": browser.csrf(form.text), "language": "es"})
            assert pdf.status == 200 and pdf.content.startswith(b"%PDF"), pdf.status
            step_times["summary"] = time.perf_counter() - start

            start = time.perf_counter()
            form = browser.get("/intake/screening/")
            posted = browser.post("/intake/screening/",
                                  household_post(csrfmiddlewaretoken=browser.csrf(form.text)))
            # POST/redirect/GET: the answers travel in an encrypted cookie to the results page.
            assert posted.status == 303, ("screening", posted.status)
            result = browser.get(posted.getheader("Location"))
            assert result.status == 200, ("screening results", result.status)
            step_times["screening"] = time.perf_counter() - start
        except Exception as exc:  # noqa: BLE001 - counted as an error of the day, reported
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}"[:200])
            continue
        with lock:
            for step, seconds in step_times.items():
                times[step].append(seconds)
            done[0] += 1


def run_day(browsers: list[Browser], server: Gunicorn, duration: int) -> dict:
    times: dict[str, list[float]] = {step: [] for step in DAY_STEPS}
    errors: list[str] = []
    done = [0]
    lock = threading.Lock()
    before_server = server_cpu_seconds(server)
    before_self = time.process_time()
    start = time.monotonic()
    deadline = start + duration
    threads = [threading.Thread(target=volunteer_day, args=(b, deadline, times, errors, done, lock), daemon=True)
               for b in browsers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 120)
    wall = time.monotonic() - start
    for message in sorted(set(errors)):
        print(f"day error ({errors.count(message)}x): {message}", file=sys.stderr)
    return {
        "households_per_hour": done[0] / wall * 3600,
        "households": done[0],
        "errors": errors,
        "p95": {s: (statistics.quantiles(v, n=20)[18] * 1000 if len(v) >= 2 else float("nan")) for s, v in times.items()},
        "p50": {s: (statistics.median(v) * 1000 if v else float("nan")) for s, v in times.items()},
        "server_cpu": (server_cpu_seconds(server) - before_server) / wall,
        "generator_cpu": (time.process_time() - before_self) / wall,
    }


# --- main ------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds per run (default 20)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--curve-duration", type=int, default=None,
                        help="seconds per run of the curve and the worker/connection variants (default: --duration)")
    parser.add_argument("--workers", type=int, default=5, help="sync workers for the main runs (default 5)")
    parser.add_argument("--phases", default="signin,pages,curve,pdfs,day,workers,conn")
    parser.add_argument("--volunteers", type=int, default=VOLUNTEERS,
                        help=f"volunteers working at once in the day phase (default {VOLUNTEERS})")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    args.curve_duration = args.curve_duration or args.duration
    if max(args.duration, args.curve_duration) > 600 or args.runs > 10:
        parser.error("bounded: at most 600 s per run and 10 runs")
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (or make system-deps-test)")
    phases = args.phases.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="confianza-load-"))
    load_before = os.getloadavg()  # before anything of this run starts: the machine without it
    stack = Stack(tmp)
    lines: list[str] = []
    report: dict = {}
    try:
        env = {**stack.env, "DB_CONN_MAX_AGE": "600"}
        with Gunicorn(env, workers=args.workers) as server:
            browsers, password_times, code_times = sign_in_all(stack, server)
            report["signin"] = (statistics.median(password_times) * 1000, max(password_times) * 1000,
                                statistics.median(code_times) * 1000)
            pages = page_mix(stack, browsers)
            warm(stack, browsers, pages)
            if "pages" in phases:
                report["pages"] = repeat(args.runs, lambda: run_wrk(server, pages, duration=args.duration, tmp=tmp))
                print("pages", report["pages"], flush=True)
            if "curve" in phases:
                report["curve"] = {}
                for rate in RATES:
                    report["curve"][rate] = repeat(
                        args.runs, lambda rate=rate: run_wrk(server, pages, duration=args.curve_duration, rate=rate, tmp=tmp)
                    )
                    print("curve", rate, report["curve"][rate], flush=True)
                report["pss"] = [pss_mib(pid) for pid in server.worker_pids()]
                report["pss_master"] = pss_mib(server.proc.pid)
            if "pdfs" in phases:
                pdfs = pdf_mix(stack, browsers)
                report["pdfs"] = repeat(args.runs, lambda: run_wrk(server, pdfs, duration=args.duration, tmp=tmp))
                print("pdfs", report["pdfs"], flush=True)
            if "day" in phases:
                days = [run_day(browsers[:args.volunteers], server, args.duration) for _ in range(args.runs)]
                report["day"] = days
                print("day", [(d["households_per_hour"], len(d["errors"])) for d in days], flush=True)
        variants = []
        if "workers" in phases:
            variants += [("3 sync workers", {"DB_CONN_MAX_AGE": "600"}, 3, []),
                         ("5 sync workers", {"DB_CONN_MAX_AGE": "600"}, 5, []),
                         ("2 gthread workers × 4 threads", {"DB_CONN_MAX_AGE": "600"}, 2,
                          ["--worker-class", "gthread", "--threads", "4"])]
        if "conn" in phases:
            variants += [("5 sync, DB_CONN_MAX_AGE=0", {"DB_CONN_MAX_AGE": "0"}, 5, []),
                         ("5 sync, DB_CONN_MAX_AGE=600", {"DB_CONN_MAX_AGE": "600"}, 5, [])]
        report["variants"] = []
        for label, extra, workers, flags in variants:
            server = Gunicorn({**stack.env, **extra}, workers=workers, extra_args=flags)
            with server:
                # New sessions: a TOTP code works once, so sign in again with the next code window.
                time.sleep(max(0.0, 30 - time.time() % 30) + 0.5)
                browsers, _, _ = sign_in_all(stack, server)
                mix = page_mix(stack, browsers)
                warm(stack, browsers, mix)
                result = repeat(args.runs, lambda s=server, m=mix: run_wrk(s, m, duration=args.curve_duration, tmp=tmp))
                result["pss"] = statistics.median(pss_mib(pid) for pid in server.worker_pids())
                report["variants"].append((label, result))
                print("variant", label, result, flush=True)
    finally:
        stack.close()
        shutil.rmtree(tmp, ignore_errors=True)

    report["load"] = (load_before, os.getloadavg(), list(LOAD_SAMPLES))
    lines.append(render(report, args))
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section(HEADING, text.rstrip("\n") + kept_subsections())


# Subsections of this section written by hand from other scripts (bench/profile_pages.py): a new
# load run rewrites the section's measured text and keeps them.
KEPT_SUBSECTIONS = ("### The goals, and what the figures mean for a clinic network", "### Page cost, in process")


def kept_subsections() -> str:
    from bench.report import RESULTS

    if not RESULTS.exists():
        return ""
    text = RESULTS.read_text(encoding="utf-8")
    section = re.search(r"^## " + re.escape(HEADING) + r"\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    if not section:
        return ""
    kept = []
    for heading in KEPT_SUBSECTIONS:
        match = re.search(r"^" + re.escape(heading) + r"\n.*?(?=^### |\Z)", section.group(1), flags=re.S | re.M)
        if match:
            kept.append(match.group(0).rstrip("\n"))
    return "".join("\n\n" + block for block in kept) + ("\n" if kept else "")


def load_sentence(load) -> str:
    """What the machine was doing besides this run, from its load average (measured, never assumed)."""
    before, after, samples = load
    text = (f"Load average (1, 5, 15 minutes) before this run started: {before[0]:.2f}, {before[1]:.2f}, "
            f"{before[2]:.2f}; after it: {after[0]:.2f}, {after[1]:.2f}, {after[2]:.2f}")
    if samples:
        text += (f"; the 1-minute figure at the start and end of the measured runs was {min(samples):.2f}–"
                 f"{max(samples):.2f}, this run's own server and wrk included (they alone keep it near 2 while "
                 "a phase runs)")
    text += " (2 cores: above 2 means processes queued for a core). "
    if before[0] > 1.0 or before[1] > 1.0:
        text += ("**Other work was running on the machine before this run** (load above 1): the figures are "
                 "lower and noisier than a quiet machine would give.")
    else:
        text += "The machine was quiet before this run started (load at most 1)."
    return text


def render(report: dict, args) -> str:
    out = [f"## {HEADING}", ""]
    out.append(
        f"`bench/load.py --duration {args.duration} --curve-duration {args.curve_duration} --runs {args.runs}` "
        f"on {dt.date.today():%Y-%m-%d}: "
        f"{cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, PostgreSQL on loopback, "
        f"gunicorn (deploy/gunicorn.conf.py, production profile, {args.workers} sync workers unless said), wrk "
        f"with {CONNECTIONS} connections. Figures are medians of the runs with their spread. Each run of the "
        f"pages, the summaries and the day lasted {args.duration} s"
        f"{' (the goals ask for 5 minutes)' if args.duration < 300 else ''}; each run of the curve and of the "
        f"worker and connection variants {args.curve_duration} s. {load_sentence(report['load'])}"
    )
    out.append("")
    if "signin" in report:
        pw, pw_max, code = report["signin"]
        out.append(f"**Sign-in** (measured apart; argon2 on purpose): password step median {pw:.0f} ms "
                   f"(max {pw_max:.0f} ms), two-factor code step median {code:.0f} ms, {VOLUNTEERS} volunteers.")
        out.append("")
    if "pages" in report:
        out += ["**Pages** (list, results, forms, cached handouts, health; as fast as wrk can):", "", TABLE_HEAD,
                row("pages mix", report["pages"]), ""]
    if "curve" in report:
        out += ["**Capacity curve** (offered rate → achieved rate and p95):", "", TABLE_HEAD]
        for rate, s in report["curve"].items():
            out.append(row(f"offered {rate}/s", s))
        pss = [p for p in report.get("pss", []) if p == p]
        if pss:
            out += ["", f"Memory after the curve: {statistics.median(pss):.0f} MiB PSS per worker "
                        f"(min {min(pss):.0f}, max {max(pss):.0f}; {len(pss)} workers), master "
                        f"{report['pss_master']:.0f} MiB."]
        out.append("")
    if "pdfs" in report:
        out += ["**Client summaries rendered on demand** (POST, one family each, never cached):", "", TABLE_HEAD,
                row("summary PDFs", report["pdfs"]), ""]
    if "day" in report:
        days = report["day"]
        rates = [d["households_per_hour"] for d in days]
        out.append(f"**The whole day** ({args.volunteers} volunteers as threads, back to back, no pause): "
                   f"{statistics.median(rates):,.0f} households an hour (runs: "
                   f"{', '.join(f'{r:,.0f}' for r in rates)}), errors: {sum(len(d['errors']) for d in days)}. "
                   f"Server CPU {statistics.median(d['server_cpu'] for d in days):.2f} cores, generator (Python) "
                   f"{statistics.median(d['generator_cpu'] for d in days):.2f} cores.")
        out += ["", "| step | p50 ms | p95 ms |", "|---|---|---|"]
        for step in DAY_STEPS:
            p50 = statistics.median(d["p50"][step] for d in days)
            p95 = statistics.median(d["p95"][step] for d in days)
            out.append(f"| {step} | {p50:.0f} | {p95:.0f} |")
        out.append("")
    if report.get("variants"):
        out += ["**Choosing the workers and the connections** (pages mix):", "",
                TABLE_HEAD.replace("| run |", "| server |") .replace("|---|---|---|---|---|---|---|---|",
                                                                     "|---|---|---|---|---|---|---|---|"), ]
        for label, s in report["variants"]:
            out.append(row(f"{label} ({s['pss']:.0f} MiB/worker)", s))
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    main()
