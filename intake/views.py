"""The intake desk: list, consent, record, screen, edit, close (thin views, STYLE.md §4)."""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, prefetch_related_objects
from django.forms.formsets import TOTAL_FORM_COUNT
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from clinic import clock
from counseling.selectors import published_languages_by_topic
from intake.access import household_for_user, households_visible_to, memberships_of
from intake.eligibility import assess
from intake.forms import (
    DEPENDENT_PREFIX,
    ConsentForm,
    DependentFormSet,
    FindForm,
    HouseholdForm,
    VersionForm,
)
from intake.models import FILING_STATUS_CHOICES, ID_TYPE_CHOICES, MAX_DEPENDENTS, Dependent, Household
from intake.recommendations import TOPICS, recommended_topics
from intake.services import (
    HOUSEHOLD_FIELDS,
    HouseholdConflict,
    household_close,
    household_facts,
    household_facts_from_values,
    household_open,
    household_update,
    household_viewed,
)

PAGE_SIZE = 25
CONSENT_SALT = "intake.consent"
CONSENT_MAX_AGE = 4 * 60 * 60  # a consent is for this visit, not for the day after
ADD_BUTTON = "add-dependent"
REMOVE_BUTTON = "remove-dependent"

FEDERAL_CREDITS = ("federal_ctc", "federal_odc", "federal_eitc")
CALIFORNIA_CREDITS = ("ca_eitc", "ca_yctc", "ca_fytc")
STATUS_DISPLAY = {
    "eligible": (_("Eligible"), "text-bg-success"),
    "not_eligible": (_("Not eligible"), "text-bg-secondary"),
    "indeterminate": (_("Cannot tell yet"), "text-bg-warning"),
}


# --- helpers ---------------------------------------------------------------------------------


def _editable_sites(user):
    return [m.site for m in memberships_of(user) if m.can_edit_households]


def _consent_token(*, user, site) -> str:
    return signing.dumps({"u": user.pk, "s": site.pk, "n": secrets.token_urlsafe(18)}, salt=CONSENT_SALT)


