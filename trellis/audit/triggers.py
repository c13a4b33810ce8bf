"""The current database triggers that make the access log append-only for every client of
the database, not only for the ORM: no UPDATE or DELETE (nor TRUNCATE on PostgreSQL), and
on SQLite no REPLACE of an event (see ``trellis.dbtriggers``).

Migrations 0002 (UPDATE, DELETE) and 0003 (REPLACE on SQLite) carry their own frozen copy
of this SQL; these definitions are installed again after every ``migrate``
(``apps.py``), so a table rebuild cannot leave the log writable. A change here needs a
new migration carrying the new SQL too.
"""

from __future__ import annotations

from typing import Any

from trellis import dbtriggers
from trellis.dbtriggers import Triggers

AUDIT_TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"
SQLITE_INSTALL = [
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'
       USING ERRCODE = 'restrict_violation'; END; $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE
       ON audit_auditevent FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();""",
    """CREATE OR REPLACE TRIGGER audit_event_no_truncate BEFORE TRUNCATE
       ON audit_auditevent FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();""",
]


def definitions(connection: Any) -> list[Triggers]:
    """The access log's triggers for this database, each with the migration that first
    installed it."""
    if connection.vendor == "postgresql":
        return [Triggers("audit append-only", tuple(POSTGRES_INSTALL), "0002_append_only_triggers")]
    if connection.vendor != "sqlite":
        return []
    # Every event is protected; updates are refused outright, so no UPDATE guard.
    no_replace = dbtriggers.sqlite_no_replace(
        connection, AUDIT_TABLE, "1", MESSAGE, on_update=False
    )
    return [
        Triggers("audit append-only", tuple(SQLITE_INSTALL), "0002_append_only_triggers"),
        Triggers("audit no replace", tuple(no_replace), "0003_no_replace_triggers"),
    ]


def install(connection: Any) -> None:
    """Create (or refresh) the triggers; safe to run again."""
    dbtriggers.install(connection, definitions(connection))


def remove(connection: Any) -> None:
    """Only for emptying a test database between tests; never in the app."""
    dbtriggers.drop(connection, definitions(connection))
