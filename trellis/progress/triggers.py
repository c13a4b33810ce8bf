"""Database triggers that keep signed notes and addenda as they were, for every client of
the database, not only for the ORM.

- A signed note's row can be neither updated nor deleted (a draft can: signing is itself
  the last update of a draft).
- Nothing is added to, or changed in, what a signed note links to: its goal ratings and
  its goals, objectives, interventions and administrations. Those links may still go when
  the plan item itself is removed (a cascade), because the signed note keeps its own copy
  of everything it showed (``signed_content``) under ``content_hash``.
- An addendum is never updated or deleted.
- On SQLite, no insert or update may REPLACE a signed note, an addendum or a link of a
  signed note (REPLACE deletes without DELETE triggers).

These are the current definitions. Migrations 0002 (the locks) and 0005 (REPLACE on
SQLite) carry their own frozen copy of the SQL; these are installed again after every
``migrate`` (``apps.py``, ``trellis.dbtriggers``), so a table rebuild cannot unlock a
signed note. A change here needs a new migration carrying the new SQL too.

Row triggers only: PostgreSQL's TRUNCATE (how a test database is emptied there) is not
blocked. SQLite empties tables with DELETE, so tests lift these triggers for that flush
(the ``audit_flushable`` fixture), exactly as for the access log.
"""

from __future__ import annotations

from typing import Any

from trellis import dbtriggers
from trellis.dbtriggers import Triggers

NOTE = "progress_progressnote"
ADDENDUM = "progress_addendum"
# Tables that hang off a note, with the column naming the note.
LINKS = (
    ("progress_goalrating", "note_id"),
    ("progress_progressnote_goals", "progressnote_id"),
    ("progress_progressnote_objectives", "progressnote_id"),
    ("progress_progressnote_interventions", "progressnote_id"),
    ("progress_progressnote_administrations", "progressnote_id"),
)
SIGNED = "signed progress notes never change"
_LOCKS = "0002_signed_note_triggers"
_NO_REPLACE = "0005_no_replace_triggers"
APPEND_ONLY = "addenda never change"


# Every piece of SQL here is built from this module's constants, never from input.


def _signed(ref: str) -> str:
    return f"EXISTS (SELECT 1 FROM {NOTE} WHERE id = {ref} AND signed_at IS NOT NULL)"  # noqa: S608


def _sqlite_install() -> list[str]:
    statements = [
        f"""CREATE TRIGGER IF NOT EXISTS progress_signed_note_no_update BEFORE UPDATE ON {NOTE}
            WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, '{SIGNED}'); END;""",
        f"""CREATE TRIGGER IF NOT EXISTS progress_signed_note_no_delete BEFORE DELETE ON {NOTE}
            WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, '{SIGNED}'); END;""",
        f"""CREATE TRIGGER IF NOT EXISTS progress_addendum_no_update BEFORE UPDATE ON {ADDENDUM}
            BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;""",
        f"""CREATE TRIGGER IF NOT EXISTS progress_addendum_no_delete BEFORE DELETE ON {ADDENDUM}
            BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;""",
    ]
    for table, column in LINKS:
        statements += [
            f"""CREATE TRIGGER IF NOT EXISTS {table}_signed_no_insert BEFORE INSERT ON {table}
                WHEN {_signed(f"NEW.{column}")}
                BEGIN SELECT RAISE(ABORT, '{SIGNED}'); END;""",
            f"""CREATE TRIGGER IF NOT EXISTS {table}_signed_no_update BEFORE UPDATE ON {table}
                WHEN {_signed(f"OLD.{column}")} OR {_signed(f"NEW.{column}")}
                BEGIN SELECT RAISE(ABORT, '{SIGNED}'); END;""",
        ]
    return statements


def _postgres_link_check(ref: str) -> str:
    note_id = f"(to_jsonb({ref}) ->> TG_ARGV[0])::uuid"
    return f"EXISTS (SELECT 1 FROM {NOTE} WHERE id = {note_id} AND signed_at IS NOT NULL)"  # noqa: S608


def _postgres_install() -> list[str]:
    statements = [
        """CREATE OR REPLACE FUNCTION progress_refuse_change() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END;
           $$ LANGUAGE plpgsql;""",
        f"""CREATE OR REPLACE FUNCTION progress_refuse_signed_link() RETURNS trigger AS $$
           BEGIN
             IF {_postgres_link_check("NEW")}
                OR (TG_OP = 'UPDATE' AND {_postgres_link_check("OLD")}) THEN
               RAISE EXCEPTION '{SIGNED}' USING ERRCODE = 'restrict_violation';
             END IF;
             RETURN NEW;
           END; $$ LANGUAGE plpgsql;""",
        f"""CREATE OR REPLACE TRIGGER progress_signed_note_locked BEFORE UPDATE OR DELETE
            ON {NOTE} FOR EACH ROW WHEN (OLD.signed_at IS NOT NULL)
            EXECUTE FUNCTION progress_refuse_change('{SIGNED}');""",
        f"""CREATE OR REPLACE TRIGGER progress_addendum_locked BEFORE UPDATE OR DELETE
            ON {ADDENDUM} FOR EACH ROW EXECUTE FUNCTION progress_refuse_change('{APPEND_ONLY}');""",
    ]
    for table, column in LINKS:
        statements.append(
            f"""CREATE OR REPLACE TRIGGER {table}_signed_locked BEFORE INSERT OR UPDATE
                ON {table} FOR EACH ROW EXECUTE FUNCTION progress_refuse_signed_link('{column}');"""
        )
    return statements


def _sqlite_no_replace(connection: Any) -> list[str]:
    """REPLACE deletes a conflicting row without its DELETE trigger: refuse the clash first."""
    statements = dbtriggers.sqlite_no_replace(
        connection, NOTE, "x.signed_at IS NOT NULL", SIGNED, on_update=True
    )
    statements += dbtriggers.sqlite_no_replace(
        connection, ADDENDUM, "1", APPEND_ONLY, on_update=False
    )
    for table, column in LINKS:
        statements += dbtriggers.sqlite_no_replace(
            connection, table, _signed(f"x.{column}"), SIGNED, on_update=True
        )
    return statements


def definitions(connection: Any) -> list[Triggers]:
    """The note triggers for this database, each with the migration that first installed it."""
    if connection.vendor == "postgresql":
        return [Triggers("signed notes", tuple(_postgres_install()), _LOCKS)]
    if connection.vendor != "sqlite":
        return []
    return [
        Triggers("signed notes", tuple(_sqlite_install()), _LOCKS),
        Triggers("signed notes no replace", tuple(_sqlite_no_replace(connection)), _NO_REPLACE),
    ]


def install(connection: Any) -> None:
    """Create (or refresh) the triggers; safe to run again."""
    dbtriggers.install(connection, definitions(connection))


def remove(connection: Any) -> None:
    """Only for emptying a test database between tests; never in the app."""
    dbtriggers.drop(connection, definitions(connection))