def _read_consent(token: str | None, *, user):
    """Return ``(site, nonce)`` for a consent token this user took, or ``None``."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=CONSENT_SALT, max_age=CONSENT_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("u") != user.pk:
        return None
    site = next((s for s in _editable_sites(user) if s.pk == payload.get("s")), None)
    if site is None or not isinstance(payload.get("n"), str):
        return None
    return site, payload["n"]


def _posted_rows(data) -> list[dict[str, str]]:
    """Return the dependent rows as typed, in order, however the count was tampered with."""
    try:
        total = int(data.get(f"{DEPENDENT_PREFIX}-{TOTAL_FORM_COUNT}", 0))
    except (TypeError, ValueError):
        total = 0
    rows = []
    for index in range(max(0, min(total, MAX_DEPENDENTS))):
        prefix = f"{DEPENDENT_PREFIX}-{index}-"
        rows.append({key[len(prefix):]: value for key, value in data.items() if key.startswith(prefix)})
    return rows


def _typed_household(data) -> dict[str, str]:
    return {name: data.get(name) for name in HouseholdForm.base_fields if name in data}


def _reshaped_forms(data):
    """Handle "add another dependent" and "remove": re-render what was typed, nothing validated.

    Return ``(form, formset)`` or ``None`` when the POST is a real submission. Works with
    JavaScript off: both buttons are plain submit buttons.
    """
    if ADD_BUTTON not in data and REMOVE_BUTTON not in data:
        return None
    rows = _posted_rows(data)
    if REMOVE_BUTTON in data:
        try:
            index = int(data.get(REMOVE_BUTTON))
        except (TypeError, ValueError):
            index = -1
        if 0 <= index < len(rows):
            rows.pop(index)
    elif len(rows) < MAX_DEPENDENTS:
        rows.append({})
    form = HouseholdForm(initial=_typed_household(data))
    formset = DependentFormSet(initial=rows, prefix=DEPENDENT_PREFIX)
    return form, formset


def _household_forms(request, *, initial=None, rows=None):
    """Return ``(form, formset, submitted)``.

    ``submitted`` is true only for a real submission: an "add/remove dependent" POST re-renders
    what was typed without validating it, and a GET starts from ``initial`` and ``rows``.
    """
    if request.method == "POST":
        reshaped = _reshaped_forms(request.POST)
        if reshaped is not None:
            return (*reshaped, False)
        return HouseholdForm(request.POST), DependentFormSet(request.POST, prefix=DEPENDENT_PREFIX), True
    return HouseholdForm(initial=initial), DependentFormSet(initial=rows, prefix=DEPENDENT_PREFIX), False


def _render_household_form(request, form, formset, *, title, submit_label, hidden, **extra):
    """Render the household form (record, anonymous screening, edit) with its error summary."""
    return render(
        request,
        "intake/household_form.html",
        {
            "form": form,
            "formset": formset,
            "hidden": hidden,
            "errors": _error_summary(form, formset) if form.is_bound else [],
            "title": title,
            "submit_label": submit_label,
            **extra,
        },
    )


def _error_summary(*forms_and_sets) -> list[dict]:
    """Return every error with the id of the field it belongs to, for the summary at the top."""
    summary = []
    for item in forms_and_sets:
        if item is None:
            continue
        if hasattr(item, "forms"):  # a formset
            for message in item.non_form_errors():
                summary.append({"anchor": "dependents", "label": gettext("Dependents"), "message": message})
            for number, form in enumerate(item.forms, start=1):
                for name, errors in form.errors.items():
                    field = form.fields.get(name)
                    label = gettext("Dependent %(number)s: %(field)s") % {
                        "number": number,
                        "field": field.label if field else gettext("this dependent"),
                    }
                    anchor = form[name].auto_id if field else f"dependent-{number}"
                    summary.extend({"anchor": anchor, "label": label, "message": m} for m in errors)
            continue
        for name, errors in item.errors.items():
            field = item.fields.get(name)
            anchor = item[name].auto_id if field else "main"
            label = field.label if field else gettext("Form")
            summary.extend({"anchor": anchor, "label": label, "message": m} for m in errors)
    return summary


def _handout_url(topic: str, language: str, site_slug: str | None) -> str:
    """Return the PDF link; the site picks the footer (phone, hours) the handout carries."""
    url = reverse("counseling:handout-pdf", kwargs={"topic": topic, "language": language})
    return f"{url}?{urlencode({'site': site_slug})}" if site_slug else url


def _results_context(facts, *, language: str, code: str | None = None, site_slug: str | None = None) -> dict:
    """Build what the results template shows, from the engine's assessment."""
    screening = assess(facts)
    credits = screening.credits

    def column(keys):
        return [
            {"key": key, "assessment": credits[key], "badge": STATUS_DISPLAY.get(_status(credits[key]))}
            for key in keys
            if key in credits
        ]

    topics = recommended_topics(facts)
    federal, california = column(FEDERAL_CREDITS), column(CALIFORNIA_CREDITS)
    return {
        "screening": screening,
        "flags": [{"flag": flag, "subject": _subject_label(getattr(flag, "subject", ""))} for flag in screening.flags],
        "columns": [
            {"key": "federal", "title": _("Federal"), "credits": federal, "total": screening.total_federal},
            {"key": "california", "title": _("California"), "credits": california, "total": screening.total_california},
        ],
        "handout_language_name": dict(settings.HANDOUT_LANGUAGES).get(language, language),
        "people": _people(facts),
        "filing_status_label": dict(FILING_STATUS_CHOICES).get(facts.filing_status.value, facts.filing_status.value),
        "handouts": _handouts(topics, language, site_slug),
        "handout_language": language,
        "handout_list_url": reverse("counseling:handout-list"),
        "summary_url": reverse("counseling:client-summary", kwargs={"code": code}) if code else None,
    }


def _handouts(topics: list[str], language: str, site_slug: str | None) -> list[dict]:
    """Return the recommended handouts with a link in the client's language, or, where that
    language has no published version yet, links in the languages that do."""
    available = published_languages_by_topic()
    names = dict(settings.HANDOUT_LANGUAGES)
    handouts = []
    for topic in topics:
        languages = available.get(topic, [])
        handouts.append(
            {
                "topic": topic,
                "title": TOPICS[topic],
                "url": _handout_url(topic, language, site_slug) if language in languages else None,
                "fallbacks": []
                if language in languages
                else [
                    {"name": names.get(other, other), "url": _handout_url(topic, other, site_slug)}
                    for other in languages
                ],
            }
        )
    return handouts


