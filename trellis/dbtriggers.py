"""The one installer of database triggers (append-only access log, signed plans, signed
notes), on SQLite and PostgreSQL. It knows nothing of the apps: each gives it SQL.

Two sources of SQL, never mixed:

- A migration carries its statements frozen in the migration file (``InstallTriggers``),
  so editing a trigger later cannot change what an old migration did.
- Each app's ``triggers.py`` holds the current definitions, built for the connection
  (on SQLite some list the table's columns and unique keys, read from the database).
  ``keep_installed`` puts them back after every ``migrate`` and every test flush: SQLite
  rebuilds a table for most schema changes (``ALTER`` is limited there) and the rebuild
  silently drops the table's triggers, which would leave a signed plan or an access-log
  row writable until someone noticed.

A trigger is known by its name and table, read from its own ``CREATE TRIGGER``; installing
a set drops those triggers first, so installing again is always safe. PostgreSQL trigger
functions stay when their triggers are dropped: without a trigger they do nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.migrations.operations.base import Operation
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate

VENDORS = ("sqlite", "postgresql")
_CREATE_TRIGGER = re.compile(
    r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s.*?\bON\s+(\w+)",
    re.IGNORECASE | re.DOTALL,
)
_ANY_TRIGGER = re.compile(r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\b", re.I)


@dataclass(frozen=True)
class Triggers:
    """A named set of triggers for one database: the statements that create them (on
    PostgreSQL their functions first) and, for the current definitions, the migration of
    the owning app after which the set is expected (``since``)."""

    name: str
    statements: tuple[str, ...]
    since: str = ""

    @property
    def triggers(self) -> tuple[tuple[str, str], ...]:
        """(table, trigger name) of every trigger the statements create."""
        found = []
        for statement in self.statements:
            match = _CREATE_TRIGGER.match(statement)
            if match:
                found.append((match[2], match[1]))
            elif _ANY_TRIGGER.match(statement):
                raise ValueError(f"{self.name}: cannot read the trigger's name and table")
        return tuple(found)


def _drop_statement(vendor: str, table: str, name: str) -> str:
    if vendor == "postgresql":
        return f"DROP TRIGGER IF EXISTS {name} ON {table};"
    return f"DROP TRIGGER IF EXISTS {name};"


def _run(connection: Any, statements: Iterable[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection: Any, sets: Iterable[Triggers]) -> None:
    """Create (or re-create) every trigger of ``sets``, built for this connection."""
    for triggers in sets:
        _run(connection, [_drop_statement(connection.vendor, *t) for t in triggers.triggers])
        _run(connection, triggers.statements)


def drop(connection: Any, sets: Iterable[Triggers]) -> None:
    """Drop every trigger of ``sets`` that exists (undoing a migration; emptying a test
    database). Never in the app."""
    for triggers in sets:
        _run(connection, [_drop_statement(connection.vendor, *t) for t in triggers.triggers])


def present(connection: Any) -> set[tuple[str, str]]:
    """(table, trigger name) of every trigger in the database, whoever made it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t"
                " JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            )
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        return {(table, name) for table, name in cursor.fetchall()}


def missing(connection: Any, sets: Iterable[Triggers]) -> list[tuple[str, str]]:
    """The triggers of ``sets`` that the database does not have."""
    have = present(connection)
    return [t for triggers in sets for t in triggers.triggers if t not in have]


# --- Current definitions, kept installed ------------------------------------------------

Definitions = Callable[[Any], list[Triggers]]
# App label -> the function building that app's current triggers for a connection.
_REGISTRY: dict[str, Definitions] = {}


def _applied(connection: Any, app_label: str) -> set[str]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return set()
    return {name for app, name in recorder.applied_migrations() if app == app_label}


def current(connection: Any, app_label: str | None = None) -> list[Triggers]:
    """The current trigger sets whose migration is applied on this database, of one app
    or of every app that keeps its triggers installed."""
    sets = []
    for label, definitions in _REGISTRY.items():
        if app_label in (None, label):
            applied = _applied(connection, label)
            sets += [t for t in definitions(connection) if t.since in applied]
    return sets


