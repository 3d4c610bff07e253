"""PostgreSQL refuses TRUNCATE of the audit table (review finding 12)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from clinic.audit import audit_record
from clinic.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_postgresql_refuses_truncate_of_the_audit_table(site_a, volunteer_a):
    audit_record(actor=volunteer_a, action="view", site=site_a, visit_code="K7MQ-4XTP")
    with pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"), transaction.atomic():
        with connection.cursor() as cursor:
            # As the app's own connections are: without the test profile's permission.
            cursor.execute("SET LOCAL confianza.audit_truncate = ''")
            # The test's own insert left deferred foreign-key checks pending; settle them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE clinic_auditentry CASCADE")
    assert AuditEntry.objects.filter(visit_code="K7MQ-4XTP").count() == 1


def test_only_the_test_profile_allows_truncate():
    from django.conf import settings

    options = settings.DATABASES["default"].get("OPTIONS", {}).get("options", "")
    assert "confianza.audit_truncate=allowed" in options  # this run is the test profile
