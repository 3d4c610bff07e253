"""Printing handouts, packets and client summaries; review lists for coordinators and editors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from clinic import clock
from clinic.languages import normalize_language
from clinic.methods import require_get_or_post
from clinic.models import ActivityCounter
from clinic.reports import activity_count
from counseling.access import can_edit_content, can_review_content, printing_site
from counseling.caching import cached_handout, cached_packet
from counseling.forms import ClientSummaryForm, PacketForm
from counseling.handouts import render_handout
from counseling.models import CourtOrder, HandoutVersion, Topic
from counseling.pdf import Rendered, language_name
from counseling.recommendations import BLOCKED_WHEN_STALE
from counseling.selectors import (
    blocked_topics,
    content_reviewers,
    handout_catalogue,
    latest_version,
    orders_due_for_verification,
    translations_awaiting_native_review,
    versions_due_for_review,
)
from counseling.services import client_summary_print
from intake.access import household_for_user
from intake.services import household_viewed


def pdf_response(rendered: Rendered, *, attachment: bool = False, private: bool = False) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{rendered.filename}"'
    response["Content-Length"] = str(len(rendered.content))
    if private:
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
    else:
        response["Cache-Control"] = "private, max-age=0, must-revalidate"
    return response


@login_required
@require_safe
def handout_list(request):
    """Show every topic × language with its version, dates and a warning on stale ones."""
    printing_site(request.user)
    languages, rows = handout_catalogue()
    return render(
        request,
        "counseling/handout_list.html",
        {
            "languages": [(code, language_name(code)) for code in languages],
            "rows": rows,
            "today": clock.today(),
            "can_review": can_review_content(request.user),
        },
    )


def _tax_year(request) -> int | None:
    try:
        return int(request.GET["year"])
    except (KeyError, ValueError):
        return None


def blocked_page(request, version: HandoutVersion, site):
    """Tell the volunteer why a stale court-orders handout does not print, and who can re-check it."""
    return render(
        request,
        "counseling/handout_blocked.html",
        {
            "version": version,
            "language_name": language_name(version.language),
            "reviewers": content_reviewers(site),
        },
    )


@login_required
@require_safe
def handout_pdf(request, topic: str, language: str):
    """Return a generic handout; a stale one first asks the volunteer to confirm, and a stale
    court-orders handout is not printed for clients at all.

    The language may be written as people and browsers write it (``zh-Hans``, ``ko-KR``): such a
    URL redirects to the one URL of that handout, so it is cached and logged once.
    """
    site = printing_site(request.user, request.GET.get("site"))
    code = normalize_language(language)
    if code is None:
        raise Http404
    if code != language:
        url = reverse("counseling:handout-pdf", kwargs={"topic": topic, "language": code})
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    topic_obj = get_object_or_404(Topic, slug=topic)
    version = latest_version(topic_obj, language, tax_year=_tax_year(request))
    if version is None:
        raise Http404
    stale = version.is_stale(clock.today())
    if stale and topic_obj.slug in BLOCKED_WHEN_STALE:
        return blocked_page(request, version, site)
    if stale and request.GET.get("confirm") != "1":
        return render(
            request,
            "counseling/handout_confirm.html",
            {"version": version, "language_name": language_name(language)},
        )
    rendered, _hit = cached_handout(topic=topic_obj, language=language, site=site, version=version)
    activity_count(site=site, activity=ActivityCounter.Activity.PRINT, topic=topic, language=language)
    return pdf_response(rendered)


def _count_packet(site, items) -> None:
    """Count a packet's prints by topic and language (copies included) for the season page."""
    for item in items:
        topic, language, copies = item
        activity_count(site=site, activity=ActivityCounter.Activity.PRINT, topic=topic, language=language, count=copies)


@login_required
@require_get_or_post
def packet(request):
    """Build one PDF of chosen topics × languages × copies for a clinic day."""
    site = printing_site(request.user, request.GET.get("site"))
    languages, rows = handout_catalogue()
    available = [
        (row.topic.slug, language, f"{version.title} — {language_name(language)}")
        for row in rows
        for language, version in row.cells
        if version is not None
    ]
    form = PacketForm(request.POST or None, available=available)
    blocked = blocked_topics(clock.today(), BLOCKED_WHEN_STALE)
    if request.method == "POST" and form.is_valid():
        items = [item for item in form.items() if (str(item[0]), item[1]) not in blocked]
        if items:
            rendered, _hit = cached_packet(items=items, site=site)
            _count_packet(site, items)
            return pdf_response(rendered)
        form.add_error(None, _("Every handout you chose is past its review date and is not printed for clients."))
    grid = [
        (row.topic, [(language, form[PacketForm.field_name(row.topic.slug, language)] if version else None)
                     for language, version in row.cells])
        for row in rows
    ]
    return render(
        request,
        "counseling/packet_form.html",
        {"form": form, "grid": grid, "languages": [(code, language_name(code)) for code in languages]},
    )


@never_cache
@login_required
@require_get_or_post
def client_summary(request, code: str):
    """Print a household's one-page summary (or the summary and its handouts) in the client's
    language; never stored, every print logged."""
    household, _can_edit = household_for_user(request.user, code)
    form = ClientSummaryForm(request.POST or None, client_language=household.language)
    if request.method == "POST" and form.is_valid():
        rendered = client_summary_print(
            household=household,
            language=form.cleaned_data["language"],
            include_nickname=form.cleaned_data["include_nickname"],
            with_handouts=form.wants_everything(),
            user=request.user,
        )
        # Inline, like the handouts: the volunteer prints it from the browser's PDF viewer.
        return pdf_response(rendered, private=True)
    household_viewed(household=household, user=request.user, page="summary_form")
    response = render(request, "counseling/summary_form.html", {"form": form, "household": household})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def review_due(request):
    """List handouts whose review date is near or past, and court orders to re-verify."""
    if not can_review_content(request.user):
        raise PermissionDenied
    today = clock.today()
    return render(
        request,
        "counseling/handout_review.html",
        {
            "versions": versions_due_for_review(today=today),
            "blocked": [v for v in versions_due_for_review(today=today) if v.topic.slug in BLOCKED_WHEN_STALE and v.is_stale(today)],
            "orders": orders_due_for_verification(today=today),
            "translations": [
                (code, language_name(code), awaiting, total)
                for code, awaiting, total in translations_awaiting_native_review()
            ],
            "today": today,
        },
    )


@login_required
@require_safe
def court_order_list(request):
    """Show the court-order register as staff see it (full detail, English)."""
    printing_site(request.user)
    orders = CourtOrder.objects.prefetch_related("summaries").order_by("-order_date", "key")
    return render(request, "counseling/courtorder_list.html", {"orders": orders, "today": clock.today()})


@login_required
@require_safe
def version_preview(request, pk: int):
    """Render any version, draft or published, for an editor to check before publishing."""
    if not can_edit_content(request.user):
        raise PermissionDenied
    version = get_object_or_404(HandoutVersion.objects.select_related("topic"), pk=pk)
    try:
        site = printing_site(request.user, request.GET.get("site"))
    except PermissionDenied:
        site = None
    rendered = render_handout(topic=version.topic, language=version.language, site=site, version=version)
    return pdf_response(rendered, private=True)
