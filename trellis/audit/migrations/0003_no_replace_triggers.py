"""On SQLite, no INSERT OR REPLACE may replace an access-log event (REPLACE deletes the
row in the way without its DELETE trigger). The SQL is frozen here as this migration ran it,
built from the table as it then was; the current definitions are
``trellis/audit/triggers.py``, installed again after every migrate."""

from django.db import migrations

from trellis.dbtriggers import InstallTriggers

SQLITE = [
    (
        "CREATE TRIGGER audit_auditevent_no_replace_insert BEFORE INSERT ON audit_auditevent FOR "
        "EACH ROW WHEN EXISTS (SELECT 1 FROM audit_auditevent x WHERE ((x.\"id\" = NEW.\"id\")) AND "
        "(1)) BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
    ),
]


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [InstallTriggers("audit no replace", sqlite=SQLITE)]
