"""What the engine says, not only which codes it returns (found by mutation testing)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from intake.eligibility import HouseholdError
from intake.eligibility.curves import california_curve
from tests.intake.households import kid, screen


def test_a_household_error_lists_every_problem_with_its_field():
    error = HouseholdError([("wages", "must be a whole number"), ("", "no taxpayer"), ("dependents[1].age", "too old")])
    assert str(error) == "wages: must be a whole number; no taxpayer; dependents[1].age: too old"
    assert error.problems == [("wages", "must be a whole number"), ("", "no taxpayer"), ("dependents[1].age", "too old")]
    assert isinstance(error, ValueError)


def test_the_yctc_phase_out_reason_states_where_it_starts_and_by_how_much():
    # Wages $30,000 with a child of 3: the YCTC is being phased out from $27,425 by $21.71 per $100.
    yctc = screen(dependents=[kid("ssn", 3)], wages=30000).credits["ca_yctc"]
    reason = next(r for r in yctc.reasons if r.code == "yctc_phase_out")
    with translation.override("en"):
        text = str(reason.message)
    assert "$27,425" in text and "$21.71" in text


def test_one_result_reads_in_english_then_in_spanish():
    s = screen(dependents=[kid("ssn", 3)], wages=30000)
    message = s.credits["ca_yctc"].reasons[0].message
    with translation.override("en"):
        english = str(message)
    with translation.override("es"):
        spanish = str(message)
    with translation.override("en"):
        again = str(message)
    assert english != spanish and again == english


@pytest.mark.parametrize("children", [0, 1, 2, 3])
def test_every_point_of_the_california_curve_is_what_the_engine_gives(children):
    kids = [kid("ssn", 3)] + [kid("ssn", 8 + n) for n in range(children - 1)] if children else []
    points = california_curve(2025, children, step=500)
    assert [p[0] for p in points] == sorted({p[0] for p in points})
    for earned, caleitc, yctc in points:
        s = screen(dependents=kids, wages=earned)
        expected_yctc = s.credits["ca_yctc"].amount if s.credits["ca_yctc"].status.value == "eligible" else Decimal(0)
        assert (caleitc, yctc) == (s.credits["ca_eitc"].amount, expected_yctc), earned


def test_the_curve_takes_any_positive_step_and_refuses_the_rest():
    assert len(california_curve(2025, 1, step=1)) == 32901 + 1
    for step in (0, -5):
        with pytest.raises(ValueError, match="step must be positive"):
            california_curve(2025, 1, step=step)
    with pytest.raises(ValueError, match="children must be 0 or more"):
        california_curve(2025, -1)
