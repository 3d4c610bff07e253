"""Handouts as content records, and the register of court orders.

Content is data with dates and sources, never text buried in templates (docs/architecture.md).
A handout's text lives in ``HandoutVersion`` rows: editing publishes a *new* version, so any
version a client was given can be printed again for the record. Nothing here is about a client.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clinic import clock


def handout_language_choices() -> list[tuple[str, str]]:
    return list(settings.HANDOUT_LANGUAGES)


class Topic(models.Model):
    """A subject a handout covers (``itin``, ``court-orders`` …), printed in several languages."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    titles = models.JSONField(
        _("titles"),
        default=dict,
        blank=True,
        help_text=_("Optional title per language code, used before a version exists."),
    )

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.slug

    def title_in(self, language: str) -> str:
        """Return the topic's title in a language, falling back to English, then the slug."""
        return self.titles.get(language) or self.titles.get("en") or self.slug


class HandoutVersion(models.Model):
    """One immutable text of a topic in one language.

    Rows are never edited after creation except for the draft → published step; a correction is a
    new version (``counseling.services.handout_publish``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=handout_language_choices)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body_markdown = models.TextField(
        _("body"), help_text=_("Markdown. HTML is removed except for a short list of safe tags.")
    )
    as_of = models.DateField(_("as of"), help_text=_("The date the facts in this text were true."))
    review_by = models.DateField(
        _("review by"), help_text=_("After this date the handout prints with an out-of-date warning.")
    )
    reviewer = models.CharField(_("reviewer"), max_length=120)
    # Who made a translation and how; a native-speaking reviewer's check is recorded apart, in the
    # admin, because it comes after the text is published (docs/languages.md, "Review").
    translator = models.CharField(_("translator"), max_length=200, blank=True)
    translation_method = models.CharField(_("translation method"), max_length=300, blank=True)
    native_reviewer = models.CharField(_("native-speaker reviewer"), max_length=200, blank=True)
    native_reviewed_on = models.DateField(_("native-speaker review date"), null=True, blank=True)
    tax_year = models.PositiveSmallIntegerField(_("tax year"), null=True, blank=True)
    version_note = models.CharField(_("what changed"), max_length=300, blank=True)
    sources = models.JSONField(
        _("sources"), default=list, blank=True, help_text=_("A list of {title, citation, url}.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    readability_grade = models.FloatField(
        _("reading grade level"),
        null=True,
        blank=True,
        help_text=_("Measured when the version is created; empty where no formula fits the language."),
    )
    readability_formula = models.CharField(_("readability formula"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=clock.now)

    class Meta:
        ordering = ["topic__order", "topic__slug", "language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "language", "version"], name="handoutversion_topic_language_version"
            )
        ]
        indexes = [models.Index(fields=["topic", "language", "status", "-version"], name="handout_latest")]
        verbose_name = _("handout version")
        verbose_name_plural = _("handout versions")

    def __str__(self) -> str:
        return f"{self.topic.slug} [{self.language}] v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("counseling:version-preview", kwargs={"pk": self.pk})

    @property
    def awaits_native_review(self) -> bool:
        """A translation (not an English original) nobody fluent in its language has checked yet."""
        return self.language != "en" and self.native_reviewed_on is None

    def is_stale(self, today=None) -> bool:
        """Return whether the review-by date has passed (the handout may be out of date)."""
        return (today or clock.today()) > self.review_by


# The register's fields of a court order: what the content file, the loader, the admin and
# ``court_order_update`` may set.
COURT_ORDER_FIELDS = (
    "court",
    "judge",
    "case_name",
    "case_number",
    "order_date",
    "what_it_does",
    "status",
    "status_note",
    "status_certain",
    "source_title",
    "source_url",
    "last_verified",
    "news_through",
)
# What an order's text holds per language (``CourtOrderSummary``); the content file gives each as a
# table of language → text: ``[order.summary]``, ``[order.court_name]``, ``[order.details]``,
# ``[order.status_text]``.
COURT_ORDER_TEXTS = {"summary": "summary", "court_name": "court", "details": "details", "status_text": "status_text"}


class CourtOrder(models.Model):
    """One court order on IRS–ICE data sharing; feeds every handout that shows the register."""

    class Status(models.TextChoices):
        """One fixed vocabulary, each word printed as a plain sentence a client reads correctly.

        No word suggests more than the facts support: the appeals ruling that lets the IRS share
        addresses is not "in force", and a denied request is not "confirmed".
        """

        BLOCKS_FOR_NOW = "blocks_for_now", _("Blocks sharing for now (temporary order)")
        ALLOWS_SHARING = "allows_sharing", _(
            "Lets the IRS share addresses (appeals ruling on a temporary request; the case goes on)"
        )
        DENIED_UPHELD = "denied_upheld", _("Request to block the agreement denied; the appeals court kept that decision")
        FINDING = "finding", _("A judge's finding while the case goes on (does not by itself stop or allow sharing)")
        RECORDS_SUIT = "records_suit", _("A lawsuit for government records (does not stop or allow sharing)")
        STAYED = "stayed", _("Put on hold by a higher court")
        REVERSED = "reversed", _("Reversed")
        ENDED = "ended", _("No longer in force")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    court = models.CharField(_("court"), max_length=200)
    judge = models.CharField(_("judge"), max_length=200, blank=True)
    case_name = models.CharField(_("case name"), max_length=300)
    case_number = models.CharField(_("case number"), max_length=120, blank=True)
    order_date = models.DateField(_("order date"))
    what_it_does = models.TextField(_("what it does"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    status_note = models.TextField(_("status note"), blank=True)
    status_certain = models.BooleanField(
        _("status confirmed"),
        default=False,
        help_text=_("Untick when the current status could not be confirmed; handouts then say so."),
    )
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    last_verified = models.DateField(
        _("last verified"), help_text=_("The day this entry was checked against the facts file; not a court date.")
    )
    news_through = models.DateField(
        _("court news found up to"),
        null=True,
        blank=True,
        help_text=_("The date of the latest news found on this case. Handouts print the newest of these."),
    )
    updated_at = models.DateTimeField(_("updated"), default=clock.now)

    class Meta:
        ordering = ["order_date", "key"]
        verbose_name = _("court order")
        verbose_name_plural = _("court orders")

    def __str__(self) -> str:
        return f"{self.case_name} ({self.order_date:%Y-%m-%d})"

    def summary_in(self, language: str) -> str:
        """Return the plain-language summary in a language, else English, else empty."""
        return self.text_in(language)["summary"]

    def text_in(self, language: str) -> dict[str, str]:
        """Return summary, court, details and status text in a language, else in English.

        A language without its own row prints the English row; the court name falls back to the
        register's English court so it is never blank. Details and status text stay as written
        (blank means nothing more to say), never replaced by the English register notes.
        """
        texts = {s.language: s for s in self.summaries.all()}
        row = texts.get(language) or texts.get("en")
        if row is None:
            return {"summary": "", "court": self.court, "details": "", "status_text": ""}
        return {
            "summary": row.summary,
            "court": row.court or self.court,
            "details": row.details,
            "status_text": row.status_text,
        }


class CourtOrderSummary(models.Model):
    """What one order says to a reader in one language: summary, court name, details and status."""

    order = models.ForeignKey(CourtOrder, on_delete=models.CASCADE, related_name="summaries")
    language = models.CharField(_("language"), max_length=10, choices=handout_language_choices)
    summary = models.TextField(_("summary"))
    court = models.CharField(_("court"), max_length=200, blank=True)
    details = models.TextField(_("details"), blank=True)
    status_text = models.TextField(_("status in plain words"), blank=True)

    class Meta:
        ordering = ["order", "language"]
        constraints = [
            models.UniqueConstraint(fields=["order", "language"], name="courtordersummary_order_language")
        ]
        verbose_name = _("court order summary")
        verbose_name_plural = _("court order summaries")

    def __str__(self) -> str:
        return f"{self.order.key} [{self.language}]"
