"""Benchmark handout PDFs: cached vs cold handouts, packets cold and warm.

Run: CONFIANZA_PROFILE=test .venv/bin/python bench/bench_handouts.py [--runs N] [--no-write]

Uses a throwaway test database (migrations load the shipped content) and a throwaway
file-based handout cache (the production backend). Writes the "## Handouts" section of
docs/benchmarks.md unless --no-write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("CONFIANZA_PROFILE", "test")
_cache_dir = tempfile.TemporaryDirectory(prefix="confianza-bench-cache-")
os.environ["CONFIANZA_HANDOUT_CACHE_DIR"] = _cache_dir.name

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.report import cpu_model, write_section  # noqa: E402

TARGETS = {"cached": 0.020, "cold": 1.5, "packet_cold": 10.0, "packet_warm": 0.5}


def median_time(fn, runs: int, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    from pypdf import PdfReader

    from clinic.models import Membership, Site
    from counseling.caching import cached_packet
    from counseling.handouts import render_handout
    from counseling.models import HandoutVersion, Topic

    site = Site.objects.create(slug="bench", name="Bench Clinic", phone="(555) 010-0009", hours="Sat 9-1")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="bench-volunteer")  # force_login below: no password
    Membership.objects.create(user=user, site=site, role="volunteer")
    client = Client()
    client.force_login(user)
    cache = caches["handouts"]

    versions = list(HandoutVersion.objects.filter(status="published").select_related("topic"))
    if not versions:
        print("no shipped content: nothing to measure", file=sys.stderr)
        return 1
    # Warm the process (fontconfig, templates) once; report that first render separately.
    start = time.perf_counter()
    render_handout(topic=versions[0].topic, language=versions[0].language, site=site)
    first_render = time.perf_counter() - start

    two_page = None
    for version in versions:
        pages = len(PdfReader(io.BytesIO(render_handout(topic=version.topic, language=version.language, site=site).content)).pages)
        if pages == 2 and not version.is_stale():
            two_page = version
            break
    two_page = two_page or versions[0]
    url = reverse("counseling:handout-pdf", kwargs={"topic": two_page.topic.slug, "language": two_page.language})

    def get():
        response = client.get(url + "?confirm=1")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"

    cold = median_time(get, args.runs, before=cache.clear)
    get()
    cached = median_time(get, max(args.runs * 6, 30))

    topics = list(Topic.objects.all())
    items = [(topic, language, 1) for topic in topics for language in ("en", "es")]
    packet_cold = median_time(lambda: cached_packet(items=items, site=site), max(3, args.runs // 2), before=cache.clear)
    cached_packet(items=items, site=site)
    packet_warm = median_time(lambda: cached_packet(items=items, site=site), max(args.runs * 2, 10))
    packet_pages = len(PdfReader(io.BytesIO(cached_packet(items=items, site=site)[0].content)).pages)

    results = {"cached": cached, "cold": cold, "packet_cold": packet_cold, "packet_warm": packet_warm}
    rows = [
        ("Cached handout served through the view", "cached", f"{two_page.topic.slug} ({two_page.language})"),
        ("Cold two-page handout through the view", "cold", f"{two_page.topic.slug} ({two_page.language}), cache cleared"),
        ("Packet cold", "packet_cold", f"{len(topics)} topics × en, es = {len(items)} handouts, {packet_pages} pages"),
        ("Packet warm", "packet_warm", "same packet, cached"),
    ]
    lines = [
        "## Handouts",
        "",
        f"Machine: {os.cpu_count()} cores, {cpu_model()}; Python {platform.python_version()}; "
        f"run {dt.date.today():%Y-%m-%d} with `CONFIANZA_PROFILE=test .venv/bin/python bench/bench_handouts.py` "
        f"(SQLite test database, file-based handout cache, median of several runs).",
        "",
        "| Measure | Median | Target | Met | Notes |",
        "|---|---:|---:|:---:|---|",
    ]
    for label, key, note in rows:
        value, target = results[key], TARGETS[key]
        lines.append(
            f"| {label} | {value * 1000:.1f} ms | ≤ {target * 1000:,.0f} ms | {'yes' if value <= target else '**no**'} | {note} |"
        )
    lines += [
        "",
        f"Ratio cached / cold handout: **{cached / cold:.3f}** ({cold / cached:.0f}× faster); "
        f"packet warm / cold: **{packet_warm / packet_cold:.3f}**. "
        f"The first render in a fresh process (fontconfig start-up) took {first_render * 1000:.0f} ms and is not in the medians.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        write_section("Handouts", section)
    failed = [key for key, value in results.items() if value > TARGETS[key]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
