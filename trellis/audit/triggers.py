"""Database triggers that make the access log append-only for every client of the
database, not only for the ORM. Installed by migration 0002 (UPDATE, DELETE) and again by
0003 (REPLACE on SQLite)."""

from __future__ import annotations

from typing import Any

SQLITE_INSTALL = [
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_replace_insert;",
]
AUDIT_TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"
POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'
       USING ERRCODE = 'restrict_violation'; END; $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE
       ON audit_auditevent FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();""",
    """CREATE OR REPLACE TRIGGER audit_event_no_truncate BEFORE TRUNCATE
       ON audit_auditevent FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();""",
]
POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent;",
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;",
]
INSTALL = {"sqlite": SQLITE_INSTALL, "postgresql": POSTGRES_INSTALL}
REMOVE = {"sqlite": SQLITE_REMOVE, "postgresql": POSTGRES_REMOVE}


def _execute(connection: Any, statements: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def install(connection: Any) -> None:
    _execute(connection, INSTALL)
    if connection.vendor == "sqlite":
        # Every event is protected; updates are refused outright, so no UPDATE guard.
        statements = sqlite_no_replace(connection, AUDIT_TABLE, "1", MESSAGE, on_update=False)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def remove(connection: Any) -> None:
    """Only for emptying a test database between tests; never in the app."""
    _execute(connection, REMOVE)


# --- REPLACE on SQLite ------------------------------------------------------------------
# SQLite's REPLACE conflict resolution (``INSERT OR REPLACE``, ``REPLACE``, ``UPDATE OR
# REPLACE``) deletes the row in the way without firing its DELETE triggers (unless
# ``recursive_triggers`` is on), so UPDATE and DELETE triggers alone do not keep a row.
# These BEFORE triggers refuse any insert, and any update of another row, whose primary
# key or other UNIQUE key matches a protected row: they run before the conflicting row
# is deleted. Shared by the audit, plans and progress triggers.


def sqlite_unique_keys(connection: Any, table: str) -> list[tuple[list[str], str]]:
    """The primary key and every UNIQUE key of ``table``: its columns, and the WHERE
    condition of a partial unique index ("" for none)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table]
        )
        index_sql = {name: sql or "" for name, sql in cursor.fetchall()}
    keys: list[tuple[list[str], str]] = []
    for name, constraint in constraints.items():
        columns = list(constraint["columns"] or [])
        if not (constraint["unique"] or constraint["primary_key"]) or not columns:
            continue
        sql = index_sql.get(name, "")
        where = sql[sql.upper().rindex(" WHERE ") + 7 :] if " WHERE " in sql.upper() else ""
        if (columns, where) not in keys:
            keys.append((columns, where))
    return keys


def _sqlite_match(connection: Any, table: str) -> str:
    """SQL, true when the existing row ``x`` and the row NEW clash on a unique key."""
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, table)
    # NEW's values as a one-row table, so a partial index's condition can be asked of it.
    new_row = ", ".join(f'NEW."{c.name}" AS "{c.name}"' for c in described)
    clauses = []
    for columns, where in sqlite_unique_keys(connection, table):
        clause = " AND ".join(f'x."{c}" = NEW."{c}"' for c in columns)
        if where:
            clause += (
                f" AND x.rowid IN (SELECT rowid FROM {table} WHERE {where})"  # noqa: S608
                f" AND EXISTS (SELECT 1 FROM (SELECT {new_row}) WHERE {where})"
            )
        clauses.append(f"({clause})")
    return " OR ".join(clauses)


def sqlite_no_replace_names(table: str, *, on_update: bool) -> list[str]:
    return [f"{table}_no_replace_insert"] + ([f"{table}_no_replace_update"] if on_update else [])


def sqlite_no_replace(
    connection: Any, table: str, protected: str, message: str, *, on_update: bool
) -> list[str]:
    """Drop-and-create statements for the triggers on ``table``. ``protected`` is SQL on
    the existing row ``x`` that is true when it may not change; ``on_update`` adds the
    UPDATE guard, for tables whose unprotected rows may be updated."""
    match = _sqlite_match(connection, table)
    # Built from constants and the table's own column names only.
    clash = f"SELECT 1 FROM {table} x WHERE ({match}) AND ({protected})"  # noqa: S608
    names = sqlite_no_replace_names(table, on_update=on_update)
    statements = [f"DROP TRIGGER IF EXISTS {name};" for name in names]
    statements.append(
        f"CREATE TRIGGER {names[0]} BEFORE INSERT ON {table} FOR EACH ROW"
        f" WHEN EXISTS ({clash}) BEGIN SELECT RAISE(ABORT, '{message}'); END;"
    )
    if on_update:
        statements.append(
            f"CREATE TRIGGER {names[1]} BEFORE UPDATE ON {table} FOR EACH ROW"
            f" WHEN EXISTS ({clash} AND x.rowid <> OLD.rowid)"
            f" BEGIN SELECT RAISE(ABORT, '{message}'); END;"
        )
    return statements
