"""Households recorded at the intake desk.

Privacy decisions, field by field, are recorded in docstrings and help texts here and in the data
inventory (``clinic/inventory.py``). In short: no ID numbers, no address, no date of birth, no
country, no immigration status; ID *types*, the optional nickname and notes are encrypted.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clinic.crypto import EncryptedCharField, EncryptedTextField
from clinic.models import Site
from clinic.validators import reject_tin_shaped
from intake.eligibility.facts import FilingStatus, IdType
from intake.eligibility.params import SUPPORTED_TAX_YEARS

# No 0/O, 1/I/L: codes are read aloud and typed at a busy desk.
VISIT_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VISIT_CODE_LENGTH = 8

MAX_DEPENDENTS = 12
MAX_AGE = 120
MAX_MONEY = 10_000_000  # whole dollars; above this a volunteer has mistyped


def new_visit_code() -> str:
    """Return a random visit code like ``K7MQ-4XTP``: the household's only identifier."""
    raw = "".join(secrets.choice(VISIT_CODE_ALPHABET) for _ in range(VISIT_CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


ID_TYPE_CHOICES = [
    (IdType.SSN.value, _("SSN valid for work")),
    (IdType.SSN_NOT_VALID_FOR_EMPLOYMENT.value, _("SSN not valid for employment")),
    (IdType.ITIN.value, _("ITIN")),
    (IdType.ITIN_EXPIRED.value, _("ITIN, expired or being renewed")),
    (IdType.APPLYING.value, _("Applying (Form W-7 with this return)")),
    (IdType.ATIN.value, _("ATIN (adoption, dependents only)")),
    (IdType.NONE.value, _("No number")),
    (IdType.DECLINED.value, _("Prefers not to say")),
]
FILER_ID_TYPE_CHOICES = [choice for choice in ID_TYPE_CHOICES if choice[0] != IdType.ATIN.value]

FILING_STATUS_CHOICES = [
    (FilingStatus.SINGLE.value, _("Single")),
    (FilingStatus.HEAD_OF_HOUSEHOLD.value, _("Head of household")),
    (FilingStatus.MARRIED_FILING_JOINTLY.value, _("Married filing jointly")),
    (FilingStatus.MARRIED_FILING_SEPARATELY.value, _("Married filing separately")),
    (FilingStatus.QUALIFYING_SURVIVING_SPOUSE.value, _("Qualifying surviving spouse")),
]

money_validators = [MinValueValidator(0), MaxValueValidator(MAX_MONEY)]

RELATIONSHIP_CHOICES = [
    ("child", _("Son or daughter")),
    ("stepchild", _("Stepchild")),
    ("foster_child", _("Foster child")),
    ("sibling", _("Brother or sister")),
    ("grandchild", _("Grandchild")),
    ("other_relative", _("Other relative")),
    ("other", _("Other")),
]
# Was this ITIN on a federal return in any of the three prior tax years? Encrypted: the answer
# says the person holds an ITIN, which stands in for immigration status like the ID type.
ITIN_USE_CHOICES = [("", _("Not asked")), ("yes", _("Yes")), ("no", _("No"))]


def desk_tax_years() -> tuple[int, ...]:
    """The tax years the desk serves: the season in progress and the prior year (late returns)."""
    season = settings.CONFIANZA_TAX_YEAR
    return tuple(year for year in (season, season - 1) if year in SUPPORTED_TAX_YEARS)


def default_tax_year() -> int:
    """The season in progress (``CONFIANZA_TAX_YEAR``): a new household's tax year."""
    return settings.CONFIANZA_TAX_YEAR


def validate_tax_year(value: int) -> None:
    if value not in desk_tax_years():
        raise ValidationError(
            _("Tax year %(year)s is not served here (served: %(served)s)."),
            code="tax_year",
            params={"year": value, "served": ", ".join(map(str, desk_tax_years()))},
        )
age_validators = [MinValueValidator(0), MaxValueValidator(MAX_AGE)]


class Household(models.Model):
    """One family's visit, identified only by a random visit code.

    Ages, not dates of birth: enough for every age test, not identifying. Income in whole dollars,
    as the client estimates it. ``version`` guards against lost updates (optimistic locking).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    code = models.CharField(
        _("visit code"), max_length=16, unique=True, default=new_visit_code, editable=False
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="households")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    tax_year = models.PositiveSmallIntegerField(
        _("tax year"), default=default_tax_year, validators=[validate_tax_year]
    )
    language = models.CharField(_("client's language"), max_length=10, default="en")
    # Free text refuses anything shaped like an SSN/ITIN here too, not only in the forms: every
    # write path (services, commands) runs full_clean().
    nickname = EncryptedCharField(
        _("nickname"),
        max_length=40,
        blank=True,
        help_text=_("Optional: what to call the client. Not their full name."),
        validators=[reject_tin_shaped],
    )
    notes = EncryptedTextField(_("notes"), blank=True, validators=[reject_tin_shaped])

    filing_status = models.CharField(_("filing status"), max_length=40, choices=FILING_STATUS_CHOICES)
    # Choices, so that an ID-type column can never hold a number (checked by full_clean()).
    taxpayer_id_type = EncryptedCharField(_("taxpayer's ID type"), max_length=40, choices=FILER_ID_TYPE_CHOICES)
    taxpayer_age = models.PositiveSmallIntegerField(_("taxpayer's age"), validators=age_validators)
    taxpayer_foster_youth = models.BooleanField(_("taxpayer was in foster care at 13 or older"), default=False)
    spouse_id_type = EncryptedCharField(
        _("spouse's ID type"), max_length=40, blank=True, choices=FILER_ID_TYPE_CHOICES
    )
    spouse_age = models.PositiveSmallIntegerField(
        _("spouse's age"), null=True, blank=True, validators=age_validators
    )
    spouse_foster_youth = models.BooleanField(_("spouse was in foster care at 13 or older"), default=False)
    # Issue 9 (the 2027 season): per filer, the Schedule 1-A amounts (part of wages), blindness
    # (standard deduction) and whether an ITIN was used lately (renewal flag; encrypted, see above).
    taxpayer_qualified_tips = models.PositiveIntegerField(_("taxpayer's qualified tips"), default=0, validators=money_validators)
    taxpayer_qualified_overtime = models.PositiveIntegerField(
        _("taxpayer's qualified overtime premium"), default=0, validators=money_validators
    )
    taxpayer_blind = models.BooleanField(_("taxpayer is blind"), default=False)
    taxpayer_itin_used_recently = EncryptedCharField(
        _("taxpayer's ITIN used in the last three years"), max_length=3, blank=True, choices=ITIN_USE_CHOICES
    )
    spouse_qualified_tips = models.PositiveIntegerField(_("spouse's qualified tips"), default=0, validators=money_validators)
    spouse_qualified_overtime = models.PositiveIntegerField(
        _("spouse's qualified overtime premium"), default=0, validators=money_validators
    )
    spouse_blind = models.BooleanField(_("spouse is blind"), default=False)
    spouse_itin_used_recently = EncryptedCharField(
        _("spouse's ITIN used in the last three years"), max_length=3, blank=True, choices=ITIN_USE_CHOICES
    )

    wages = models.PositiveIntegerField(_("wages"), default=0, validators=money_validators)
    self_employment_income = models.IntegerField(
        _("self-employment income"), default=0, validators=[MaxValueValidator(MAX_MONEY), MinValueValidator(-MAX_MONEY)]
    )
    other_income = models.PositiveIntegerField(_("other income"), default=0, validators=money_validators)
    investment_income = models.PositiveIntegerField(
        _("investment income"), default=0, validators=money_validators
    )
    car_loan_interest = models.PositiveIntegerField(
        _("car-loan interest"), default=0, validators=money_validators,
        help_text=_("Interest on a loan taken out after 2024 for a new vehicle assembled in the U.S."),
    )

    # blank: a household whose creator was deleted (every seeded demo household) still validates.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    last_visit_at = models.DateTimeField(_("last visit"))
    purge_after = models.DateField(_("purge date"), db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The coordinator's season page needs each household's screening outcome (ID type, and per
    # credit its status and estimated amount); screening 10,000 households after every restart took
    # half a minute, so the outcome is kept here, encrypted, for the version and rules it was
    # computed with (intake.season). Deleted with the row; never shown for one household.
    season_outcome = EncryptedTextField(
        _("season outcome"), blank=True, editable=False, validators=[reject_tin_shaped]
    )
    # Idempotency key from the form: a double-submitted intake creates one household.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-last_visit_at"]
        indexes = [
            models.Index(fields=["site", "status", "-last_visit_at"], name="household_site_status"),
            # The site's list walks this in order and stops after one page (bench/bench_pages.py).
            models.Index(fields=["site", "-last_visit_at", "-id"], name="household_site_recent"),
        ]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("intake:household-detail", kwargs={"code": self.code})


class Dependent(models.Model):
    """A child or other dependent. Age at year end and months lived together; no name."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="dependents")
    position = models.PositiveSmallIntegerField(default=0)
    id_type = EncryptedCharField(_("ID type"), max_length=40, choices=ID_TYPE_CHOICES)
    age = models.PositiveSmallIntegerField(_("age at year end"), validators=age_validators)
    full_time_student = models.BooleanField(_("full-time student"), default=False)
    permanently_disabled = models.BooleanField(_("permanently and totally disabled"), default=False)
    months_lived_with_filer = models.PositiveSmallIntegerField(
        _("months lived with the filer"), default=12, validators=[MaxValueValidator(12)]
    )
    relationship = models.CharField(
        _("relationship to the filer"), max_length=20, choices=RELATIONSHIP_CHOICES, default="child"
    )
    # Equivalent to the age at the end of the tax year (tax year − birth year); kept only when the
    # volunteer typed it, for the Trump-account pilot (born 2025–2028).
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dependent")
        verbose_name_plural = _("dependents")

    def __str__(self) -> str:
        return f"{self.household.code} #{self.position + 1}"


class Consent(models.Model):
    """The client's consent to record their household: who took it, when, what for.

    Withdrawing consent purges the household at once (intake.services.consent_withdraw).
    """

    class Purpose(models.TextChoices):
        SCREENING = "screening", _("Record answers to screen for credits during this filing season")

    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="consent")
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, default=Purpose.SCREENING)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.household.code} {self.purpose}"


class SpentConsent(models.Model):
    """A consent token that has been used: a household was recorded from it (review finding 5).

    A consent is for one household: once used, resubmitting the same form (the back button, a double
    submit after the client withdrew) records nothing. Only a digest of the token's random nonce is
    kept, with the hour it was spent, and only while the token could still be presented
    (``CONSENT_MAX_AGE``); ``purge_expired`` deletes older rows. Nothing here points at a household.
    """

    digest = models.CharField(max_length=64, unique=True)
    spent_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("spent consent token")
        verbose_name_plural = _("spent consent tokens")

    def __str__(self) -> str:
        return self.digest[:8]
