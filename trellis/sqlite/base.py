"""The database backend named by ``ENGINE = "trellis.sqlite"``: Django's SQLite backend
with the schema editor of ``trellis.sqlite.schema``."""

from __future__ import annotations

from django.db.backends.sqlite3 import base

from trellis.sqlite.schema import DatabaseSchemaEditor


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor
