"""Trellis's SQLite database backend: Django's, with a schema editor that keeps the
append-only triggers through a table rebuild (``schema``)."""
