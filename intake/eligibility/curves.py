"""Points for the counseling handout's chart of California credits by earned income."""

from __future__ import annotations

from decimal import Decimal

from intake.eligibility.california import ca_eitc_shape
from intake.eligibility.money import ZERO, steps_up, whole
from intake.eligibility.params import for_year


def california_curve(
    tax_year: int, children: int, *, step: int = 500, young_child: bool = True
) -> list[tuple[int, Decimal, Decimal]]:
    """Return ``(earned income, CalEITC, YCTC)`` from $0 to the CalEITC limit, every ``step`` dollars.

    Assumes a household that meets every other condition (IDs, age, residence, investment income,
    AGI equal to earned income). At $0 the YCTC follows the zero-earnings rule. The last point is
    the limit itself, where both credits are $0.
    """
    if step <= 0:
        raise ValueError("step must be positive")
    if children < 0:
        raise ValueError("children must be 0 or more")
    p = for_year(tax_year)
    limit = int(p.CA_EITC_EARNED_INCOME_LIMIT.value)
    has_young = young_child and children > 0
    points = []
    for earned in [*range(0, limit, step), limit]:
        income = Decimal(earned)
        caleitc = whole(ca_eitc_shape(p, children, income)[0])
        yctc = ZERO
        if has_young and earned < limit:
            yctc = whole(max(
                ZERO,
                p.YCTC_AMOUNT.value
                - p.YCTC_PHASE_OUT_PER_STEP.value * steps_up(income - p.YCTC_PHASE_OUT_START.value, p.YCTC_PHASE_OUT_STEP.value),
            ))
        points.append((earned, caleitc, yctc))
    return points
