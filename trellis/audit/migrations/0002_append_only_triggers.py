"""The access log is append-only for every client of the database: no UPDATE or DELETE
(nor TRUNCATE on PostgreSQL). The SQL is frozen here as this migration ran it; the current
definitions are ``trellis/audit/triggers.py``, installed again after every migrate."""

from django.db import migrations

from trellis.dbtriggers import InstallTriggers

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'
       USING ERRCODE = 'restrict_violation'; END; $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE
       ON audit_auditevent FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();""",
    """CREATE OR REPLACE TRIGGER audit_event_no_truncate BEFORE TRUNCATE
       ON audit_auditevent FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();""",
]


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [InstallTriggers("audit append-only", sqlite=SQLITE, postgresql=POSTGRESQL)]
