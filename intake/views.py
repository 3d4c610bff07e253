"""The intake desk: list, consent, record, screen, edit, close, withdraw consent.

Thin views: access helper → form → service → redirect or render. What a screening looks like is
built in ``intake/results.py``, the consent token in ``intake/consent.py``, form binding in
``intake/forms.py``, reads in ``intake/selectors.py``; the handouts to print are chosen by
``counseling/recommendations.py``.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from clinic import clock
from clinic.access import memberships_of, site_for_user
from clinic.forms import TypedConfirmationForm
from clinic.methods import require_get_or_post
from clinic.models import ActivityCounter
from clinic.reauth import recent_sign_in_required
from clinic.reports import activity_count
from counseling.forms import ClientSummaryForm
from counseling.recommendations import handouts_for
from counseling.services import client_summary_print
from counseling.views import pdf_response
from intake.access import household_for_user
from intake.anonymous import SCREENING_MINUTES, forget_answers, keep_answers, read_answers
from intake.consent import consent_spent, consent_token, editable_sites, read_consent
from intake.facts import facts_from_values, household_facts
from intake.forms import (
    REVISE_BUTTON,
    ConsentForm,
    FindForm,
    ScreeningForm,
    VersionForm,
    error_summary,
    household_forms,
    household_initial,
    household_valid,
)
from intake.models import Household
from intake.results import differences, results_context
from intake.selectors import households_for_desk, households_visible_to
from intake.services import (
    HouseholdConflict,
    consent_withdraw,
    household_close,
    household_open,
    household_update,
    household_viewed,
)
from intake.shredders import households_due, purge_expired


def _posted(request):
    return request.POST if request.method == "POST" else None


def _render_household_form(request, form, formset, *, title, submit_label, hidden, **extra):
    """Render the household form (record, anonymous screening, edit) with its error summary."""
    return render(
        request,
        "intake/household_form.html",
        {
            "form": form,
            "formset": formset,
            "hidden": hidden,
            "errors": error_summary(form, formset) if form.is_bound else [],
            "title": title,
            "submit_label": submit_label,
            **extra,
        },
    )


# --- the site's list -------------------------------------------------------------------------


def _list_rows(households) -> None:
    """Give each listed household its status label and dates as the page shows them.

    What ``get_status_display`` and the ``date`` filter print, worked out in Python once per distinct
    value on the page (deletion dates repeat; Django's date formatting is the costly part of a row).
    Held by this request's objects only.
    """
    statuses = dict(Household.Status.choices)
    shown: dict = {}

    def show(value, format_name):
        if value is None:
            return ""
        key = (value, format_name)
        if key not in shown:
            local = timezone.localtime(value) if isinstance(value, dt.datetime) else value
            shown[key] = formats.date_format(local, format_name)
        return shown[key]

    for household in households:
        household.status_label = statuses.get(household.status, household.status)
        household.last_visit_label = show(household.last_visit_at, "SHORT_DATETIME_FORMAT")
        household.purge_label = show(household.purge_after, "SHORT_DATE_FORMAT")


def _list_context(request, find_form=None) -> dict:
    desk = households_for_desk(user=request.user, today=clock.today(), page_number=request.GET.get("page"))
    _list_rows(desk.page.object_list)
    return {
        "page": desk.page,
        "find_form": find_form or FindForm(),
        "several_sites": desk.several_sites,
        "can_record": desk.can_record,
        "managed_sites": desk.managed_sites,
    }


@never_cache
@login_required
@require_safe
def household_list(request):
    """Today's and open households of the user's sites, by visit code, newest first."""
    return render(request, "intake/household_list.html", _list_context(request))


@never_cache
@login_required
@require_POST
def household_find(request):
    """Open a household by visit code (POST, so a mistyped number never lands in a URL or log)."""
    form = FindForm(request.POST)
    if form.is_valid():
        if households_visible_to(user=request.user).filter(code=form.cleaned_data["code"]).exists():
            return redirect("intake:household-detail", code=form.cleaned_data["code"])
        form.add_error("code", _("No household with this visit code at your sites."))
    return render(request, "intake/household_list.html", _list_context(request, find_form=form), status=200)


# --- consent and recording -------------------------------------------------------------------


@never_cache
@login_required
@require_get_or_post
def household_consent(request):
    """Step one: the client agrees that the household is recorded (or is screened anonymously)."""
    sites = editable_sites(request.user)
    if not sites:
        raise PermissionDenied
    form = ConsentForm(request.POST if request.method == "POST" else None, sites=sites)
    if request.method == "POST" and form.is_valid():
        site = sites[0]
        if "site" in form.cleaned_data:
            site = next(s for s in sites if str(s.pk) == form.cleaned_data["site"])
        token = consent_token(user=request.user, site=site)
        return redirect(f"{reverse('intake:household-create')}?{urlencode({'consent': token})}")
    errors = error_summary(form) if form.is_bound else []
    return render(request, "intake/household_consent.html", {"form": form, "errors": errors})


@never_cache
@login_required
@require_get_or_post
def household_create(request):
    """Step two: the household form; saving it records the household and the consent."""
    token = request.POST.get("submission_token") if request.method == "POST" else request.GET.get("consent")
    consent = read_consent(token, user=request.user)
    if consent is None:
        messages.warning(request, _("Record the client's consent first."))
        return redirect("intake:household-consent")
    site, nonce = consent
    if consent_spent(nonce):
        return _spent_consent(request, site=site, nonce=nonce)

    form, formset, submitted = household_forms(_posted(request))
    if submitted and household_valid(form, formset):
        try:
            household = household_open(
                site=site,
                user=request.user,
                values=form.household_values(),
                dependents=formset.dependent_values(),
                submission_token=nonce,
            )
        except ValidationError as exc:
            _model_errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Saved as %(code)s. To correct an answer, use Edit (the browser's Back button opens the same form).")
                % {"code": household.code},
            )
            _say_what_was_removed(request, form)
            return redirect(household)
    return _render_household_form(
        request,
        form,
        formset,
        title=_("Record a household"),
        submit_label=_("Save and see results"),
        hidden={"submission_token": token},
        site=site,
    )


def _say_what_was_removed(request, form) -> None:
    """Tell the volunteer which spouse answers the filing status made the form drop (names only)."""
    message = form.spouse_removed_message()
    if message:
        messages.warning(request, message)


def _spent_consent(request, *, site, nonce: str):
    """A consent token already used: record nothing, and say why."""
    existing = Household.objects.filter(submission_token=nonce, site=site).first()
    # The token is bound to this volunteer and a site where they record households: they may see it.
    if existing is not None and request.method == "GET":
        # The browser's Back after saving: the saved answers, to correct them, instead of an empty form.
        messages.info(
            request,
            _("Household %(code)s is already saved with this consent; nothing new was recorded. "
              "Correct its answers here and save.") % {"code": existing.code},
        )
        return redirect("intake:household-edit", code=existing.code)
    if existing is not None:
        messages.info(
            request,
            _("This consent was already used: household %(code)s was recorded with it. Nothing new was saved.")
            % {"code": existing.code},
        )
        return redirect(existing)
    messages.warning(
        request,
        _(
            "This consent was already used, and the household recorded with it has since been deleted. "
            "Nothing was saved. If the client wants to be recorded again, ask for their consent again."
        ),
    )
    return redirect("intake:household-consent")


def _model_errors_to_form(form, exc: ValidationError) -> None:
    """Show what the model refused as form errors (never a 500; what was typed stays in the form)."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, messages_ in errors.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


# --- results ---------------------------------------------------------------------------------


@never_cache
@login_required
@require_safe
def household_detail(request, code: str):
    """The results: every credit side by side with its reasons, flags, and handouts to print."""
    household, can_edit = household_for_user(request.user, code)
    prefetch_related_objects([household], "dependents")
    facts = household_facts(household)
    context = results_context(facts, language=household.language, code=household.code)
    handouts = handouts_for(facts, language=household.language, site_slug=household.site.slug)
    household_viewed(household=household, user=request.user)
    return render(
        request,
        "intake/household_detail.html",
        {**context, "handouts": handouts, "household": household, "can_edit": can_edit, "facts": facts},
    )


# --- anonymous screening ---------------------------------------------------------------------


# Back from the results shows the answers again; a new screening (the menu, "Screen another
# household") forgets them first.
NEW_SCREENING = "new"


def _screening_answers(data, form, formset) -> list[tuple[str, str]]:
    """Return the posted answers the screening's forms know (never anything else that was posted)."""
    known = set(form.fields) | {f"{formset.prefix}-{name}" for name in formset.management_form.fields}
    known |= {f"{row.prefix}-{name}" for row in formset.forms for name in row.fields}
    return [(key, value) for key in data if key in known for value in data.getlist(key)]


@never_cache
@login_required
@require_get_or_post
def screening(request):
    """Screen without recording: nothing is written on the server, stored in the session or logged.

    A valid POST redirects to the results (POST/redirect/GET), which are rendered from the answers
    kept in the volunteer's browser only (``intake/anonymous.py``): Reload and Back never ask to
    send the form again.
    """
    if request.method == "GET" and NEW_SCREENING in request.GET:
        response = redirect("intake:screening")
        forget_answers(response)
        return response
    kept = read_answers(request) if request.method == "GET" else None
    if kept is not None:
        kept[REVISE_BUTTON] = "1"  # the form filled with the answers, nothing validated
    form, formset, submitted = household_forms(
        kept if kept is not None else _posted(request), form_class=ScreeningForm
    )
    if submitted and household_valid(form, formset):
        # A count by day, nothing else: no answer, no time, no person.
        activity_count(site=_screening_site(request.user), activity=ActivityCounter.Activity.SCREENING)
        answers = _screening_answers(request.POST, form, formset)
        response = HttpResponseRedirect(reverse("intake:screening-results"), status=303)
        if keep_answers(response, request, answers):
            return response
        # Too many answers for one cookie: shown at once (Reload would then ask to send them again).
        return _render_screening_results(request, form, formset, answers)
    return _screening_form(request, form, formset, kept=kept is not None)


def _screening_form(request, form, formset, *, kept: bool = False):
    """Show the anonymous screening's form (again), with whatever was typed."""
    return _render_household_form(
        request,
        form,
        formset,
        title=_("Anonymous screening"),
        submit_label=_("See results"),
        hidden={},
        anonymous=True,
        kept=kept,
    )


def _screening_site(user):
    membership = memberships_of(user).order_by("site__name").first()
    return membership.site if membership else None


@never_cache
@login_required
@require_POST
def screening_summary(request):
    """Print the client's one-page summary (or it and the handouts they need) from an anonymous
    screening's answers, posted again by the results page: rendered in memory and written nowhere
    (no household, no audit entry, no session, no cache); only the anonymous print counter counts it.
    """
    form, formset, submitted = household_forms(request.POST, form_class=ScreeningForm)
    print_form = ClientSummaryForm(request.POST, nickname=False, prefix="print")
    if submitted and household_valid(form, formset) and print_form.is_valid():
        facts = facts_from_values(form.household_values(), formset.dependent_values())
        rendered = client_summary_print(
            facts=facts,
            site=_screening_site(request.user),
            language=print_form.cleaned_data["language"],
            with_handouts=print_form.wants_everything(),
            user=request.user,
        )
        return pdf_response(rendered, private=True)
    # The answers could not be read (a changed page, an old tab): show them again with the reason;
    # nothing typed is lost.
    if submitted and not print_form.is_valid():
        form.add_error(None, _("Choose the language of the summary."))
    return _screening_form(request, form, formset)


@never_cache
@login_required
@require_safe
def screening_results(request):
    """The anonymous screening's results, from the answers kept in this browser (nothing server-side)."""
    data = read_answers(request)
    if data is None:
        messages.info(
            request,
            _("Those results are no longer available: they are kept only in this browser, for %(minutes)s "
              "minutes, and never after signing out. Nothing was saved. Screen again if needed.")
            % {"minutes": SCREENING_MINUTES},
        )
        return redirect("intake:screening")
    form, formset, _submitted = household_forms(data, form_class=ScreeningForm)
    if not household_valid(form, formset):  # e.g. the season moved on since: the answers to correct
        return _screening_form(request, form, formset)
    return _render_screening_results(request, form, formset, _screening_answers(data, form, formset))


def _render_screening_results(request, form, formset, answers):
    facts = facts_from_values(form.household_values(), formset.dependent_values())
    language = form.cleaned_data["language"]
    context = {**results_context(facts, language=language), "handouts": handouts_for(facts, language=language)}
    # The answers travel back only as the "change answers" form's hidden fields (never stored).
    return render(
        request,
        "intake/screening_result.html",
        {**context, "facts": facts, "answers": answers, "spouse_removed": form.spouse_removed_message(),
         "screening_minutes": SCREENING_MINUTES,
         "print_form": ClientSummaryForm(client_language=language, nickname=False, prefix="print")},
    )


# --- editing ---------------------------------------------------------------------------------


@never_cache
@login_required
@require_get_or_post
def household_edit(request, code: str):
    """Edit with optimistic locking: a stale save shows what changed and keeps what was typed."""
    household, _can_edit = household_for_user(request.user, code, write=True)
    prefetch_related_objects([household], "dependents")
    version = household.version
    initial, rows = household_initial(household) if request.method != "POST" else (None, None)
    form, formset, submitted = household_forms(_posted(request), initial=initial, rows=rows)
    if request.method == "POST":
        version_form = VersionForm(request.POST)
        version = request.POST.get("version", version)
        if submitted and version_form.is_valid() and household_valid(form, formset):
            try:
                household_update(
                    household=household,
                    user=request.user,
                    expected_version=version_form.cleaned_data["version"],
                    values=form.household_values(),
                    dependents=formset.dependent_values(),
                )
            except ValidationError as exc:
                _model_errors_to_form(form, exc)
                household_viewed(household=household, user=request.user, page="edit")
                return _render_household_form(
                    request,
                    form,
                    formset,
                    title=_("Edit household %(code)s") % {"code": household.code},
                    submit_label=_("Save and see results"),
                    hidden={"version": version},
                    household=household,
                )
            except HouseholdConflict as conflict:
                current = conflict.household
                prefetch_related_objects([current], "dependents")
                return render(
                    request,
                    "intake/household_conflict.html",
                    {
                        "household": current,
                        "differences": differences(form, formset, current),
                        "form": form,
                        "formset": formset,
                        # Re-submitting applies what they typed over the version saved now.
                        "hidden": {"version": current.version},
                        "errors": [],
                        "title": _("Someone else saved this household"),
                        "submit_label": _("Save my version"),
                    },
                    status=409,
                )
            messages.success(request, _("Saved."))
            _say_what_was_removed(request, form)
            return redirect(household)
        if submitted and not version_form.is_valid():
            form.add_error(None, _("This form is missing its version. Open the household again."))
    # The form shows every answer about the household: a read, logged like the results page.
    household_viewed(household=household, user=request.user, page="edit")
    return _render_household_form(
        request,
        form,
        formset,
        title=_("Edit household %(code)s") % {"code": household.code},
        submit_label=_("Save and see results"),
        hidden={"version": version},
        household=household,
    )


@login_required
@require_POST
def household_close_view(request, code: str):
    """Close the visit (the purge date still runs from the last visit)."""
    household, _can_edit = household_for_user(request.user, code, write=True)
    if household.status == Household.Status.OPEN:
        household_close(household=household, user=request.user)
        messages.success(request, _("Visit %(code)s closed.") % {"code": household.code})
    return redirect("intake:household-list")


@never_cache
@recent_sign_in_required
@require_get_or_post
def consent_withdraw_view(request, code: str):
    """Delete a household at once because the client withdrew consent, after the code is typed
    (and a recent sign-in)."""
    household, _can_edit = household_for_user(request.user, code, write=True)
    form = TypedConfirmationForm(request.POST or None, expected=household.code)
    if request.method == "POST" and form.is_valid():
        consent_withdraw(household=household, user=request.user)
        messages.success(request, _("The household's record has been deleted."))
        return redirect("intake:household-list")
    household_viewed(household=household, user=request.user, page="withdraw")
    return render(request, "intake/household_consent_withdraw.html", {"household": household, "form": form})


@never_cache
@recent_sign_in_required
@require_get_or_post
def purge_expired_view(request, slug: str):
    """Let a site's coordinator purge its expired households now, after typing the site's short
    name (and a recent sign-in); the nightly ``purge_expired`` does the same for every site."""
    site, _can_manage = site_for_user(request.user, slug, manage=True)
    today = clock.today()
    form = TypedConfirmationForm(
        request.POST or None,
        expected=site.slug,
        label=_("Type the site's short name to confirm"),
        mismatch=_("That is not this site's short name."),
    )
    if request.method == "POST" and form.is_valid():
        result = purge_expired(today=today, site=site, user=request.user)
        messages.success(
            request, ngettext("%(count)s household was deleted.", "%(count)s households were deleted.", result.purged)
            % {"count": result.purged},
        )
        return redirect("intake:household-list")
    due = households_due(today=today, site=site).count()
    return render(request, "intake/household_purge.html", {"site": site, "form": form, "due": due})
