"""Points for the counseling handout's chart of California credits by earned income."""

from __future__ import annotations

from decimal import Decimal

from intake.eligibility.california import ca_eitc_shape, phase_out
from intake.eligibility.money import ZERO, whole
from intake.eligibility.params import for_year


def california_curve(
    tax_year: int, children: int, *, step: int = 500, young_child: bool = True
) -> list[tuple[int, Decimal, Decimal]]:
    """Return ``(earned income, CalEITC, YCTC)`` from $0 to the CalEITC limit, every ``step`` dollars.

    Assumes a household that meets every other condition (IDs, age, residence, investment income,
    AGI equal to earned income). At $0 the YCTC follows the zero-earnings rule. The last point is
    the limit itself, where both credits are $0. The corners of both credits (the CalEITC peak and
    the start of its final segment, the YCTC phase-out start) are always included, so a chart's
    maximum is the real maximum and not an artefact of the grid.
    """
    if step <= 0:
        raise ValueError("step must be positive")
    if children < 0:
        raise ValueError("children must be 0 or more")
    p = for_year(tax_year)
    limit = int(p.CA_EITC_EARNED_INCOME_LIMIT.value)
    has_young = young_child and children > 0
    i = min(children, 3)
    rate_in = p.CA_EITC_PHASE_IN_RATE.value[i] * p.CA_EITC_ADJUSTMENT_FACTOR.value
    peak = p.CA_EITC_EARNED_INCOME_AMOUNT.value[i]
    final_start = peak + (peak * rate_in - p.CA_EITC_FLOOR.value[i]) / (
        p.CA_EITC_PHASE_OUT_RATE.value[i] * p.CA_EITC_ADJUSTMENT_FACTOR.value
    )
    corners = {int(peak), int(final_start), int(p.YCTC_PHASE_OUT_START.value)}
    points = []
    for earned in sorted({*range(0, limit, step), limit, *(c for c in corners if 0 < c < limit)}):
        income = Decimal(earned)
        caleitc = whole(ca_eitc_shape(p, children, income)[0])
        yctc = ZERO
        if has_young and earned < limit:
            yctc = whole(
                phase_out(
                    p.YCTC_AMOUNT.value,
                    income,
                    p.YCTC_PHASE_OUT_START.value,
                    p.YCTC_PHASE_OUT_STEP.value,
                    p.YCTC_PHASE_OUT_PER_STEP.value,
                )
            )
        points.append((earned, caleitc, yctc))
    return points