def _people(facts) -> list[dict]:
    """Return who is in the household, as the results page lists them (types and ages only)."""
    labels = dict(ID_TYPE_CHOICES)
    people = [{"role": gettext("Taxpayer"), "id_type": labels[facts.taxpayer.id_type.value], "age": facts.taxpayer.age}]
    if facts.spouse is not None:
        people.append({"role": gettext("Spouse"), "id_type": labels[facts.spouse.id_type.value], "age": facts.spouse.age})
    for number, dependent in enumerate(facts.dependents, start=1):
        people.append(
            {
                "role": gettext("Dependent %(number)s") % {"number": number},
                "id_type": labels[dependent.id_type.value],
                "age": dependent.age,
                "student": dependent.full_time_student,
                "disabled": dependent.permanently_disabled,
                "months": dependent.months_lived_with_filer,
            }
        )
    return people


def _subject_label(subject: str) -> str:
    """Return the person a flag is about, in the interface language ("dependent 2" → "Dependent 2")."""
    subject = str(subject or "")
    fixed = {"taxpayer": gettext("Taxpayer"), "spouse": gettext("Spouse"), "household": gettext("Household")}
    if subject in fixed:
        return fixed[subject]
    kind, _sep, number = subject.partition(" ")
    if kind == "dependent" and number.isdigit():
        return gettext("Dependent %(number)s") % {"number": number}
    return subject


def _status(assessment) -> str:
    status = assessment.status
    return str(getattr(status, "value", status))


def _household_initial(household: Household) -> tuple[dict, list[dict]]:
    initial = {name: getattr(household, name) for name in HOUSEHOLD_FIELDS if name in HouseholdForm.base_fields}
    rows = [
        {
            "id_type": d.id_type,
            "age": d.age,
            "full_time_student": d.full_time_student,
            "permanently_disabled": d.permanently_disabled,
            "months_lived_with_filer": d.months_lived_with_filer,
        }
        for d in household.dependents.all()
    ]
    return initial, rows


# --- the site's list -------------------------------------------------------------------------


