"""Write audit entries. Every view, print, edit, export and purge of a household calls this."""

from __future__ import annotations

from clinic import clock
from clinic.models import AuditEntry, Site

# Keys allowed in AuditEntry.data. Values must be operational (slugs, codes, counts, field
# *names*), never what a client said. An unknown key is a programming error, not a log line.
ALLOWED_DATA_KEYS = frozenset(
    {"topic", "topics", "language", "languages", "copies", "version", "fields", "count", "reason", "format", "page"}
)


def audit_record(
    *,
    actor,
    action: str,
    site: Site | None = None,
    visit_code: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """Append one audit entry; refuse data keys outside the allow-list."""
    data = dict(data or {})
    unknown = set(data) - ALLOWED_DATA_KEYS
    if unknown:
        raise ValueError(f"audit data keys not allowed: {sorted(unknown)}")
    if action not in AuditEntry.Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    return AuditEntry.objects.create(
        at=clock.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        site=site,
        action=action,
        visit_code=visit_code,
        data=data,
    )


def audit_redact(*, visit_code: str) -> int:
    """Redact every entry about one household: blank its visit code and details. Return the count."""
    return AuditEntry.objects.filter(visit_code=visit_code, redacted=False).update(
        visit_code="", data={}, redacted=True
    )
