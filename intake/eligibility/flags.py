"""ITIN lifecycle flags: what someone must do about their number before or when filing."""

from __future__ import annotations

from intake.eligibility import catalogue as m
from intake.eligibility.children import dependent_subject, filer_subjects
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


def household_flags(h: Household) -> list[Flag]:
    """Return a flag for every person whose ID type needs action (or was not given)."""
    flags = []
    for subject, filer in filer_subjects(h.filers):
        spec = _FILER.get(filer.id_type)
        if spec is not None:
            flags.append(spec.flag(subject))
    for i, d in enumerate(h.dependents):
        spec = _DEPENDENT.get(d.id_type)
        if spec is not None:
            flags.append(spec.flag(dependent_subject(i)))
    return flags
