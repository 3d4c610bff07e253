"""On PostgreSQL, ``TRUNCATE clinic_auditentry`` is refused like UPDATE and DELETE (review finding 12).

The row-level trigger of 0003 never sees a TRUNCATE; this statement-level trigger does. TRUNCATE is
allowed only on a connection that set ``confianza.audit_truncate = 'allowed'``: the test profile's
connections do (Django's test flush between transactional tests truncates every table); the app's
never does. A database owner can still drop the trigger: run migrations as a separate owner and
grant the app's user only what it needs (docs/deployment.md).
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION clinic_auditentry_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('confianza.audit_truncate', true) IS DISTINCT FROM 'allowed' THEN
        RAISE EXCEPTION 'clinic_auditentry is append-only: TRUNCATE refused';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS clinic_auditentry_no_truncate ON clinic_auditentry;
CREATE TRIGGER clinic_auditentry_no_truncate
    BEFORE TRUNCATE ON clinic_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION clinic_auditentry_no_truncate();
"""

DROP = r"""
DROP TRIGGER IF EXISTS clinic_auditentry_no_truncate ON clinic_auditentry;
DROP FUNCTION IF EXISTS clinic_auditentry_no_truncate();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("clinic", "0004_season_amounts_activity_counters")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
