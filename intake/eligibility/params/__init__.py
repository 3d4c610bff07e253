"""Parameters per tax year: one data module per year, each value with its citation beside it."""

from __future__ import annotations

from types import ModuleType

from intake.eligibility.params import y2025, y2026

BY_YEAR: dict[int, ModuleType] = {2025: y2025, 2026: y2026}
SUPPORTED_TAX_YEARS: tuple[int, ...] = tuple(sorted(BY_YEAR))


def for_year(tax_year: int) -> ModuleType:
    """Return the parameter module for ``tax_year``; ``KeyError`` when it is not supported."""
    return BY_YEAR[tax_year]


def california_is_estimate(p: ModuleType) -> bool:
    """Whether the year's California amounts rest on an earlier year's FTB figures (facts §2.4)."""
    return p.CA_FIGURES_YEAR != p.TAX_YEAR
