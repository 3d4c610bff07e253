"""Pages of the core app: sign-in and out, a site's people, its audit log and season totals."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from clinic.access import membership_for_manager, site_for_user
from clinic.forms import AuditFilterForm, InviteForm, TypedConfirmationForm
from clinic.invitations import invitation_tokens
from clinic.languages import normalize_interface_language
from clinic.methods import require_get_or_post
from clinic.models import AuditEntry, Membership
from clinic.reauth import recent_sign_in_required
from clinic.rotation import encrypted_columns, rotate_all
from clinic.services import membership_deactivate, membership_invite

AUDIT_PAGE_SIZE = 50


@require_safe
def favicon(request):
    """The vendored icon, for browsers that ask for /favicon.ico whatever the page links."""
    return redirect(static("confianza/favicon.ico"), permanent=True)


@login_required
@require_safe
def home(request):
    """Send a signed-in user to their work: the intake desk."""
    return redirect("intake:household-list")


@require_POST
def logout_view(request):
    """End the session on the server and tell the browser to clear what it holds."""
    logout(request)
    response = redirect("login")
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


# --- a site's people (coordinators and administrators) --------------------------------------


def _set_password_url(request, user) -> str:
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "set-password",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_tokens.make_token(user)},
    )
    return request.build_absolute_uri(path)


def _people_context(site, form) -> dict:
    memberships = (
        Membership.objects.filter(site=site)
        .select_related("user")
        .order_by("-is_active", "role", "user__username")
    )
    return {"site": site, "memberships": memberships, "form": form}


@never_cache
@login_required
@require_safe
def people_list(request, slug: str):
    """The site's people, with a form to invite a volunteer."""
    site, _can_manage = site_for_user(request.user, slug, manage=True)
    return render(request, "clinic/people_list.html", _people_context(site, InviteForm()))


@never_cache
@login_required
@require_POST
def people_invite(request, slug: str):
    """Create the account and show the one-time set-password link, once, to the coordinator."""
    site, _can_manage = site_for_user(request.user, slug, manage=True)
    form = InviteForm(request.POST)
    if form.is_valid():
        membership = membership_invite(site=site, actor=request.user, username=form.cleaned_data["username"])
        return render(
            request,
            "clinic/people_invited.html",
            {"site": site, "membership": membership, "link": _set_password_url(request, membership.user)},
        )
    return render(request, "clinic/people_list.html", _people_context(site, form))


@login_required
@require_POST
def people_deactivate(request, slug: str):
    """Deactivate a person's membership; their open sessions end at once."""
    site, _can_manage = site_for_user(request.user, slug, manage=True)
    membership = membership_for_manager(request.user, site, request.POST.get("membership"))
    membership_deactivate(membership=membership, actor=request.user)
    messages.success(request, _("%(username)s can no longer sign in to this site.") % {"username": membership.user.username})
    return redirect("sites:people-list", slug=site.slug)


def _field_label(name: str) -> str:
    """The label of a changed field (``wages``, ``dependents.2.age``), never its value."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    parts = name.split(".")
    model = apps.get_model("intake", "Dependent" if parts[0] == "dependents" else "Household")
    if parts[0] == "dependents":
        number = parts[1] if len(parts) > 1 else "?"
        if len(parts) == 2:
            return _("dependent %(number)s added or removed") % {"number": number}
        field_name = parts[2]
    else:
        number, field_name = None, parts[0]
    try:
        label = str(model._meta.get_field(field_name).verbose_name)
    except FieldDoesNotExist:
        label = field_name
    return _("dependent %(number)s: %(field)s") % {"number": number, "field": label} if number else label


def _audit_rows(entries) -> list[dict]:
    rows = []
    for entry in entries:
        data = dict(entry.data or {})
        fields = data.pop("fields", None)
        rows.append(
            {
                "entry": entry,
                "fields": [_field_label(name) for name in fields] if isinstance(fields, list) else [],
                "details": sorted(data.items()),
            }
        )
    return rows


@never_cache
@login_required
@require_safe
def audit_log(request, slug: str):
    """A site's audit log for its coordinator: newest first, filtered, paginated, read-only."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    site, _can_manage = site_for_user(request.user, slug, manage=True)
    actors = (
        get_user_model().objects.filter(memberships__site=site).order_by("username").values_list("pk", "username")
    )
    form = AuditFilterForm(request.GET or None, actions=AuditEntry.Action.choices, actors=actors)
    entries = AuditEntry.objects.filter(site=site).select_related("actor").order_by("-at", "-id")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["actor"]:
            entries = entries.filter(actor_id=int(data["actor"]))
        if data["code"]:
            entries = entries.filter(visit_code=data["code"])
        if data["since"]:
            entries = entries.filter(at__gte=timezone.make_aware(dt.datetime.combine(data["since"], dt.time.min)))
        if data["until"]:
            end = data["until"] + dt.timedelta(days=1)
            entries = entries.filter(at__lt=timezone.make_aware(dt.datetime.combine(end, dt.time.min)))
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "clinic/auditentry_list.html",
        {"site": site, "page": page, "rows": _audit_rows(page), "form": form, "query": query.urlencode()},
    )


# The word an administrator types to rotate the keys (the same in every interface language).
ROTATE_WORD = "ROTATE"


@never_cache
@recent_sign_in_required
@require_get_or_post
def key_rotation(request):
    """Let an administrator re-encrypt every encrypted field under the newest key, after typing
    ROTATE (and a recent sign-in). ``manage.py rotate_field_keys`` does the same from a shell."""
    if not request.user.is_superuser:
        raise Http404
    form = TypedConfirmationForm(
        request.POST or None,
        expected=ROTATE_WORD,
        label=_("Type %(word)s to confirm") % {"word": ROTATE_WORD},
        mismatch=_("Type the word exactly as shown."),
    )
    if request.method == "POST" and form.is_valid():
        counts = rotate_all()
        messages.success(
            request,
            _("Every encrypted field is now under the newest key (%(rows)s rows rewritten).")
            % {"rows": sum(counts.values())},
        )
        return redirect("key-rotation")
    return render(
        request,
        "clinic/key_rotation.html",
        {
            "form": form,
            "word": ROTATE_WORD,
            "key_count": len(settings.FIELD_ENCRYPTION_KEYS),
            "models": [(model._meta.verbose_name_plural, columns) for model, columns in encrypted_columns()],
        },
    )


def set_language(request):
    """Django's ``set_language``, after normalising the code as written (``es-MX`` → ``es``).

    A code naming no interface language is dropped (Django would otherwise store any code it has
    its own catalogue for, such as ``zh-Hans``), so the language stays as it was and the user is
    redirected back: never an error page.
    """
    if request.method == "POST":
        posted = request.POST.get("language")
        code = normalize_interface_language(posted) or ""
        if code != posted:
            data = request.POST.copy()
            data["language"] = code
            request.POST = data
    return django_set_language(request)
