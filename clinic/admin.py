"""Admin for sites and their referral lists (coordinators edit referrals in the app itself)."""

from __future__ import annotations

from django.contrib import admin

from clinic.models import Referral, Site


class ReferralInline(admin.TabularInline):
    model = Referral
    extra = 0
    fields = ("order", "kind", "name", "phone", "hours", "note", "translations")


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "phone")
    search_fields = ("name", "slug")
    fields = ("slug", "name", "phone", "hours", "hours_translations", "languages", "shared_desks")
    inlines = [ReferralInline]
