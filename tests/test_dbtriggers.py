"""The database triggers (access log, signed plans, signed notes) are all there after
migrate, on SQLite and PostgreSQL, even after a migration rebuilt a protected table: on
SQLite a rebuild drops the table's triggers: the schema editor keeps them
(``trellis/sqlite/schema.py``) and ``migrate`` installs the current ones
(``trellis/dbtriggers.py``). Migrations carry their SQL frozen, never the live modules."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests.audit.test_no_replace import ROWS, Row, _db, _statements
from tests.factories import make_personas
from trellis import dbtriggers
from trellis.dbtriggers import InstallTriggers, Triggers

ITEMS = ("problem", "goal", "objective", "intervention", "measuretarget")
LINKS = (
    "progress_goalrating",
    "progress_progressnote_goals",
    "progress_progressnote_objectives",
    "progress_progressnote_interventions",
    "progress_progressnote_administrations",
)


def _expected_sqlite() -> set[tuple[str, str]]:
    audit = "audit_auditevent"
    note, addendum = "progress_progressnote", "progress_addendum"
    plan, signature = "plans_treatmentplan", "plans_plansignature"
    expected = {
        (audit, "audit_event_no_update"),
        (audit, "audit_event_no_delete"),
        (audit, "audit_auditevent_no_replace_insert"),
        (note, "progress_signed_note_no_update"),
        (note, "progress_signed_note_no_delete"),
        (note, "progress_progressnote_no_replace_insert"),
        (note, "progress_progressnote_no_replace_update"),
        (addendum, "progress_addendum_no_update"),
        (addendum, "progress_addendum_no_delete"),
        (addendum, "progress_addendum_no_replace_insert"),
        (plan, "plans_signed_plan_update"),
        (plan, "plans_signed_plan_delete"),
        (plan, "plans_treatmentplan_no_replace_insert"),
        (plan, "plans_treatmentplan_no_replace_update"),
        (signature, "plans_signature_no_update"),
        (signature, "plans_signature_no_delete"),
        (signature, "plans_plansignature_no_replace_insert"),
    }
    for table in LINKS:
        expected |= {(table, f"{table}_signed_no_{op}") for op in ("insert", "update")}
        expected |= {(table, f"{table}_no_replace_{op}") for op in ("insert", "update")}
    for item in ITEMS:
        table = f"plans_{item}"
        expected |= {(table, f"plans_signed_{item}_{op}") for op in ("insert", "update", "delete")}
        expected |= {(table, f"{table}_no_replace_{op}") for op in ("insert", "update")}
    return expected


def _expected_postgresql() -> set[tuple[str, str]]:
    expected = {
        ("audit_auditevent", "audit_event_no_change"),
        ("audit_auditevent", "audit_event_no_truncate"),
        ("progress_progressnote", "progress_signed_note_locked"),
        ("progress_addendum", "progress_addendum_locked"),
        ("plans_treatmentplan", "plans_signed_plan_guard"),
        ("plans_plansignature", "plans_signature_no_change"),
        ("plans_plansignature", "plans_signature_no_truncate"),
    }
    expected |= {(table, f"{table}_signed_locked") for table in LINKS}
    expected |= {(f"plans_{item}", f"plans_signed_{item}_guard") for item in ITEMS}
    return expected


def _expected(connection: Any) -> set[tuple[str, str]]:
    return _expected_postgresql() if connection.vendor == "postgresql" else _expected_sqlite()


@pytest.mark.django_db
def test_the_database_has_exactly_the_expected_triggers_after_migrate() -> None:
    expected = _expected(connection)
    assert len(expected) == (17 if connection.vendor == "postgresql" else 62)
    dbtriggers.install(connection, dbtriggers.current(connection))  # a test may have lifted them
    assert dbtriggers.present(connection) == expected
    defined = {t for triggers in dbtriggers.current(connection) for t in triggers.triggers}
    assert defined == expected
    assert dbtriggers.missing(connection, dbtriggers.current(connection)) == []


def test_no_migration_imports_a_live_trigger_module() -> None:
    """Editing a trigger later must not change what an old migration did."""
    root = Path(__file__).resolve().parents[1] / "trellis"
    offenders = []
    for path in sorted(root.glob("*/migrations/0*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(name.split(".")[-1] == "triggers" for name in names):
                offenders.append(path.relative_to(root).as_posix())
    assert offenders == []
    frozen = [p for p in root.glob("*/migrations/0*.py") if "InstallTriggers(" in p.read_text()]
    assert len(frozen) == 5  # audit 0002, 0003; progress 0002, 0005; plans 0007


def test_a_trigger_whose_name_or_table_cannot_be_read_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="broken: cannot read the trigger"):
        InstallTriggers("broken", sqlite=["CREATE TRIGGER x BEFORE DELETE BEGIN SELECT 1; END;"])
    readable = Triggers(
        "t",
        (
            "CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $$ BEGIN END; $$ LANGUAGE plpgsql;",
            "CREATE OR REPLACE TRIGGER t_guard BEFORE INSERT OR UPDATE\n ON t_table FOR EACH ROW"
            " EXECUTE FUNCTION f();",
        ),
    )
    assert readable.triggers == (("t_table", "t_guard"),)


# --- A table rebuilt by a migration -----------------------------------------------------

# A protected row of each kind (tests/audit/test_no_replace.py), and a NOT NULL column of
# its table that a migration makes nullable: on SQLite, Django rebuilds the table for it.
# Signatures, items and notes are tables that other tables' triggers read: Django's own
# SQLite editor cannot rebuild them while those triggers exist (the rename fails), which
# is why Trellis runs SQLite through trellis/sqlite/schema.py.
REBUILT = {
    "audit event": "action",
    "plan signature": "signed_name",
    "signed plan": "title",
    "item of a signed plan": "statement",
    "signed note": "session_date",
    "addendum": "text",
}


def _model(table: str) -> Any:
    return next(m for m in apps.get_models() if m._meta.db_table == table)


def _values(row: Row) -> dict[str, Any]:
    """The row by column name (a rebuild may move the altered column to the end)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {row.table} WHERE id = %s", [_db(row.pk)])  # noqa: S608
        values = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], values, strict=True))


