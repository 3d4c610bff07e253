"""Income, self-employment tax and federal income tax before credits.

``income_tax`` is the regular income tax on taxable income (Form 1040 line 16): the 2025 brackets
applied to AGI minus the standard deduction (with the 65+/blind additions) and the senior deduction.
Self-employment tax is a separate tax (Schedule 2) and is not part of it; its deductible half
lowers AGI. This is the tax the non-refundable Child Tax Credit and ODC are limited by.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType

from intake.eligibility.facts import FilingStatus, Household, IdType
from intake.eligibility.money import ZERO, whole

JOINT = FilingStatus.MARRIED_FILING_JOINTLY


@dataclass(frozen=True, slots=True)
class Income:
    wages: Decimal
    self_employment_income: Decimal
    other_income: Decimal
    investment_income: Decimal
    self_employment_tax: Decimal
    self_employment_deduction: Decimal
    agi: Decimal
    earned_income: Decimal  # wages + SE earnings net of the deductible half of SE tax (can be < 0)
    social_security_taxes: Decimal  # employee FICA on wages + half of SE tax, for §24(d)(2)


def income_for(h: Household, p: ModuleType) -> Income:
    """Return the household's income measures for the year's parameters."""
    wages = Decimal(h.wages)
    se = Decimal(h.self_employment_income)
    se_tax = ZERO
    if se > ZERO:
        net = se * p.SE_NET_EARNINGS_FACTOR.value
        if net >= p.SE_MINIMUM_NET_EARNINGS.value:
            # Wages and self-employment are treated as one earner's for the wage base (see docs).
            ss_base = min(net, max(ZERO, p.SOCIAL_SECURITY_WAGE_BASE.value - wages))
            se_tax = ss_base * p.SE_SOCIAL_SECURITY_RATE.value + net * p.SE_MEDICARE_RATE.value
    se_deduction = se_tax * p.SE_DEDUCTIBLE_SHARE.value
    other = Decimal(h.other_income)
    investment = Decimal(h.investment_income)
    agi = wages + se - se_deduction + other + investment
    earned = wages + se - se_deduction
    fica = (
        min(wages, p.SOCIAL_SECURITY_WAGE_BASE.value) * p.EMPLOYEE_SOCIAL_SECURITY_RATE.value
        + wages * p.EMPLOYEE_MEDICARE_RATE.value
    )
    return Income(wages, se, other, investment, se_tax, se_deduction, agi, earned, fica + se_deduction)


def standard_deduction(h: Household, p: ModuleType) -> Decimal:
    status = h.filing_status
    amount = p.STANDARD_DEDUCTION.value[status]
    extra = p.ADDITIONAL_STANDARD_DEDUCTION.value[status]
    for filer in h.filers:
        if filer.age >= p.ADDITIONAL_STANDARD_DEDUCTION_AGE.value:
            amount += extra
        if filer.blind:
            amount += extra
    return amount


def senior_deduction(h: Household, p: ModuleType, agi: Decimal) -> Decimal:
    """Return the 2025–2028 senior deduction: $6,000 per filer 65+ with an SSN valid for work."""
    if h.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
        return ZERO  # a married filer must file jointly (§151(d)(5)(C)(iii))
    count = sum(
        1 for f in h.filers if f.age >= p.SENIOR_DEDUCTION_AGE.value and f.id_type is IdType.SSN
    )
    if not count:
        return ZERO
    start = p.SENIOR_DEDUCTION_PHASE_OUT_START.value["joint" if h.filing_status is JOINT else "other"]
    each = p.SENIOR_DEDUCTION.value - max(ZERO, agi - start) * p.SENIOR_DEDUCTION_PHASE_OUT_RATE.value
    return max(ZERO, each) * count


def tax_on(taxable: Decimal, status: FilingStatus, p: ModuleType) -> Decimal:
    """Return the exact bracket tax on ``taxable`` income (the Tax Computation Worksheet method)."""
    tax = ZERO
    lower = ZERO
    rates = p.BRACKET_RATES.value
    for rate, upper in zip(rates, p.BRACKET_THRESHOLDS.value[status], strict=False):
        if taxable <= upper:
            return tax + (taxable - lower) * rate
        tax += (upper - lower) * rate
        lower = upper
    return tax + (taxable - lower) * rates[-1]


def income_tax(h: Household, p: ModuleType, income: Income) -> Decimal:
    """Return federal income tax before credits, in whole dollars."""
    deductions = standard_deduction(h, p) + senior_deduction(h, p, income.agi)
    taxable = max(ZERO, income.agi - deductions)
    return whole(tax_on(taxable, h.filing_status, p))
