"""Benchmark the eligibility engine: one household, and ``screen`` on 10,000 households.

Run: ``CONFIANZA_PROFILE=test .venv/bin/python bench/bench_eligibility.py``. Prints medians over
several runs; interpreter and Django start-up are excluded (they happen before timing starts).
"""

from __future__ import annotations

import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("CONFIANZA_PROFILE", "test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from intake.eligibility import assess, parse_household  # noqa: E402

BASELINE_US = 333_000  # "a full tax microsimulation model takes about a third of a second per household"
IDS = ["ssn", "ssn", "ssn", "itin", "itin", "ssn_not_valid_for_employment", "itin_expired", "applying"]
STATUSES = ["single", "head_of_household", "married_filing_jointly", "married_filing_separately"]


def varied_households(count: int, seed: int = 2025) -> list[dict]:
    """Return ``count`` varied, fixed-seed households (no declined answers: those are rarer and slower)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        status = rng.choice(STATUSES)
        out.append({
            "id": f"B{i}",
            "tax_year": rng.choice([2025, 2026]),
            "state": "CA",
            "filing_status": status,
            "taxpayer": {"id_type": rng.choice(IDS), "age": rng.randint(18, 80)},
            "spouse": {"id_type": rng.choice(IDS), "age": rng.randint(18, 80)} if status == "married_filing_jointly" else None,
            "dependents": [
                {"id_type": rng.choice([*IDS, "atin", "none"]), "age": rng.randint(0, 23),
                 "full_time_student": rng.random() < 0.2, "months_lived_with_filer": rng.choice([12, 12, 12, 6, 9])}
                for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4]))
            ],
            "wages": rng.choice([0, rng.randint(0, 40_000), rng.randint(0, 90_000), rng.randint(0, 450_000)]),
            "self_employment_income": rng.choice([0, 0, 0, rng.randint(-10_000, 60_000)]),
            "other_income": rng.choice([0, 0, rng.randint(0, 10_000)]),
            "investment_income": rng.choice([0, 0, rng.randint(0, 15_000)]),
            "car_loan_interest": rng.choice([0, 0, 0, rng.randint(0, 12_000)]),
        })
        h = out[-1]
        if status == "head_of_household" and not h["dependents"]:
            h["filing_status"] = "single"  # head of household needs a qualifying person
        if h["wages"] and rng.random() < 0.2:
            h["taxpayer"]["qualified_tips"] = rng.randint(0, h["wages"] // 2)
    return out


def bench_assess(runs: int = 7, per_run: int = 2000) -> float:
    households = [parse_household(h) for h in varied_households(per_run, seed=7)]
    for h in households[:200]:
        assess(h)  # warm up
    medians = []
    for _ in range(runs):
        times = []
        for h in households:
            start = time.perf_counter_ns()
            assess(h)
            times.append(time.perf_counter_ns() - start)
        medians.append(statistics.median(times) / 1000)
    return statistics.median(medians)


def bench_screen(runs: int = 5, count: int = 10_000) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "households.json"
        path.write_text(json.dumps(varied_households(count)), encoding="utf-8")
        durations = []
        for _ in range(runs):
            start = time.perf_counter()
            call_command("screen", str(path), stdout=io.StringIO(), stderr=io.StringIO())
            durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def main() -> None:
    per_household = bench_assess()
    screen_seconds = bench_screen()
    print(f"assess one household (with the change search): median {per_household:.1f} µs (target ≤ 100 µs; 2025 figure 44 µs)")
    print(f"screen 10,000 households: median {screen_seconds:.2f} s (target ≤ 2 s; 2025 figure 1.57 s)")
    print(f"speed-up over a ~333,000 µs/household microsimulation: {BASELINE_US / per_household:,.0f}×")


if __name__ == "__main__":
    main()
