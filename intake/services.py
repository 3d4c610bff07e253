"""Every write to a household goes through here (docs/architecture.md, habit 2)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from clinic import clock
from clinic.audit import audit_record
from clinic.models import AuditEntry, Site
from clinic.retention import purge_date
from intake.eligibility.facts import FilingStatus
from intake.facts import DEPENDENT_FIELDS, FACT_FIELDS
from intake.models import Consent, Dependent, Household
from intake.shredders import REASON_CONSENT_WITHDRAWN, HouseholdShredder

# Fields a volunteer edits on the household form (services accept nothing else): what the rules
# read, plus the desk's own fields.
HOUSEHOLD_FIELDS = (*FACT_FIELDS, "language", "nickname", "notes")


class HouseholdConflict(Exception):
    """Someone else saved the household since this form was loaded."""

    def __init__(self, household: Household):
        super().__init__("the household changed since it was loaded")
        self.household = household


def _clean_fields(values: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"unexpected fields: {sorted(unknown)}")
    cleaned = dict(values)
    if cleaned.get("filing_status") and cleaned["filing_status"] != FilingStatus.MARRIED_FILING_JOINTLY.value:
        # A spouse is on the return only when filing jointly.
        cleaned.update(
            spouse_id_type="", spouse_age=None, spouse_foster_youth=False, spouse_qualified_tips=0,
            spouse_qualified_overtime=0, spouse_blind=False, spouse_itin_used_recently="",
        )
    return cleaned


def _write_dependents(household: Household, dependents: Iterable[Mapping[str, Any]]) -> None:
    household.dependents.all().delete()
    rows = []
    for position, values in enumerate(dependents):
        dependent = Dependent(household=household, position=position, **_clean_fields(values, DEPENDENT_FIELDS))
        dependent.full_clean(exclude=["household"])
        rows.append(dependent)
    Dependent.objects.bulk_create(rows)


@transaction.atomic
def household_open(
    *,
    site: Site,
    user,
    values: Mapping[str, Any],
    dependents: Iterable[Mapping[str, Any]] = (),
    submission_token: str | None = None,
) -> Household:
    """Record a new household with the client's consent; a repeated submission returns the first."""
    if submission_token:
        existing = Household.objects.filter(submission_token=submission_token, site=site).first()
        if existing is not None:
            return existing
    now = clock.now()
    household = Household(
        site=site,
        created_by=user,
        created_at=now,
        updated_at=now,
        last_visit_at=now,
        submission_token=submission_token or None,
        **_clean_fields(values, HOUSEHOLD_FIELDS),
    )
    household.purge_after = purge_date(last_visit=clock.today())
    household.full_clean(exclude=["code", "submission_token"])
    try:
        with transaction.atomic():
            household.save()
    except IntegrityError:
        # Two identical submissions raced; the other one won.
        existing = Household.objects.filter(submission_token=submission_token, site=site).first()
        if existing is None:
            raise
        return existing
    _write_dependents(household, dependents)
    Consent.objects.create(household=household, recorded_by=user, recorded_at=now)
    audit_record(actor=user, action=AuditEntry.Action.CREATE, site=site, visit_code=household.code)
    return household


def household_update(
    *,
    household: Household,
    user,
    expected_version: int,
    values: Mapping[str, Any],
    dependents: Iterable[Mapping[str, Any]] | None = None,
) -> Household:
    """Save a volunteer's edit unless someone else saved first (then raise HouseholdConflict)."""
    try:
        return _household_update(
            household=household, user=user, expected_version=expected_version, values=values, dependents=dependents
        )
    except HouseholdConflict:
        # Outside the rolled-back transaction, so the conflict stays on record.
        audit_record(actor=user, action=AuditEntry.Action.CONFLICT, site=household.site, visit_code=household.code)
        raise


@transaction.atomic
def _household_update(
    *,
    household: Household,
    user,
    expected_version: int,
    values: Mapping[str, Any],
    dependents: Iterable[Mapping[str, Any]] | None = None,
) -> Household:
    cleaned = _clean_fields(values, HOUSEHOLD_FIELDS)
    candidate = Household.objects.get(pk=household.pk)
    for name, value in cleaned.items():
        setattr(candidate, name, value)
    candidate.full_clean(exclude=["code", "submission_token"])
    now = clock.now()
    changes = {name: getattr(candidate, name) for name in cleaned}
    # .update() runs each field's get_db_prep_save, which encrypts: pass plain values (preparing them
    # here as well would encrypt twice).
    updated = Household.objects.filter(pk=household.pk, version=expected_version).update(
        **changes,
        updated_at=now,
        last_visit_at=now,
        purge_after=purge_date(last_visit=clock.today()),
        version=F("version") + 1,
    )
    if updated == 0:
        raise HouseholdConflict(Household.objects.get(pk=household.pk))
    if dependents is not None:
        _write_dependents(household, dependents)
    audit_record(
        actor=user,
        action=AuditEntry.Action.EDIT,
        site=household.site,
        visit_code=household.code,
        data={"fields": sorted(cleaned)},
    )
    return Household.objects.get(pk=household.pk)


@transaction.atomic
def household_close(*, household: Household, user) -> Household:
    """Close the visit; the purge date still runs from the last visit."""
    now = clock.now()
    Household.objects.filter(pk=household.pk).update(
        status=Household.Status.CLOSED, closed_at=now, version=F("version") + 1
    )
    audit_record(actor=user, action=AuditEntry.Action.CLOSE, site=household.site, visit_code=household.code)
    return Household.objects.get(pk=household.pk)


def household_viewed(*, household: Household, user) -> None:
    """Record that someone looked at a household (every look is logged)."""
    audit_record(actor=user, action=AuditEntry.Action.VIEW, site=household.site, visit_code=household.code)


@transaction.atomic
def consent_withdraw(*, household: Household, user) -> None:
    """Delete a household at once because the client withdrew consent; it is not counted."""
    locked = Household.objects.select_for_update().filter(pk=household.pk).first()
    if locked is None:
        return  # already gone: withdrawing twice is not an error
    HouseholdShredder(locked, reason=REASON_CONSENT_WITHDRAWN).shred()
    audit_record(
        actor=user, action=AuditEntry.Action.CONSENT_WITHDRAWN, site=household.site, data={"count": 1}
    )
