"""On PostgreSQL the database itself refuses to change or delete a history entry; it lets only
the account's deletion clear ``actor`` (the name stays). SQLite, the embedded default, relies on
the model's refusals."""

from django.db import migrations

CREATE = """
CREATE FUNCTION audit_entry_is_permanent() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
        AND (NEW.id, NEW.content_type_id, NEW.object_id, NEW.action, NEW.actor_name, NEW.at,
             NEW.changes::text, NEW.reason)
        IS NOT DISTINCT FROM
            (OLD.id, OLD.content_type_id, OLD.object_id, OLD.action, OLD.actor_name, OLD.at,
             OLD.changes::text, OLD.reason)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'History entries cannot be changed or deleted.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_is_permanent BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_permanent();
"""
DROP = """
DROP TRIGGER audit_entry_is_permanent ON audit_entry;
DROP FUNCTION audit_entry_is_permanent();
"""


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
