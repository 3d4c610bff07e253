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
from clinic.forms import InviteForm, TypedConfirmationForm
from clinic.languages import normalize_interface_language
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
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "set-password",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
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


@login_required
def audit_log(request, slug: str):
    """Show a site's audit log to its coordinator, newest first (read-only, paginated)."""
    site, _can_manage = site_for_user(request.user, slug, manage=True)
    entries = AuditEntry.objects.filter(site=site).select_related("actor").order_by("-at", "-id")
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "clinic/auditentry_list.html", {"site": site, "page": page})




# The word an administrator types to rotate the keys (the same in every interface language).
ROTATE_WORD = "ROTATE"


@never_cache
@recent_sign_in_required
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
