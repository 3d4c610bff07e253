"""On PostgreSQL, the database itself refuses to delete or rewrite audit entries.

The only change allowed is the redaction done when a household is purged
(``clinic.audit.audit_redact``): visit code blanked, details emptied, ``redacted`` set, every other
column unchanged. SQLite has no such trigger; there the model and its queryset refuse instead.
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION clinic_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'clinic_auditentry is append-only: DELETE refused';
    END IF;
    IF NEW.redacted
       AND NEW.visit_code = ''
       AND NEW.data = '{}'::jsonb
       AND NEW.id = OLD.id
       AND NEW.at = OLD.at
       AND NEW.action = OLD.action
       AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
       AND NEW.site_id IS NOT DISTINCT FROM OLD.site_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'clinic_auditentry is append-only: only redaction may change a row';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS clinic_auditentry_append_only ON clinic_auditentry;
CREATE TRIGGER clinic_auditentry_append_only
    BEFORE UPDATE OR DELETE ON clinic_auditentry
    FOR EACH ROW EXECUTE FUNCTION clinic_auditentry_append_only();
"""

DROP = r"""
DROP TRIGGER IF EXISTS clinic_auditentry_append_only ON clinic_auditentry;
DROP FUNCTION IF EXISTS clinic_auditentry_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("clinic", "0002_security_counters_shared_desks")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
