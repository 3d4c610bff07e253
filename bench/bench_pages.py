"""Benchmark the intake pages with 10,000 households at one site: the results page and the site list.

Run: CONFIANZA_PROFILE=test .venv/bin/python bench/bench_pages.py [--households N] [--runs N] [--no-write]

Uses a throwaway test database (SQLite in memory by default; set DATABASE_URL for PostgreSQL),
fills one site with ``demo_households``, then times full requests through the Django test client
(middleware, session, view, template, audit write): server time without the network. Writes the
"## Intake pages" section of docs/benchmarks.md unless --no-write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("CONFIANZA_PROFILE", "test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.report import cpu_model, write_section  # noqa: E402

TARGETS = {"results": 0.050, "list": 0.050, "list_last": 0.050}


def timings(fn, runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    # No setup_test_environment(): its template instrumentation (context copies for assertions)
    # is test-client overhead, not server time.
    connection.creation.create_test_db(verbosity=0)
    from django.contrib.auth import get_user_model

    from clinic.models import Membership, Site
    from intake.demo import create_demo_households
    from intake.models import Household

    site = Site.objects.create(slug="bench", name="Bench Clinic", languages=["en", "es"])
    start = time.perf_counter()
    create_demo_households(site=site, count=args.households, seed=2025)
    fill_seconds = time.perf_counter() - start
    # Every household open and visited today: the list shows all of them (the worst case).
    Household.objects.filter(site=site).update(status=Household.Status.OPEN)
    user = get_user_model().objects.create_user(username="bench-volunteer")  # force_login: no password
    Membership.objects.create(user=user, site=site, role="volunteer")
    client = Client()
    client.force_login(user)

    from django.db.models import Count

    household = (
        Household.objects.filter(site=site).annotate(n=Count("dependents")).filter(n=3).order_by("pk").first()
    )
    dependents = household.dependents.count()
    results_url = household.get_absolute_url()
    list_url = reverse("intake:household-list")
    from django.core.paginator import Paginator

    from intake.selectors import DESK_PAGE_SIZE as PAGE_SIZE

    listed = Paginator(range(Household.objects.filter(site=site, status="open").count()), PAGE_SIZE)
    last_page = f"{list_url}?page={listed.num_pages}"

    def get(url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return fetch

    measured = {
        "results": timings(get(results_url), args.runs),
        "list": timings(get(list_url), args.runs),
        "list_last": timings(get(last_page), args.runs),
    }
    results = {key: statistics.median(values) for key, values in measured.items()}
    p90 = {key: statistics.quantiles(values, n=10)[-1] for key, values in measured.items()}
    engine = connection.vendor + (" (in memory)" if connection.vendor == "sqlite" else "")
    rows = [
        ("Results page", "results", f"household with {dependents} dependents; includes its audit write"),
        ("Site list, first page", "list", f"{listed.count:,} open households listed, 25 a page"),
        ("Site list, last page", "list_last", f"page {listed.num_pages}"),
    ]
    lines = [
        "## Intake pages",
        "",
        f"Machine: {os.cpu_count()} cores, {cpu_model()}; Python {platform.python_version()}; "
        f"run {dt.date.today():%Y-%m-%d} with `CONFIANZA_PROFILE=test .venv/bin/python bench/bench_pages.py` "
        f"({engine} test database, {args.households:,} demo households at one site created in "
        f"{fill_seconds:.1f} s by `demo_households`; full requests through the Django test client, "
        f"median of {args.runs} runs after 3 warm-up runs).",
        "",
        "| Measure | Median | 90th percentile | Target | Met | Notes |",
        "|---|---:|---:|---:|:---:|---|",
    ]
    for label, key, note in rows:
        value, target = results[key], TARGETS[key]
        lines.append(
            f"| {label} | {value * 1000:.1f} ms | {p90[key] * 1000:.1f} ms | ≤ {target * 1000:,.0f} ms | "
            f"{'yes' if value <= target else '**no**'} | {note} |"
        )
    lines += [
        "",
        "Query counts do not grow with dependents or listed households (asserted in "
        "`tests/intake/views/test_household_detail.py` and `test_household_list.py`); timings are never "
        "part of the test suite.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        write_section("Intake pages", section)
    return 1 if any(value > TARGETS[key] for key, value in results.items()) else 0


if __name__ == "__main__":
    sys.exit(main())
