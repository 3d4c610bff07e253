"""Flags: what someone must do about their number before or when filing, and the 2025-law
provisions that touch the household beyond the six credits (Trump-account pilot, education credits).
"""

from __future__ import annotations

from types import ModuleType

from intake.eligibility import catalogue as m
from intake.eligibility.children import WORK_SSN, dependent_subject, filer_subjects
from intake.eligibility.facts import Household, IdType
from intake.eligibility.result import Flag

_FILER = {
    IdType.ITIN_EXPIRED: m.FLAG_ITIN_EXPIRED,
    IdType.APPLYING: m.FLAG_FILER_APPLYING,
    IdType.NONE: m.FLAG_FILER_NONE,
    IdType.DECLINED: m.FLAG_DECLINED,
}
_DEPENDENT = {
    IdType.ITIN_EXPIRED: m.FLAG_DEPENDENT_ITIN_EXPIRED,
    IdType.APPLYING: m.FLAG_DEPENDENT_APPLYING,
    IdType.NONE: m.FLAG_DEPENDENT_NONE,
    IdType.DECLINED: m.FLAG_DECLINED,
}
# Relationships that can make a qualifying child (IRC §152(c)(2)); the pilot needs one.
QUALIFYING_CHILD_RELATIONSHIPS = frozenset({"child", "stepchild", "foster_child", "sibling", "grandchild"})
DEPENDENT_FILER_MAX_AGE = 23  # a student qualifying child is under 24 (§152(c)(3))


def household_flags(h: Household, p: ModuleType) -> list[Flag]:
    """Return every flag for the household, in the order people are listed."""
    flags = []
    for subject, filer in filer_subjects(h.filers):
        spec = _FILER.get(filer.id_type)
        if spec is not None:
            flags.append(spec.flag(subject))
        if filer.id_type is IdType.ITIN and filer.itin_used_recently is False:
            year = h.tax_year
            flags.append(m.FLAG_ITIN_UNUSED.flag(
                subject, first=year - 3, second=year - 2, third=year - 1, year=year))
    for i, d in enumerate(h.dependents):
        spec = _DEPENDENT.get(d.id_type)
        if spec is not None:
            flags.append(spec.flag(dependent_subject(i)))
    flags.extend(_trump_account(h, p))
    flags.extend(_education(h, p))
    if (
        p.DEPENDENT_STANDARD_DEDUCTION_ADDON.value is None
        and h.spouse is None
        and h.taxpayer.age <= DEPENDENT_FILER_MAX_AGE
        and (h.wages > 0 or h.self_employment_income > 0)
    ):
        flags.append(m.FLAG_DEPENDENT_STANDARD_DEDUCTION.flag("taxpayer", year=h.tax_year))
    return flags


def _trump_account(h: Household, p: ModuleType) -> list[Flag]:
    flags = []
    for i, d in enumerate(h.dependents):
        born = d.birth_year if d.birth_year is not None else h.tax_year - d.age
        if (
            born in p.TRUMP_ACCOUNT_BIRTH_YEARS.value
            and d.id_type in WORK_SSN
            and d.relationship in QUALIFYING_CHILD_RELATIONSHIPS
        ):
            flags.append(m.FLAG_TRUMP_ACCOUNT.flag(dependent_subject(i), born=born))
    if flags and not any(f.id_type in WORK_SSN for f in h.filers):
        flags.append(m.FLAG_TRUMP_ACCOUNT_ITIN_PARENT.flag("household"))
    return flags


def _education(h: Household, p: ModuleType) -> list[Flag]:
    flags = []
    filer_ssn = [f.id_type in WORK_SSN for f in h.filers]
    for i, d in enumerate(h.dependents):
        if not d.full_time_student:
            continue
        subject = dependent_subject(i)
        if not p.EDUCATION_CREDITS_NEED_SSN.value:
            if not all(filer_ssn) or d.id_type not in WORK_SSN:
                flags.append(m.FLAG_EDUCATION_LAST_YEAR.flag(subject, year=h.tax_year))
        elif not any(filer_ssn) or d.id_type not in WORK_SSN:
            flags.append(m.FLAG_EDUCATION_LOST.flag(subject))
        elif not all(filer_ssn):
            flags.append(m.FLAG_EDUCATION_JOINT_UNCERTAIN.flag(subject))
    return flags
