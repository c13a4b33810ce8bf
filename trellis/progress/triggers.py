"""Database triggers that keep signed notes and addenda as they were, for every client of
the database, not only for the ORM. Installed by migration 0002.

- A signed note's row can be neither updated nor deleted (a draft can: signing is itself
  the last update of a draft).
- Nothing is added to, or changed in, what a signed note links to: its goal ratings and
  its goals, objectives, interventions and administrations. Those links may still go when
  the plan item itself is removed (a cascade), because the signed note keeps its own copy
  of everything it showed (``signed_content``) under ``content_hash``.
- An addendum is never updated or deleted.
- On SQLite, no insert or update may REPLACE a signed note, an addendum or a link of a
  signed note (REPLACE deletes without DELETE triggers). Installed by migration 0005.

Row triggers only: PostgreSQL's TRUNCATE (how a test database is emptied there) is not
blocked. SQLite empties tables with DELETE, so tests lift these triggers for that flush
(the ``audit_flushable`` fixture), exactly as for the access log.
"""

from __future__ import annotations

from typing import Any

from trellis.audit.triggers import sqlite_no_replace, sqlite_no_replace_names

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


def _sqlite_remove() -> list[str]:
    names = [
        "progress_signed_note_no_update",
        "progress_signed_note_no_delete",
        "progress_addendum_no_update",
        "progress_addendum_no_delete",
    ]
    for table, _ in LINKS:
        names += [f"{table}_signed_no_insert", f"{table}_signed_no_update"]
    names += sqlite_no_replace_names(NOTE, on_update=True)
    names += sqlite_no_replace_names(ADDENDUM, on_update=False)
    for table, _ in LINKS:
        names += sqlite_no_replace_names(table, on_update=True)
    return [f"DROP TRIGGER IF EXISTS {name};" for name in names]


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


def _postgres_remove() -> list[str]:
    statements = [
        f"DROP TRIGGER IF EXISTS progress_signed_note_locked ON {NOTE};",
        f"DROP TRIGGER IF EXISTS progress_addendum_locked ON {ADDENDUM};",
    ]
    statements += [f"DROP TRIGGER IF EXISTS {t}_signed_locked ON {t};" for t, _ in LINKS]
    return statements


INSTALL = {"sqlite": _sqlite_install(), "postgresql": _postgres_install()}
REMOVE = {"sqlite": _sqlite_remove(), "postgresql": _postgres_remove()}


def _execute(connection: Any, statements: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def _sqlite_no_replace(connection: Any) -> list[str]:
    """REPLACE deletes a conflicting row without its DELETE trigger: refuse the clash first."""
    statements = sqlite_no_replace(
        connection, NOTE, "x.signed_at IS NOT NULL", SIGNED, on_update=True
    )
    statements += sqlite_no_replace(connection, ADDENDUM, "1", APPEND_ONLY, on_update=False)
    for table, column in LINKS:
        statements += sqlite_no_replace(
            connection, table, _signed(f"x.{column}"), SIGNED, on_update=True
        )
    return statements


def install(connection: Any) -> None:
    _execute(connection, INSTALL)
    if connection.vendor == "sqlite":
        _execute(connection, {"sqlite": _sqlite_no_replace(connection)})


def remove(connection: Any) -> None:
    """Only for emptying a test database between tests; never in the app."""
    _execute(connection, REMOVE)


def sqlite_no_replace_remove() -> list[str]:
    """Undo migration 0005 only."""
    names = sqlite_no_replace_names(NOTE, on_update=True)
    names += sqlite_no_replace_names(ADDENDUM, on_update=False)
    for table, _ in LINKS:
        names += sqlite_no_replace_names(table, on_update=True)
    return [f"DROP TRIGGER IF EXISTS {name};" for name in names]
