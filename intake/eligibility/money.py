"""Rounding and display of money: Decimal throughout, whole dollars rounded half up at the end."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)


def whole(amount: Decimal) -> Decimal:
    """Round to whole dollars, half up (the IRS whole-dollar convention)."""
    return amount.quantize(ONE, rounding=ROUND_HALF_UP)


def steps_up(amount: Decimal, step: Decimal) -> Decimal:
    """Return how many ``step``s (a part of a step counts as one) fit in ``amount``; 0 if negative."""
    if amount <= ZERO:
        return ZERO
    return (amount / step).to_integral_value(rounding=ROUND_CEILING)


def dollars(amount: Decimal | int) -> str:
    """Format for a message: ``$1,189`` (cents only when there are any)."""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"${int(amount):,}"
    return f"${amount:,.2f}"
