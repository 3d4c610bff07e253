"""Privacy controls with a page: a site's audit log, its season totals, withdrawing consent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clinic.access import site_for_user
from clinic.forms import TypedConfirmationForm
from clinic.models import AuditEntry
from clinic.reports import season_report
from clinic.shredder import consent_withdraw
from intake.access import household_for_user

AUDIT_PAGE_SIZE = 50


@login_required
def audit_log(request, slug: str):
    """Show a site's audit log to its coordinator, newest first (read-only, paginated)."""
    site, _can_manage = site_for_user(request.user, slug, manage=True)
    entries = AuditEntry.objects.filter(site=site).select_related("actor").order_by("-at", "-id")
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "clinic/auditentry_list.html", {"site": site, "page": page})


@login_required
def season_report_view(request, slug: str):
    """Show a site's anonymous season counts to its coordinator, cells under 5 suppressed."""
    site, _can_manage = site_for_user(request.user, slug, manage=True)
    return render(request, "clinic/season_report.html", {"report": season_report(site=site), "site": site})


@login_required
def consent_withdraw_view(request, code: str):
    """Delete a household at once because the client withdrew consent, after the code is typed."""
    household, _can_edit = household_for_user(request.user, code, write=True)
    form = TypedConfirmationForm(request.POST or None, expected=household.code)
    if request.method == "POST" and form.is_valid():
        consent_withdraw(household=household, user=request.user)
        messages.success(request, _("The household's record has been deleted."))
        return redirect("intake:household-list")
    return render(request, "clinic/consent_withdraw.html", {"household": household, "form": form})
