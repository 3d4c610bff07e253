"""Who counts: the qualifying-child tests and the ID-type tests each credit applies."""

from __future__ import annotations

from types import ModuleType

from intake.eligibility.facts import Dependent, Filer, IdType

# An SSN valid for work: the only number the 2025 CTC (§24(h)(7)) and the EITC (§32(m)) accept.
WORK_SSN = frozenset({IdType.SSN})
# A number issued (or to be issued from a W-7 sent with the return) for the ODC (§24(e)).
FEDERAL_TIN = frozenset(
    {IdType.SSN, IdType.SSN_NOT_VALID_FOR_EMPLOYMENT, IdType.ITIN, IdType.ATIN, IdType.ITIN_EXPIRED, IdType.APPLYING}
)
# California: any SSN (work-valid or not) or an ITIN; an ATIN does not count (FTB CalEITC page).
CALIFORNIA_ID = frozenset(
    {IdType.SSN, IdType.SSN_NOT_VALID_FOR_EMPLOYMENT, IdType.ITIN, IdType.ITIN_EXPIRED, IdType.APPLYING}
)
# Numbers that exist only once a Form W-7 (new or renewal) is processed.
PENDING = frozenset({IdType.ITIN_EXPIRED, IdType.APPLYING})


def dependent_subject(index: int) -> str:
    return f"dependent {index + 1}"


FILER_SUBJECTS = ("taxpayer", "spouse")


def filer_subjects(filers: tuple[Filer, ...]) -> tuple[tuple[str, Filer], ...]:
    return tuple(zip(FILER_SUBJECTS, filers, strict=False))


def lives_with_filer(d: Dependent, p: ModuleType) -> bool:
    return d.months_lived_with_filer >= p.RESIDENCY_MIN_MONTHS.value


def is_ctc_age(d: Dependent, p: ModuleType) -> bool:
    return d.age < p.CTC_CHILD_AGE_LIMIT.value


def is_eitc_child(d: Dependent, p: ModuleType) -> bool:
    """Return whether the dependent is a §32(c)(3) / §152(c) qualifying child (ID aside)."""
    if not lives_with_filer(d, p):
        return False
    return (
        d.age < p.EITC_CHILD_AGE_LIMIT.value
        or (d.full_time_student and d.age < p.EITC_STUDENT_AGE_LIMIT.value)
        or d.permanently_disabled
    )
