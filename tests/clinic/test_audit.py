"""The audit log is append-only: in the model, and on PostgreSQL in the database itself."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from clinic.audit import audit_record, audit_redact
from clinic.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(site_a, volunteer_a):
    return audit_record(actor=volunteer_a, action="view", site=site_a, visit_code="K7MQ-4XTP", data={"topic": "itin"})


def test_saving_an_existing_entry_is_refused(entry):
    entry.action = "edit"
    with pytest.raises(AppendOnlyError):
        entry.save()


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 1


def test_an_update_other_than_redaction_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="edit")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(visit_code="")


def test_redaction_blanks_the_visit_code_and_details_and_keeps_the_rest(entry):
    assert audit_redact(visit_code="K7MQ-4XTP") == 1
    entry.refresh_from_db()
    assert (entry.visit_code, entry.data, entry.redacted, entry.action) == ("", {}, True, "view")


def test_a_user_with_audit_history_cannot_be_deleted(entry, volunteer_a):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        volunteer_a.delete()


def _raw(sql: str, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM clinic_auditentry WHERE id = %s",
        "UPDATE clinic_auditentry SET action = 'edit' WHERE id = %s",
        "UPDATE clinic_auditentry SET visit_code = 'OTHER-CODE' WHERE id = %s",
        "UPDATE clinic_auditentry SET at = at - interval '1 day' WHERE id = %s",
        # A "redaction" that also rewrites who did it is not a redaction.
        "UPDATE clinic_auditentry SET visit_code = '', data = '{}', redacted = true, actor_id = NULL WHERE id = %s",
        "UPDATE clinic_auditentry SET visit_code = '', data = '{}', redacted = true, action = 'edit' WHERE id = %s",
    ],
)
def test_postgresql_refuses_changes_through_raw_sql(entry, sql):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.visit_code == "K7MQ-4XTP" and entry.action == "view" and entry.actor_id is not None


@pytest.mark.postgres
def test_postgresql_allows_only_the_redaction(entry):
    _raw("UPDATE clinic_auditentry SET visit_code = '', data = '{}', redacted = true WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert (entry.visit_code, entry.data, entry.redacted) == ("", {}, True)


def test_the_coordinator_reads_their_sites_log(client, entry, site_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get(reverse("sites:audit-log", kwargs={"slug": site_a.slug}))
    assert response.status_code == 200
    assert "K7MQ-4XTP" in response.content.decode()


def test_the_log_is_paginated(client, site_a, coordinator_a, volunteer_a):
    from clinic.views import AUDIT_PAGE_SIZE

    for _ in range(AUDIT_PAGE_SIZE + 1):
        audit_record(actor=volunteer_a, action="view", site=site_a, visit_code="PAGE-TEST")
    client.force_login(coordinator_a)
    url = reverse("sites:audit-log", kwargs={"slug": site_a.slug})
    first = client.get(url).content.decode()
    assert first.count("PAGE-TEST") == AUDIT_PAGE_SIZE
    assert client.get(url, {"page": 2}).content.decode().count("PAGE-TEST") == 1


def test_another_sites_log_is_not_found_and_volunteers_are_refused(client, entry, site_a, volunteer_a, volunteer_b):
    url = reverse("sites:audit-log", kwargs={"slug": site_a.slug})
    client.force_login(volunteer_b)
    assert client.get(url).status_code == 404
    client.force_login(volunteer_a)
    assert client.get(url).status_code == 403
