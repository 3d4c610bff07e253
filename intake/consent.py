"""The signed consent token: proof, carried from the consent step to the household form, that this
volunteer recorded the client's consent for this site during this visit.

Signed with the project's secret and a salt of its own, bound to the volunteer and the site, and
valid for one visit only. Its random nonce doubles as the submission token that makes saving the
household idempotent (``intake.services.household_open``).
"""

from __future__ import annotations

import secrets

from django.core import signing

from clinic.access import memberships_of

CONSENT_SALT = "intake.consent"
CONSENT_MAX_AGE = 4 * 60 * 60  # a consent is for this visit, not for the day after


def editable_sites(user) -> list:
    """Return the sites where the user may record households."""
    return [m.site for m in memberships_of(user) if m.can_edit_households]


def consent_token(*, user, site) -> str:
    """Return a token saying that ``user`` recorded a client's consent at ``site`` just now."""
    return signing.dumps({"u": user.pk, "s": site.pk, "n": secrets.token_urlsafe(18)}, salt=CONSENT_SALT)


def read_consent(token: str | None, *, user):
    """Return ``(site, nonce)`` for a consent token this user took, or ``None``."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=CONSENT_SALT, max_age=CONSENT_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("u") != user.pk:
        return None
    site = next((s for s in editable_sites(user) if s.pk == payload.get("s")), None)
    if site is None or not isinstance(payload.get("n"), str):
        return None
    return site, payload["n"]