def keep_installed(app_config: Any, definitions: Definitions) -> None:
    """Register an app's current triggers and re-install them after every ``migrate`` (and
    ``flush``, which ends the same way), from ``AppConfig.ready``. Refuses to finish the
    migrate if a trigger is still missing afterwards, naming it."""
    label = app_config.label
    _REGISTRY[label] = definitions

    def reinstall(using: str = "default", **kwargs: Any) -> None:
        connection = connections[using]
        if connection.vendor not in VENDORS:
            return
        sets = current(connection, label)
        install(connection, sets)
        if lost := missing(connection, sets):
            names = ", ".join(f"{name} on {table}" for table, name in lost)
            raise RuntimeError(f"database triggers missing after migrate: {names}")

    post_migrate.connect(
        reinstall, sender=app_config, weak=False, dispatch_uid=f"{label}_dbtriggers"
    )


# --- Migrations -------------------------------------------------------------------------


class InstallTriggers(Operation):
    """Migration operation: create triggers from SQL frozen in the migration, per vendor;
    reversed, drop them. Nothing to do on another database."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, name: str, *, sqlite: Iterable[str] = (), postgresql: Iterable[str] = ()):
        self.name = name
        self.sql = {"sqlite": tuple(sqlite), "postgresql": tuple(postgresql)}
        for vendor in VENDORS:
            Triggers(name, self.sql[vendor]).triggers  # noqa: B018  (refuse unreadable SQL now)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {vendor: list(self.sql[vendor]) for vendor in VENDORS if self.sql[vendor]}
        return (self.__class__.__qualname__, [self.name], kwargs)

    def _set(self, connection: Any) -> list[Triggers]:
        return [Triggers(self.name, self.sql.get(connection.vendor, ()))]

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        connection = schema_editor.connection
        if router.allow_migrate(connection.alias, app_label):
            install(connection, self._set(connection))

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        connection = schema_editor.connection
        if router.allow_migrate(connection.alias, app_label):
            drop(connection, self._set(connection))

    def describe(self) -> str:
        return f"Install the {self.name} database triggers"


# --- REPLACE on SQLite ------------------------------------------------------------------
# SQLite's REPLACE conflict resolution (``INSERT OR REPLACE``, ``REPLACE``, ``UPDATE OR
# REPLACE``) deletes the row in the way without firing its DELETE triggers (unless
# ``recursive_triggers`` is on), so UPDATE and DELETE triggers alone do not keep a row.
# These BEFORE triggers refuse any insert, and any update of another row, whose primary
# key or other UNIQUE key matches a protected row: they run before the conflicting row
# is deleted. Built from the table as it is, so part of the current definitions.


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


def sqlite_no_replace(
    connection: Any, table: str, protected: str, message: str, *, on_update: bool
) -> list[str]:
    """The CREATE statements of ``table``'s REPLACE guard: ``{table}_no_replace_insert``
    and, with ``on_update`` (for tables whose unprotected rows may be updated),
    ``{table}_no_replace_update``. ``protected`` is SQL on the existing row ``x`` that is
    true when it may not change."""
    match = _sqlite_match(connection, table)
    # Built from the caller's constants and the table's own column names only.
    clash = f"SELECT 1 FROM {table} x WHERE ({match}) AND ({protected})"  # noqa: S608
    statements = [
        f"CREATE TRIGGER {table}_no_replace_insert BEFORE INSERT ON {table} FOR EACH ROW"
        f" WHEN EXISTS ({clash}) BEGIN SELECT RAISE(ABORT, '{message}'); END;"
    ]
    if on_update:
        statements.append(
            f"CREATE TRIGGER {table}_no_replace_update BEFORE UPDATE ON {table} FOR EACH ROW"
            f" WHEN EXISTS ({clash} AND x.rowid <> OLD.rowid)"
            f" BEGIN SELECT RAISE(ABORT, '{message}'); END;"
        )
    return statements
