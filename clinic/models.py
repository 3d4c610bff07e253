"""Sites, memberships and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clinic.crypto import EncryptedTextField
from clinic.validators import reject_tin_shaped


class Site(models.Model):
    """A clinic location. Its name, phone and hours are printed on handouts."""

    slug = models.SlugField(_("short name"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    languages = models.JSONField(
        _("languages offered"),
        default=list,
        blank=True,
        help_text=_("Language codes the site offers, e.g. en, es."),
    )
    hours_translations = models.JSONField(
        _("hours in other languages"),
        default=dict,
        blank=True,
        help_text=_("The opening hours written in each language, by language code, where they differ."),
    )
    shared_desks = models.BooleanField(
        _("shared intake desks"),
        default=False,
        help_text=_("Volunteers sign in at shared computers: sign them out sooner when idle."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name

    def hours_in(self, language: str) -> str:
        """Return the opening hours as written for a language, else the default text."""
        return (self.hours_translations or {}).get(language) or self.hours


class Referral(models.Model):
    """One place a site sends clients: printed under "Where to go" on handouts and the summary.

    Each site keeps its own list, edited by its coordinator. ``name``, ``hours`` and ``note`` are
    the default (English) text; ``translations`` holds ``{language: {name, hours, note}}`` where the
    text differs, so a Spanish handout never prints an English line it could print in Spanish.
    Nothing here is about a client.
    """

    class Kind(models.TextChoices):
        LEGAL = "legal", _("Free immigration legal help")
        W7 = "w7", _("Help with Form W-7 (ITIN), e.g. a Certifying Acceptance Agent")
        HELPLINE = "helpline", _("Community help line (211)")
        IRS = "irs", _("IRS phone line")
        FTB = "ftb", _("Franchise Tax Board (FTB) phone line")
        CLINIC = "clinic", _("This clinic")
        OTHER = "other", _("Other")

    TEXT_FIELDS = ("name", "hours", "note")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=120, validators=[reject_tin_shaped])
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[reject_tin_shaped])
    hours = models.CharField(_("hours"), max_length=120, blank=True, validators=[reject_tin_shaped])
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[reject_tin_shaped])
    translations = models.JSONField(
        _("text in other languages"),
        default=dict,
        blank=True,
        help_text=_("Name, hours and note per language code, where they differ from the default text."),
    )

    class Meta:
        ordering = ["site", "order", "pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.name} ({self.site})"

    def text_in(self, language: str) -> dict[str, str]:
        """Return name, phone, hours and note as printed for a language (default text where none)."""
        own = (self.translations or {}).get(language) or {}
        text = {name: (own.get(name) or getattr(self, name)) for name in self.TEXT_FIELDS}
        return {**text, "phone": self.phone, "kind": self.kind}


class Membership(models.Model):
    """A user's role at one site. Access to households is always through a membership."""

    class Role(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer")
        COORDINATOR = "coordinator", _("Site coordinator")
        EDITOR = "editor", _("Content editor")
        ADMIN = "admin", _("Administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VOLUNTEER)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "site"], name="membership_user_site_unique")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.site} ({self.role})"

    @property
    def can_edit_households(self) -> bool:
        return self.is_active and self.role in (
            self.Role.VOLUNTEER,
            self.Role.COORDINATOR,
            self.Role.ADMIN,
        )

    @property
    def can_manage_site(self) -> bool:
        return self.is_active and self.role in (self.Role.COORDINATOR, self.Role.ADMIN)


class AuditEntryQuerySet(models.QuerySet):
    """Audit rows are append-only: no delete, and the only update is a redaction."""

    REDACTION = {"visit_code": "", "data": {}, "redacted": True}

    def update(self, **kwargs):
        if kwargs != self.REDACTION:
            raise AppendOnlyError("audit entries are append-only; only redaction may change them")
        return super().update(**kwargs)

    def delete(self):
        raise AppendOnlyError("audit entries are never deleted; redact them instead")

    delete.queryset_only = True


class AppendOnlyError(Exception):
    """Something tried to change or delete an audit entry."""


class AuditEntry(models.Model):
    """One look at, or change to, a household: who, what, when, which visit code.

    Never holds a personal value: no name, nickname, note, ID type, age or amount. ``data`` is for
    operational details only (a topic slug, a language code, a count). When a household is purged,
    its entries are redacted (visit code blanked, ``redacted`` set), never deleted. On PostgreSQL a
    trigger refuses UPDATE and DELETE except for that redaction.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        VIEW = "view", _("Viewed")
        EDIT = "edit", _("Edited")
        PRINT = "print", _("Printed")
        EXPORT = "export", _("Exported")
        CONSENT = "consent", _("Consent recorded")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
        CLOSE = "close", _("Visit closed")
        PURGE = "purge", _("Purged")
        CONFLICT = "conflict", _("Edit conflict")

    at = models.DateTimeField(_("when"), db_index=True)
    # PROTECT: a user with audit history is deactivated, never deleted (the log is append-only).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("site")
    )
    action = models.CharField(_("what"), max_length=30, choices=Action.choices)
    visit_code = models.CharField(_("visit code"), max_length=16, blank=True, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    redacted = models.BooleanField(_("redacted"), default=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.visit_code or '—'}"

    def save(self, *args, **kwargs):
        # Integrity guard, not business logic: an existing entry is never rewritten.
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("audit entries are append-only; only redaction may change them")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries are never deleted; redact them instead")


class SeasonCounter(models.Model):
    """Anonymous counts kept after households are purged (aggregate only, docs/architecture.md, privacy principle 3).

    One row per site, period, the primary filer's ID type, credit and status. ``credit`` and
    ``status`` are blank on the row that counts households. No visit code, no link to any household.

    **No row ever counts fewer than ``SMALL_CELL`` (5) households** (review finding 4): counts are
    held back, encrypted, in ``PendingSeasonCount`` until their cell reaches 5, and a cell that has
    not reached it when its period ends is merged into a coarser one: a week into its month, a month
    into the filing season, a season cell's ID type into "other" (clinic/counters.py). ``week`` is
    the first day of the period (a Monday for weeks). Reports still suppress small sums.
    """

    class Period(models.TextChoices):
        WEEK = "week", _("week")
        MONTH = "month", _("month")
        SEASON = "season", _("filing season")

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site"))
    period = models.CharField(_("period"), max_length=10, choices=Period.choices, default=Period.WEEK)
    week = models.DateField(_("period starting"))
    id_type = models.CharField(_("ID type"), max_length=40)
    credit = models.CharField(_("credit"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    # Credit rows only: the sum of the estimated dollars of the households counted in the cell.
    amount = models.PositiveBigIntegerField(_("estimated dollars"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "period", "week", "id_type", "credit", "status"], name="season_counter_cell_unique"
            )
        ]
        ordering = ["site", "week", "period", "id_type", "credit", "status"]
        verbose_name = _("season counter")
        verbose_name_plural = _("season counters")

    def __str__(self) -> str:
        return f"{self.site_id} {self.period} {self.week} {self.id_type} {self.credit or '*'} {self.status or '*'}: {self.count}"


class PendingSeasonCount(models.Model):
    """Counts not yet published because their cell holds fewer than 5 households (clinic/counters.py).

    One row per site; the cells are one encrypted, padded JSON value, so a copy of the database
    without the key shows only that a site has some counts pending, not what or how many.
    """

    site = models.OneToOneField(Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site"))
    cells = EncryptedTextField(_("pending cells"), blank=True, default="")

    class Meta:
        verbose_name = _("pending season count")
        verbose_name_plural = _("pending season counts")

    def __str__(self) -> str:
        return f"{self.site_id}: pending"


class ActivityCounter(models.Model):
    """Anonymous daily counts of desk activity that is not a household: screenings and prints.

    ``activity`` is ``screening`` (an anonymous screening: nothing else about it is kept) or
    ``print`` (a handout or summary printed; ``topic`` and ``language`` say which). No visit code,
    no ID type, no link to any household or user.
    """

    class Activity(models.TextChoices):
        SCREENING = "screening", _("Anonymous screening")
        PRINT = "print", _("Handout printed")

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site"))
    day = models.DateField(_("day"))
    activity = models.CharField(_("activity"), max_length=20, choices=Activity.choices)
    topic = models.CharField(_("topic"), max_length=60, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "day", "activity", "topic", "language"], name="activity_counter_cell_unique"
            )
        ]
        ordering = ["site", "day", "activity", "topic", "language"]
        verbose_name = _("activity counter")
        verbose_name_plural = _("activity counters")

    def __str__(self) -> str:
        return f"{self.site_id} {self.day} {self.activity} {self.topic or '*'} {self.language or '*'}: {self.count}"
