"""A site's referral list and opening hours, edited by its coordinator (printed on handouts)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import formset_factory
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from clinic.access import site_for_user
from clinic.forms import ReferralForm, SiteHoursForm
from clinic.services import site_referrals_save, site_text_languages

# Empty lines offered under the list, for new entries.
EXTRA_LINES = 3
ReferralFormSet = formset_factory(ReferralForm, extra=EXTRA_LINES)


def _languages(site) -> list[tuple[str, str]]:
    names = dict(settings.HANDOUT_LANGUAGES)
    return [(code, names[code]) for code in site_text_languages(site)]


def _initial(site, languages) -> tuple[dict, list[dict]]:
    hours = {"hours": site.hours, **{f"hours_{code}": (site.hours_translations or {}).get(code, "") for code, _n in languages}}
    rows = []
    for referral in site.referrals.all():
        row = {name: getattr(referral, name) for name in ("kind", "name", "phone", "hours", "note")}
        for code, _name in languages:
            own = (referral.translations or {}).get(code, {})
            row.update({f"{field}_{code}": own.get(field, "") for field in ("name", "hours", "note")})
        rows.append(row)
    return hours, rows


@never_cache
@login_required
def referrals_edit(request, slug: str):
    """Show and save the site's hours and referral list; nothing entered is lost on an error."""
    site, _can_manage = site_for_user(request.user, slug, manage=True)
    languages = _languages(site)
    if request.method == "POST":
        hours_form = SiteHoursForm(request.POST, languages=languages)
        formset = ReferralFormSet(request.POST, form_kwargs={"languages": languages})
        if hours_form.is_valid() and formset.is_valid():
            rows = [row for row in (form.row() for form in formset.forms) if row is not None]
            site_referrals_save(
                site=site,
                actor=request.user,
                hours=hours_form.cleaned_data["hours"],
                hours_translations=hours_form.hours_translations(),
                rows=rows,
            )
            messages.success(request, _("Saved. Handouts now print this list."))
            return redirect("sites:referrals-edit", slug=site.slug)
    else:
        hours, rows = _initial(site, languages)
        hours_form = SiteHoursForm(initial=hours, languages=languages)
        formset = ReferralFormSet(initial=rows, form_kwargs={"languages": languages})
    return render(
        request,
        "clinic/referral_list.html",
        {"site": site, "hours_form": hours_form, "formset": formset, "languages": languages},
    )
