"""Content editors work here: new handout versions, previews, publishing, the court-order register.

A handout version is never edited in place. "Add" creates the next version through
``handout_publish``; the change page is read-only, with a preview link and a "copy into a new
version" link that pre-fills the add form.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clinic import clock
from counseling.access import is_content_editor
from counseling.models import COURT_ORDER_FIELDS, CourtOrder, CourtOrderSummary, HandoutVersion, Topic
from counseling.services import (
    clean_sources,
    court_order_update,
    handout_publish,
    handout_version_publish,
    native_review_record,
)


class AwaitsNativeReviewFilter(admin.SimpleListFilter):
    """Translations nobody fluent in the language has checked yet (docs/languages.md, "Review")."""

    title = _("native-speaker review")
    parameter_name = "native_review"

    def lookups(self, request, model_admin):
        return [("awaiting", _("Awaiting review")), ("done", _("Reviewed"))]

    def queryset(self, request, queryset):
        if self.value() == "awaiting":
            return queryset.exclude(language="en").filter(native_reviewed_on__isnull=True)
        if self.value() == "done":
            return queryset.filter(native_reviewed_on__isnull=False)
        return queryset


class NativeReviewForm(forms.Form):
    reviewer = forms.CharField(label=_("Reviewer's name and qualification"), max_length=200)
    reviewed_on = forms.DateField(label=_("Date of the review"), initial=clock.today)


class EditorOnlyMixin:
    """Staff who are content editors (or superusers) may use these pages."""

    def _editor(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and is_content_editor(request.user)

    def has_module_permission(self, request):
        return self._editor(request)

    def has_view_permission(self, request, obj=None):
        return self._editor(request)

    def has_add_permission(self, request):
        return self._editor(request)

    def has_change_permission(self, request, obj=None):
        return self._editor(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(EditorOnlyMixin, admin.ModelAdmin):
    list_display = ("slug", "order")
    ordering = ("order", "slug")


class HandoutVersionForm(forms.ModelForm):
    sources = forms.JSONField(
        label=_("Sources"),
        required=False,
        initial=list,
        help_text=_('A JSON list: [{"title": "…", "citation": "…", "url": "https://…"}]'),
    )

    class Meta:
        model = HandoutVersion
        fields = (
            "topic", "language", "title", "summary", "body_markdown", "as_of", "review_by", "reviewer",
            "tax_year", "version_note", "sources", "status", "translator", "translation_method",
        )

    def clean_sources(self):
        return clean_sources(self.cleaned_data.get("sources") or [])


@admin.register(HandoutVersion)
class HandoutVersionAdmin(EditorOnlyMixin, admin.ModelAdmin):
    form = HandoutVersionForm
    list_display = (
        "topic", "language", "version", "status", "as_of", "review_by", "readability_grade", "native_review", "preview",
    )
    list_filter = ("status", "language", AwaitsNativeReviewFilter, "topic")
    search_fields = ("title", "topic__slug")
    actions = ["publish_drafts", "record_native_review"]
    readonly_fields = (
        "topic", "language", "version", "title", "summary", "body_markdown", "as_of", "review_by", "reviewer",
        "tax_year", "version_note", "sources", "status", "translator", "translation_method", "native_reviewer",
        "native_reviewed_on", "readability_grade", "readability_formula",
        "created_by", "created_at", "preview", "copy_link",
    )

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        if obj is None:
            return HandoutVersionForm.Meta.fields
        return self.readonly_fields

    def get_changeform_initial_data(self, request):
        """Pre-fill a new version from ``?copy_from=<pk>`` (editing = publishing a copy)."""
        initial = super().get_changeform_initial_data(request)
        source = HandoutVersion.objects.filter(pk=request.GET.get("copy_from") or 0).first()
        if source is not None:
            for name in HandoutVersionForm.Meta.fields:
                initial[name] = getattr(source, name) if name != "topic" else source.topic_id
            initial["sources"] = json.dumps(source.sources, ensure_ascii=False)
            initial["status"] = HandoutVersion.Status.DRAFT
        return initial

    def save_model(self, request, obj, form, change):
        if change:  # never reached: the change page is read-only
            return
        data = form.cleaned_data
        created = handout_publish(
            topic=data["topic"],
            language=data["language"],
            title=data["title"],
            summary=data.get("summary") or "",
            body_markdown=data["body_markdown"],
            as_of=data["as_of"],
            review_by=data["review_by"],
            reviewer=data["reviewer"],
            sources=data.get("sources") or [],
            tax_year=data.get("tax_year"),
            version_note=data.get("version_note") or "",
            status=data["status"],
            translator=data.get("translator") or "",
            translation_method=data.get("translation_method") or "",
            user=request.user,
        )
        obj.pk = created.pk
        obj.version = created.version

    def save_related(self, request, form, formsets, change):
        pass

    @admin.display(description=_("Native-speaker review"))
    def native_review(self, obj):
        if obj.language == "en":
            return "—"
        if obj.native_reviewed_on is None:
            return _("Awaiting review")
        return format_html("{} ({})", obj.native_reviewer, obj.native_reviewed_on.isoformat())

    @admin.action(description=_("Record a native speaker's review of the selected translations"))
    def record_native_review(self, request, queryset):
        """Ask for the reviewer and date, then record them on every selected translation."""
        if "apply" in request.POST:
            form = NativeReviewForm(request.POST)
            if form.is_valid():
                count = native_review_record(
                    versions=list(queryset),
                    reviewer=form.cleaned_data["reviewer"],
                    reviewed_on=form.cleaned_data["reviewed_on"],
                    user=request.user,
                )
                self.message_user(
                    request,
                    ngettext(
                        "Review recorded on %(count)d translation.", "Review recorded on %(count)d translations.", count
                    ) % {"count": count},
                )
                return None
        else:
            form = NativeReviewForm()
        return TemplateResponse(
            request,
            "admin/counseling/native_review.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Record a native speaker's review"),
                "form": form,
                "versions": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    @admin.display(description=_("PDF"))
    def preview(self, obj):
        if obj.pk is None:
            return "—"
        return format_html('<a href="{}" target="_blank">{}</a>', reverse("counseling:version-preview", kwargs={"pk": obj.pk}), _("Preview"))

    @admin.display(description=_("Edit"))
    def copy_link(self, obj):
        url = reverse("admin:counseling_handoutversion_add") + f"?copy_from={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Copy into a new version"))

    @admin.action(description=_("Publish the selected drafts"))
    def publish_drafts(self, request, queryset):
        count = 0
        for version in queryset.filter(status=HandoutVersion.Status.DRAFT):
            handout_version_publish(version=version, user=request.user)
            count += 1
        self.message_user(request, _("%(count)s draft(s) published.") % {"count": count}, messages.SUCCESS)


class CourtOrderSummaryInline(admin.TabularInline):
    model = CourtOrderSummary
    extra = 1

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff and is_content_editor(request.user)

    def has_add_permission(self, request, obj=None):
        return self.has_delete_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_delete_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.has_delete_permission(request)


@admin.register(CourtOrder)
class CourtOrderAdmin(EditorOnlyMixin, admin.ModelAdmin):
    list_display = ("case_name", "order_date", "status", "status_certain", "last_verified")
    list_filter = ("status", "status_certain")
    exclude = ("updated_at",)
    inlines = [CourtOrderSummaryInline]

    def save_model(self, request, obj, form, change):
        fields = {name: getattr(obj, name) for name in COURT_ORDER_FIELDS}
        saved = court_order_update(key=obj.key, user=request.user, **fields)
        obj.pk, obj.updated_at = saved.pk, saved.updated_at

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Summaries changed inline: bump updated_at so handouts showing the register re-render.
        CourtOrder.objects.filter(pk=form.instance.pk).update(updated_at=clock.now())