def _list_context(request, find_form=None) -> dict:
    start = timezone.make_aware(dt.datetime.combine(clock.today(), dt.time.min))
    memberships = list(memberships_of(request.user))
    # The same sites as households_visible_to(), as plain ids: with one site the database walks the
    # (site, -last_visit_at, -id) index in order instead of sorting every household of the site.
    site_ids = sorted({m.site_id for m in memberships})
    households = (
        Household.objects.filter(site_id__in=site_ids)
        .filter(Q(status=Household.Status.OPEN) | Q(last_visit_at__gte=start))
        .select_related("site")
        .only("code", "status", "last_visit_at", "purge_after", "site__name", "site__slug")
        .order_by("-last_visit_at", "-id")
    )
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    # Count dependents for this page only (one query), not for every household before paging.
    counts = dict(
        Dependent.objects.filter(household_id__in=[h.pk for h in page.object_list])
        .values_list("household_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    for household in page.object_list:
        household.dependent_count = counts.get(household.pk, 0)
    return {
        "page": page,
        "find_form": find_form or FindForm(),
        "several_sites": len(site_ids) > 1,
        "can_record": any(m.can_edit_households for m in memberships),
        "managed_sites": [m.site for m in memberships if m.can_manage_site],
    }


@never_cache
@login_required
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
def household_consent(request):
    """Step one: the client agrees that the household is recorded (or is screened anonymously)."""
    sites = _editable_sites(request.user)
    if not sites:
        raise PermissionDenied
    form = ConsentForm(request.POST if request.method == "POST" else None, sites=sites)
    if request.method == "POST" and form.is_valid():
        site = sites[0]
        if "site" in form.cleaned_data:
            site = next(s for s in sites if str(s.pk) == form.cleaned_data["site"])
        token = _consent_token(user=request.user, site=site)
        return redirect(f"{reverse('intake:household-create')}?{urlencode({'consent': token})}")
    errors = _error_summary(form) if form.is_bound else []
    return render(request, "intake/household_consent.html", {"form": form, "errors": errors})


@never_cache
@login_required
def household_create(request):
    """Step two: the household form; saving it records the household and the consent."""
    token = request.POST.get("submission_token") if request.method == "POST" else request.GET.get("consent")
    consent = _read_consent(token, user=request.user)
    if consent is None:
        messages.warning(request, _("Record the client's consent first."))
        return redirect("intake:household-consent")
    site, nonce = consent

    form, formset, submitted = _household_forms(request)
    if submitted and form.is_valid() and formset.is_valid():
        household = household_open(
            site=site,
            user=request.user,
            values=form.household_values(),
            dependents=formset.dependent_values(),
            submission_token=nonce,
        )
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


# --- results ---------------------------------------------------------------------------------


@never_cache
@login_required
@require_safe
def household_detail(request, code: str):
    """The results: every credit side by side with its reasons, flags, and handouts to print."""
    household, can_edit = household_for_user(request.user, code)
    prefetch_related_objects([household], "dependents")
    facts = household_facts(household)
    context = _results_context(
        facts, language=household.language, code=household.code, site_slug=household.site.slug
    )
    household_viewed(household=household, user=request.user)
    return render(
        request,
        "intake/household_detail.html",
        {**context, "household": household, "can_edit": can_edit, "facts": facts},
    )


# --- anonymous screening ---------------------------------------------------------------------


@never_cache
@login_required
def screening(request):
    """Screen without recording: nothing is written, stored in the session or logged."""
    form, formset, submitted = _household_forms(request)
    if submitted and form.is_valid() and formset.is_valid():
        facts = household_facts_from_values(form.household_values(), formset.dependent_values())
        context = _results_context(facts, language=form.cleaned_data["language"])
        return render(request, "intake/screening_result.html", {**context, "facts": facts})
    return _render_household_form(
        request,
        form,
        formset,
        title=_("Anonymous screening"),
        submit_label=_("See results"),
        hidden={},
        anonymous=True,
    )


# --- editing ---------------------------------------------------------------------------------


def _display(field, value) -> str:
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    choices = dict(getattr(field, "choices", ()) or ())
    if value in ("", None):
        return "—"
    return str(choices.get(value, value))


def _differences(form: HouseholdForm, formset, current: Household) -> list[dict]:
    """Return the fields whose submitted value differs from what is saved now."""
    submitted = form.household_values()
    rows = []
    for name in HOUSEHOLD_FIELDS:
        if name not in form.fields:
            continue
        mine, theirs = submitted[name], getattr(current, name)
        if mine != theirs and not (mine in ("", None) and theirs in ("", None)):
            field = form.fields[name]
            rows.append({"label": field.label, "mine": _display(field, mine), "saved": _display(field, theirs)})
    saved_dependents = [
        (d.id_type, d.age, d.full_time_student, d.permanently_disabled, d.months_lived_with_filer)
        for d in current.dependents.all()
    ]
    typed_dependents = [
        (d["id_type"], d["age"], d["full_time_student"], d["permanently_disabled"], d["months_lived_with_filer"])
        for d in formset.dependent_values()
    ]
    if saved_dependents != typed_dependents:
        id_labels = dict(ID_TYPE_CHOICES)

        def describe(rows_):
            return "; ".join(
                gettext("%(id_type)s, age %(age)s") % {"id_type": id_labels.get(t, t), "age": a}
                for t, a, *_rest in rows_
            ) or "—"

        rows.append(
            {"label": gettext("Dependents"), "mine": describe(typed_dependents), "saved": describe(saved_dependents)}
        )
    return rows


@never_cache
@login_required
def household_edit(request, code: str):
    """Edit with optimistic locking: a stale save shows what changed and keeps what was typed."""
    household, _can_edit = household_for_user(request.user, code, write=True)
    prefetch_related_objects([household], "dependents")
    version = household.version
    initial, rows = _household_initial(household) if request.method != "POST" else (None, None)
    form, formset, submitted = _household_forms(request, initial=initial, rows=rows)
    if request.method == "POST":
        version_form = VersionForm(request.POST)
        version = request.POST.get("version", version)
        if submitted and version_form.is_valid() and form.is_valid() and formset.is_valid():
            try:
                household_update(
                    household=household,
                    user=request.user,
                    expected_version=version_form.cleaned_data["version"],
                    values=form.household_values(),
                    dependents=formset.dependent_values(),
                )
            except HouseholdConflict as conflict:
                current = conflict.household
                prefetch_related_objects([current], "dependents")
                return render(
                    request,
                    "intake/household_conflict.html",
                    {
                        "household": current,
                        "differences": _differences(form, formset, current),
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
            return redirect(household)
        if submitted and not version_form.is_valid():
            form.add_error(None, _("This form is missing its version. Open the household again."))
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
