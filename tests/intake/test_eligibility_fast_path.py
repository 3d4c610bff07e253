"""The change search's amounts-only rescreen gives exactly the full screening's amounts (issue 9, speed).

``engine.screen_amounts`` runs the rules without building reasons, and ``changes.Rescreen`` reuses
the parts of today's screening that an edit cannot change (income, tax, EITC, California). Both are
checked here against ``engine.assess_resolved``, the full path, on a few thousand generated
households of both tax years and on every scenario the change search tries for them.
"""

from __future__ import annotations

import random

import pytest

from intake.eligibility import parse_household
from intake.eligibility.changes import Rescreen, apply_scenario, candidate_scenarios
from intake.eligibility.engine import assess_resolved, parameters, screen_amounts, usable_filing_status

FILER_IDS = ["ssn", "ssn", "ssn_not_valid_for_employment", "itin", "itin", "itin_expired", "applying", "none"]
DEPENDENT_IDS = [*FILER_IDS, "atin"]
STATUSES = ["single", "head_of_household", "married_filing_jointly", "married_filing_separately",
            "qualifying_surviving_spouse"]


def _filer(rng: random.Random, wages: int) -> dict:
    filer = {"id_type": rng.choice(FILER_IDS), "age": rng.choice([rng.randint(16, 64), rng.randint(65, 90)])}
    if rng.random() < 0.15:
        filer["foster_youth"] = True
        filer["age"] = rng.randint(18, 27)
    if rng.random() < 0.1:
        filer["blind"] = True
    share = wages // 2
    if share and rng.random() < 0.3:
        filer["qualified_tips"] = rng.randint(0, share)
    if share and rng.random() < 0.3:
        filer["qualified_overtime"] = rng.randint(0, share - filer.get("qualified_tips", 0))
    return filer


def generated_households(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        status = rng.choice(STATUSES)
        wages = rng.choice([0, rng.randint(0, 30_000), rng.randint(0, 90_000), rng.randint(0, 450_000)])
        dependents = [
            {"id_type": rng.choice(DEPENDENT_IDS), "age": rng.randint(0, 26),
             "full_time_student": rng.random() < 0.2, "months_lived_with_filer": rng.choice([12, 12, 7, 6, 3]),
             "permanently_disabled": rng.random() < 0.05}
            for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4]))
        ]
        if status in ("head_of_household", "qualifying_surviving_spouse") and not dependents:
            status = "single"
        out.append({
            "id": f"G{i}",
            "tax_year": rng.choice([2025, 2026]),
            "state": rng.choice(["CA", "CA", "CA", "NV"]),
            "filing_status": status,
            "taxpayer": _filer(rng, wages),
            "spouse": _filer(rng, wages) if status == "married_filing_jointly" else None,
            "dependents": dependents,
            "wages": wages,
            "self_employment_income": rng.choice([0, 0, rng.randint(-40_000, 120_000)]),
            "other_income": rng.choice([0, 0, rng.randint(0, 40_000)]),
            "investment_income": rng.choice([0, 0, rng.randint(0, 16_000)]),
            "car_loan_interest": rng.choice([0, 0, rng.randint(0, 12_000)]),
        })
    return out


def _full(h, p) -> tuple[dict, dict]:
    run = assess_resolved(h, p)
    return (
        {key: a.amount for key, a in run.credits.items()},
        {key: a.amount for key, a in run.deductions.items()},
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_amounts_only_path_gives_the_full_paths_amounts(seed):
    households = generated_households(1000, seed)
    years = set()
    scenarios_checked = 0
    for data in households:
        h, _ = usable_filing_status(parse_household(data))
        p = parameters(h.tax_year)
        years.add(h.tax_year)
        run = assess_resolved(h, p)
        credits, deductions = _full(h, p)
        # the household itself, with the tax computed and with today's tax given
        assert screen_amounts(h, p, income=run.income, tax=None, california=True) == (credits, deductions), data["id"]
        assert screen_amounts(h, p, income=run.income, tax=run.computation, california=True) == (credits, None)
        # every scenario the change search tries, with what it reuses
        rescreen = Rescreen(h, p, run, screen_amounts)
        for scenario in candidate_scenarios(h, p):
            fast_credits, fast_deductions = rescreen(scenario)
            full_credits, full_deductions = _full(apply_scenario(h, scenario), p)
            # keys left out are the ones the edits cannot change: today's answer must stand
            expected_credits = {k: v for k, v in full_credits.items() if k in fast_credits}
            assert fast_credits == expected_credits, (data["id"], scenario)
            assert {k: credits[k] for k in full_credits if k not in fast_credits} == {
                k: v for k, v in full_credits.items() if k not in fast_credits}, (data["id"], scenario)
            assert (fast_deductions or deductions) == full_deductions, (data["id"], scenario)
            scenarios_checked += 1
    assert years == {2025, 2026}
    assert scenarios_checked > 1000  # the search was exercised, not only the households


def test_an_edited_household_differs_from_the_original_only_in_the_edited_id_types():
    """``apply_scenario`` copies every other field (it builds households by position, for speed)."""
    from dataclasses import replace

    checked = 0
    for data in generated_households(400, seed=11):
        data["taxpayer"]["itin_used_recently"] = False
        if data["dependents"]:
            data["dependents"][0]["birth_year"] = data["tax_year"] - data["dependents"][0]["age"]
        h, _ = usable_filing_status(parse_household(data))
        for scenario in candidate_scenarios(h, parameters(h.tax_year)):
            expected = h
            for edit in scenario:
                head, *rest = edit.path.split(".")
                if head == "dependents":
                    people = list(expected.dependents)
                    people[int(rest[0])] = replace(people[int(rest[0])], id_type=edit.value)
                    expected = replace(expected, dependents=tuple(people))
                else:
                    expected = replace(expected, **{head: replace(getattr(expected, head), id_type=edit.value)})
            assert apply_scenario(h, scenario) == expected, (data["id"], scenario)
            checked += 1
    assert checked > 300
