"""Formatting for the intake pages: US dollars the same way in every interface language."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def dollars(value) -> str:
    """Return ``$4,400`` for 4400 (whole dollars, rounded); ``-$1,200`` for a loss."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.0f}"
