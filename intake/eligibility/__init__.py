"""Credit screening: pure rules per tax year over plain household facts (no ORM, no request).

    screening = assess(parse_household(data))
    screening.credits["federal_ctc"].status, .amount, .reasons, .changes
"""

from __future__ import annotations

from intake.eligibility.engine import assess
from intake.eligibility.errors import HouseholdError
from intake.eligibility.params import SUPPORTED_TAX_YEARS
from intake.eligibility.parse import parse_household
from intake.eligibility.result import (
    CREDIT_KEYS,
    CREDIT_LABELS,
    Assessment,
    Change,
    Flag,
    Reason,
    Screening,
    Status,
)

__all__ = [
    "CREDIT_KEYS",
    "CREDIT_LABELS",
    "SUPPORTED_TAX_YEARS",
    "Assessment",
    "Change",
    "Flag",
    "HouseholdError",
    "Reason",
    "Screening",
    "Status",
    "assess",
    "parse_household",
]