def _nullable(model: Any, name: str) -> Any:
    field = model._meta.get_field(name)
    assert not field.null
    nullable = field.clone()
    nullable.null = True
    nullable.set_attributes_from_name(name)
    nullable.model = model
    return field, nullable


@pytest.mark.parametrize("kind", list(REBUILT))
def test_a_protected_row_stays_protected_after_a_migration_rebuilds_its_table(
    audit_flushable, kind: str
) -> None:
    row = ROWS[kind](make_personas())
    model = _model(row.table)
    field, nullable = _nullable(model, REBUILT[kind])
    on_table = {t for t in _expected(connection) if t[0] == row.table}
    assert on_table <= dbtriggers.present(connection)
    before = _values(row)
    try:
        # What an AlterField migration does (on SQLite: new table, copy, drop, rename).
        with connection.schema_editor() as editor:
            editor.alter_field(model, field, nullable)
        # Kept through the rebuild, not only put back by the next migrate.
        assert on_table <= dbtriggers.present(connection)
        assert dbtriggers.missing(connection, dbtriggers.current(connection)) == []
        call_command("migrate", verbosity=0)
        assert on_table <= dbtriggers.present(connection)
        assert dbtriggers.missing(connection, dbtriggers.current(connection)) == []
        statements = _statements(row)
        for operation in ("update", "delete"):
            sql, params = statements[operation]
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
                c.execute(sql, params)
        assert _values(row) == before
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(model, nullable, field)
        call_command("migrate", verbosity=0)
    assert on_table <= dbtriggers.present(connection)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's table rebuild")
def test_the_rebuild_keeps_every_trigger_that_names_the_table_with_its_own_sql(
    audit_flushable,
) -> None:
    """The signature table is read by the plan's and the items' triggers: each is taken
    before the rebuild and created again after it, unchanged, by name."""
    from trellis.sqlite.schema import triggers_naming

    model = _model("plans_plansignature")
    before = triggers_naming(connection, "plans_plansignature")
    assert {name for name, _ in before} >= {
        "plans_signature_no_update",
        "plans_signed_plan_update",
        "plans_signed_goal_insert",
    }
    field, nullable = _nullable(model, "signed_name")
    try:
        with connection.schema_editor() as editor:
            editor.alter_field(model, field, nullable)
        assert sorted(triggers_naming(connection, "plans_plansignature")) == sorted(before)
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(model, nullable, field)
    assert sorted(triggers_naming(connection, "plans_plansignature")) == sorted(before)
