"""Every write to a household goes through here (STYLE.md §2)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from clinic import clock
from clinic.audit import audit_record
from clinic.models import AuditEntry, Site
from clinic.retention import purge_date
from intake.eligibility.facts import Dependent as DependentFacts
from intake.eligibility.facts import Filer, FilingStatus, IdType
from intake.eligibility.facts import Household as HouseholdFacts
from intake.models import Consent, Dependent, Household

# Fields a volunteer edits on the household form (services accept nothing else).
HOUSEHOLD_FIELDS = (
    "filing_status",
    "taxpayer_id_type",
    "taxpayer_age",
    "taxpayer_foster_youth",
    "spouse_id_type",
    "spouse_age",
    "spouse_foster_youth",
    "wages",
    "self_employment_income",
    "other_income",
    "investment_income",
    "language",
    "nickname",
    "notes",
    "tax_year",
)
DEPENDENT_FIELDS = ("id_type", "age", "full_time_student", "permanently_disabled", "months_lived_with_filer")


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
        cleaned.update(spouse_id_type="", spouse_age=None, spouse_foster_youth=False)
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


def household_facts(household: Household) -> HouseholdFacts:
    """Return the plain facts the eligibility rules read. Uses prefetched dependents if present."""
    spouse = None
    if household.filing_status == FilingStatus.MARRIED_FILING_JOINTLY.value and household.spouse_id_type:
        spouse = Filer(
            id_type=IdType(household.spouse_id_type),
            age=household.spouse_age or 0,
            foster_youth=household.spouse_foster_youth,
        )
    return HouseholdFacts(
        id=household.code,
        tax_year=household.tax_year,
        filing_status=FilingStatus(household.filing_status),
        taxpayer=Filer(
            id_type=IdType(household.taxpayer_id_type),
            age=household.taxpayer_age,
            foster_youth=household.taxpayer_foster_youth,
        ),
        spouse=spouse,
        dependents=tuple(
            DependentFacts(
                id_type=IdType(d.id_type),
                age=d.age,
                full_time_student=d.full_time_student,
                months_lived_with_filer=d.months_lived_with_filer,
                permanently_disabled=d.permanently_disabled,
            )
            for d in household.dependents.all()
        ),
        wages=household.wages,
        self_employment_income=household.self_employment_income,
        other_income=household.other_income,
        investment_income=household.investment_income,
    )


def household_facts_from_values(
    values: Mapping[str, Any], dependents: Iterable[Mapping[str, Any]], *, id: str = "anonymous"
) -> HouseholdFacts:
    """Return the facts for answers that were never saved (anonymous screening)."""
    spouse = None
    if values.get("filing_status") == FilingStatus.MARRIED_FILING_JOINTLY.value and values.get("spouse_id_type"):
        spouse = Filer(
            id_type=IdType(values["spouse_id_type"]),
            age=values.get("spouse_age") or 0,
            foster_youth=bool(values.get("spouse_foster_youth")),
        )
    return HouseholdFacts(
        id=id,
        tax_year=values.get("tax_year", 2025),
        filing_status=FilingStatus(values["filing_status"]),
        taxpayer=Filer(
            id_type=IdType(values["taxpayer_id_type"]),
            age=values["taxpayer_age"],
            foster_youth=bool(values.get("taxpayer_foster_youth")),
        ),
        spouse=spouse,
        dependents=tuple(
            DependentFacts(
                id_type=IdType(d["id_type"]),
                age=d["age"],
                full_time_student=bool(d.get("full_time_student")),
                months_lived_with_filer=d.get("months_lived_with_filer", 12),
                permanently_disabled=bool(d.get("permanently_disabled")),
            )
            for d in dependents
        ),
        wages=values.get("wages", 0),
        self_employment_income=values.get("self_employment_income", 0),
        other_income=values.get("other_income", 0),
        investment_income=values.get("investment_income", 0),
    )
