"""Income, self-employment tax and federal income tax before credits.

``federal_tax`` is the regular income tax on taxable income (Form 1040 line 16): the year's
brackets applied to AGI minus the standard deduction (with the 65+/blind additions), the Schedule
1-A deductions (senior, tips, overtime, car-loan interest) and the QBI deduction (Form 8995).
Self-employment tax is a separate tax (Schedule 2) and is not part of it; its deductible half
lowers AGI. This is the tax the non-refundable Child Tax Credit and ODC are limited by.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType

from intake.eligibility.deductions import qbi_deduction, schedule_1a_deductions
from intake.eligibility.facts import FilingStatus, Household
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
    """Return the standard deduction with the 65+/blind additions (IRC §63(c), §63(f))."""
    status = h.filing_status
    amount = p.STANDARD_DEDUCTION.value[status]
    extra = p.ADDITIONAL_STANDARD_DEDUCTION.value[status]
    for filer in h.filers:
        if filer.age >= p.ADDITIONAL_STANDARD_DEDUCTION_AGE.value:
            amount += extra
        if filer.blind:
            amount += extra
    return amount


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


@dataclass(frozen=True, slots=True)
class TaxComputation:
    """Federal income tax before credits (Form 1040 line 16) with the deductions that lead to it.

    ``low`` and ``high`` differ only when a deduction is indeterminate (its ``low``/``high``
    bounds differ): then the credits limited by the tax are screened with both.
    """

    income: Income
    standard_deduction: Decimal
    deductions: dict  # key -> deductions.Deduction, in DEDUCTION_KEYS order
    low: Decimal
    high: Decimal

    @property
    def settled(self) -> bool:
        return self.low == self.high


def federal_tax(h: Household, p: ModuleType, income: Income) -> TaxComputation:
    """Return the tax: AGI − standard deduction − Schedule 1-A deductions − QBI, taxed by brackets."""
    std = standard_deduction(h, p)
    found = schedule_1a_deductions(h, p, income)
    most = sum((d.high for d in found.values()), ZERO)
    least = sum((d.low for d in found.values()), ZERO)
    # §199A(e)(1): taxable income before the QBI deduction (with every other deduction taken).
    before_low = max(ZERO, income.agi - std - most)
    before_high = max(ZERO, income.agi - std - least)
    qbi = qbi_deduction(h, p, income, before_low, before_high)
    found["qbi"] = qbi
    taxable_low = max(ZERO, before_low - qbi.high)
    taxable_high = max(ZERO, before_high - qbi.low)
    low = whole(tax_on(taxable_low, h.filing_status, p))
    high = low if taxable_high == taxable_low else whole(tax_on(taxable_high, h.filing_status, p))
    return TaxComputation(income, std, found, low, high)
