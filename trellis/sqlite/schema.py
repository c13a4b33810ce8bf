"""A schema editor that rebuilds a table without breaking the triggers around it.

SQLite can alter little in place, so Django changes a column by copying the table into a
new one, dropping the old and renaming the new. Dropping the table drops its own triggers,
and leaves the triggers of other tables that read it (a signed plan's items ask whether
the plan is signed) pointing at a table that is gone: the rename then fails with "error in
trigger ...: no such table". So before a rebuild this editor takes every trigger that names
the table, on it or in its body, and after the rebuild creates each again from its own SQL,
unchanged and by name. Nothing is ever unprotected outside the migration's transaction,
and ``dbtriggers.keep_installed`` still installs the current definitions after ``migrate``.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import DatabaseError
from django.db.backends.sqlite3 import schema


def triggers_naming(connection: Any, table: str) -> list[tuple[str, str]]:
    """(name, SQL) of every trigger on ``table`` or whose body names it, in creation order."""
    word = re.compile(rf"(?<![\w$]){re.escape(table)}(?![\w$])", re.IGNORECASE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")
        found = cursor.fetchall()
    return [(name, sql) for name, sql in found if sql and word.search(sql)]


class DatabaseSchemaEditor(schema.DatabaseSchemaEditor):
    def _remake_table(self, model: Any, *args: Any, **kwargs: Any) -> None:
        table = model._meta.db_table
        kept = triggers_naming(self.connection, table)
        for name, _ in kept:
            self.execute(f'DROP TRIGGER IF EXISTS "{name}"', None)
        super()._remake_table(model, *args, **kwargs)  # type: ignore[misc]  # private, not in the stubs
        for name, sql in kept:
            try:
                self.execute(sql, None)
            except DatabaseError as error:
                raise DatabaseError(
                    f"trigger {name} no longer fits {table} after this migration ({error}): "
                    "change the trigger in the same migration (its app's triggers.py and "
                    "an InstallTriggers with the new SQL), before the schema change"
                ) from error
