"""Writes to sites and memberships (docs/architecture.md, habit 2: every write goes through a service)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from clinic import clock
from clinic.access import memberships_of
from clinic.audit import audit_record
from clinic.models import AuditEntry, Membership, Site

# Roles a manager may invite and deactivate: a coordinator manages volunteers (and content
# editors); an administrator also manages coordinators.
MANAGEABLE_ROLES = {
    Membership.Role.COORDINATOR: {Membership.Role.VOLUNTEER, Membership.Role.EDITOR},
    Membership.Role.ADMIN: {Membership.Role.VOLUNTEER, Membership.Role.EDITOR, Membership.Role.COORDINATOR},
}


def _manager_role(actor, site: Site) -> str:
    membership = memberships_of(actor).filter(site=site).first()
    if membership is None or not membership.can_manage_site:
        raise PermissionDenied
    return membership.role


@transaction.atomic
def membership_invite(*, site: Site, actor, username: str, role: str = Membership.Role.VOLUNTEER) -> Membership:
    """Create an account without a usable password and make it a member of the site.

    The person sets their own password through a one-time link the coordinator hands over; no
    e-mail is sent (nothing leaves the clinic).
    """
    if role not in MANAGEABLE_ROLES.get(_manager_role(actor, site), set()):
        raise PermissionDenied
    User = get_user_model()
    user = User(username=username)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    membership = Membership(user=user, site=site, role=role)
    membership.full_clean()
    membership.save()
    return membership


def user_sessions_end(user) -> int:
    """Delete every live session of ``user``; return how many ended.

    Works with the database-backed session engines (the default). A cache-only engine cannot be
    searched, and is refused rather than silently leaving sessions alive.
    """
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        raise NotImplementedError(f"cannot end sessions stored by {settings.SESSION_ENGINE}")
    from importlib import import_module

    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=clock.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == user_id:
            store(session_key=session.session_key).delete()  # the row, and a cached copy if any
            ended += 1
    return ended


@transaction.atomic
def membership_deactivate(*, membership: Membership, actor) -> Membership:
    """Deactivate a membership and end that person's sessions at once (ASVS 7.4.2)."""
    if membership.user_id == actor.pk:
        raise PermissionDenied
    if membership.role not in MANAGEABLE_ROLES.get(_manager_role(actor, membership.site), set()):
        raise PermissionDenied
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    user_sessions_end(membership.user)
    membership.refresh_from_db()
    return membership


# --- a site's referral list ("Where to go" on handouts) -------------------------------------


def site_text_languages(site: Site) -> list[str]:
    """Return the languages a site's own texts are written in besides the default (English).

    Spanish is always offered: every handout ships in English and Spanish.
    """
    codes = [code for code, _name in settings.HANDOUT_LANGUAGES if code != "en"]
    wanted = {code for code in (site.languages or []) if code in codes} | {"es"}
    return [code for code in codes if code in wanted]


@transaction.atomic
def site_referrals_save(*, site: Site, actor, hours: str, hours_translations: dict, rows: list[dict]):
    """Replace the site's opening hours and referral list with what the coordinator entered.

    ``rows`` are dicts with kind, name, phone, hours, note and ``translations`` (language →
    {name, hours, note}); their order is the printed order. Empty translations are dropped, so
    a language falls back to the default text.
    """
    from clinic.models import Referral

    _manager_role(actor, site)
    before = _referral_list_state(site)
    site.hours = hours
    site.hours_translations = {lang: text.strip() for lang, text in hours_translations.items() if text.strip()}
    site.full_clean()
    site.save(update_fields=["hours", "hours_translations"])
    site.referrals.all().delete()
    created = []
    for position, row in enumerate(rows):
        translations = {
            lang: {name: value.strip() for name, value in texts.items() if value and value.strip()}
            for lang, texts in (row.get("translations") or {}).items()
        }
        referral = Referral(
            site=site,
            order=position,
            kind=row["kind"],
            name=row["name"],
            phone=row.get("phone", ""),
            hours=row.get("hours", ""),
            note=row.get("note", ""),
            translations={lang: texts for lang, texts in translations.items() if texts},
        )
        referral.full_clean()
        referral.save()
        created.append(referral)
    changed = _changed_fields(before, _referral_list_state(site))
    if changed:
        audit_record(
            actor=actor, action=AuditEntry.Action.EDIT, site=site, data={"fields": changed, "count": len(created)}
        )
    return created


REFERRAL_FIELDS = ("kind", "name", "phone", "hours", "note", "translations")


def _referral_list_state(site: Site) -> dict:
    """Return the site's hours and referral lines as plain values, to compare before and after."""
    return {
        "hours": site.hours,
        "hours_translations": dict(site.hours_translations or {}),
        "referrals": [
            {name: getattr(referral, name) for name in REFERRAL_FIELDS} for referral in site.referrals.order_by("order", "pk")
        ],
    }


def _changed_fields(before: dict, after: dict) -> list[str]:
    """Return the names of what changed ("hours", "referrals.phone", "referrals.count"), never a value."""
    changed = {name for name in ("hours", "hours_translations") if before[name] != after[name]}
    old, new = before["referrals"], after["referrals"]
    if len(old) != len(new):
        changed.add("referrals.count")
    for line_before, line_after in zip(old, new, strict=False):
        changed |= {f"referrals.{name}" for name in REFERRAL_FIELDS if line_before[name] != line_after[name]}
    for line in old[len(new):] + new[len(old):]:
        changed |= {f"referrals.{name}" for name in REFERRAL_FIELDS if line[name]}
    return sorted(changed)
