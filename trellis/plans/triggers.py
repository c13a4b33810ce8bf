"""Database triggers: a signed version of a plan never changes, whoever writes to the
database (the ORM, a raw query, a console), and its signatures are append-only.

A plan row with a signature may still move through its lifecycle (activated, superseded,
closed), have its review date moved by a review, and have its bookkeeping touched: only
the columns in ``SIGNED_PLAN_MUTABLE_COLUMNS``. Its problems, goals, objectives,
interventions and measure-linked targets may not be inserted, changed or removed at all.

These are the current definitions. Migration 0007 carries its own frozen copy of the SQL;
these are installed again after every ``migrate`` (``apps.py``, ``trellis.dbtriggers``):
SQLite rebuilds a table for most schema changes and drops its triggers with it, and its
plan trigger lists the table's columns, so reinstalling keeps both current. A change here
needs a new migration carrying the new SQL too.
"""

from __future__ import annotations

from typing import Any

from trellis import dbtriggers
from trellis.dbtriggers import Triggers

SIGNED_PLAN_MUTABLE_COLUMNS = (
    "status",
    "activated_at",
    "closed_at",
    "review_date",
    "version",
    "updated_at",
    "updated_by_id",
)
MESSAGE = "a signed plan version never changes; revise it to make a new version"
SIGNATURE_MESSAGE = "plan signatures are append-only"
_SINCE = "0007_signed_plan_triggers"

PLAN = "plans_treatmentplan"
SIGNATURE = "plans_plansignature"
_PROBLEM_PLAN = "(SELECT p.plan_id FROM plans_problem p WHERE p.id = {row}.problem_id)"
_GOAL_PLAN = (
    "(SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id"
    " WHERE g.id = {row}.goal_id)"
)
_OBJECTIVE_PLAN = (
    "(SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id"
    " JOIN plans_problem p ON p.id = g.problem_id WHERE o.id = {row}.objective_id)"
)
# How a row of each item table reaches its plan, as SQL on the row NEW or OLD.
ITEM_PLAN = {
    "plans_problem": "{row}.plan_id",
    "plans_goal": _PROBLEM_PLAN,
    "plans_objective": _GOAL_PLAN,
    "plans_intervention": _OBJECTIVE_PLAN,
    "plans_measuretarget": f"COALESCE({_GOAL_PLAN}, {_OBJECTIVE_PLAN})",
}


def _signed(plan_id_sql: str) -> str:
    # Built from this module's constants only: no input reaches these statements.
    return f"EXISTS (SELECT 1 FROM {SIGNATURE} s WHERE s.plan_id = {plan_id_sql})"  # noqa: S608


def _item_signed(table: str, row: str) -> str:
    return _signed(ITEM_PLAN[table].format(row=row))


# --- SQLite -----------------------------------------------------------------------------


def _sqlite_trigger(name: str, when: str, table: str, condition: str, message: str) -> str:
    where = f" WHEN {condition}" if condition else ""
    return (
        f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW{where}"
        f" BEGIN SELECT RAISE(ABORT, '{message}'); END;"
    )


def _sqlite_plan_columns(connection: Any) -> list[str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, PLAN)
    return [c.name for c in described if c.name not in SIGNED_PLAN_MUTABLE_COLUMNS]


def _sqlite_install(connection: Any) -> list[str]:
    changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in _sqlite_plan_columns(connection))
    statements = [
        _sqlite_trigger(
            "plans_signed_plan_update",
            "UPDATE",
            PLAN,
            f"{_signed('OLD.id')} AND ({changed})",
            MESSAGE,
        ),
        _sqlite_trigger("plans_signed_plan_delete", "DELETE", PLAN, _signed("OLD.id"), MESSAGE),
        _sqlite_trigger("plans_signature_no_update", "UPDATE", SIGNATURE, "", SIGNATURE_MESSAGE),
        _sqlite_trigger("plans_signature_no_delete", "DELETE", SIGNATURE, "", SIGNATURE_MESSAGE),
    ]
    # REPLACE deletes a conflicting row without its DELETE trigger: refuse the clash first.
    statements += dbtriggers.sqlite_no_replace(
        connection, PLAN, _signed("x.id"), MESSAGE, on_update=True
    )
    statements += dbtriggers.sqlite_no_replace(
        connection, SIGNATURE, "1", SIGNATURE_MESSAGE, on_update=False
    )
    for table in ITEM_PLAN:
        statements += dbtriggers.sqlite_no_replace(
            connection, table, _item_signed(table, "x"), MESSAGE, on_update=True
        )
    for table in ITEM_PLAN:
        short = table.removeprefix("plans_")
        statements += [
            _sqlite_trigger(
                f"plans_signed_{short}_insert",
                "INSERT",
                table,
                _item_signed(table, "NEW"),
                MESSAGE,
            ),
            _sqlite_trigger(
                f"plans_signed_{short}_update",
                "UPDATE",
                table,
                f"{_item_signed(table, 'OLD')} OR {_item_signed(table, 'NEW')}",
                MESSAGE,
            ),
            _sqlite_trigger(
                f"plans_signed_{short}_delete",
                "DELETE",
                table,
                _item_signed(table, "OLD"),
                MESSAGE,
            ),
        ]
    return statements


# --- PostgreSQL -------------------------------------------------------------------------


def _pg_raise(message: str) -> str:
    return f"RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation';"


def _pg_function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN {body} "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql;"
    )


def _pg_plan_function() -> str:
    # Compare whole rows minus the mutable columns, so a column added later is protected
    # without touching this trigger.
    mutable = "ARRAY[" + ", ".join(f"'{c}'" for c in SIGNED_PLAN_MUTABLE_COLUMNS) + "]"
    body = (
        f"IF {_signed('OLD.id')} THEN "
        f"IF TG_OP = 'DELETE' THEN {_pg_raise(MESSAGE)} END IF; "
        f"IF (to_jsonb(NEW) - {mutable}) IS DISTINCT FROM (to_jsonb(OLD) - {mutable}) THEN "
        f"{_pg_raise(MESSAGE)} END IF; END IF;"
    )
    return _pg_function("plans_signed_plan_guard", body)


def _pg_item_function(table: str) -> str:
    short = table.removeprefix("plans_")
    body = (
        f"IF TG_OP <> 'INSERT' THEN IF {_item_signed(table, 'OLD')} THEN {_pg_raise(MESSAGE)} "
        "END IF; END IF; "
        f"IF TG_OP <> 'DELETE' THEN IF {_item_signed(table, 'NEW')} THEN {_pg_raise(MESSAGE)} "
        "END IF; END IF;"
    )
    return _pg_function(f"plans_signed_{short}_guard", body)


def _pg_install() -> list[str]:
    statements = [
        _pg_plan_function(),
        f"""CREATE OR REPLACE TRIGGER plans_signed_plan_guard BEFORE UPDATE OR DELETE ON {PLAN}
            FOR EACH ROW EXECUTE FUNCTION plans_signed_plan_guard();""",
        f"""CREATE OR REPLACE FUNCTION plans_signature_append_only() RETURNS trigger AS $$
            BEGIN {_pg_raise(SIGNATURE_MESSAGE)} END; $$ LANGUAGE plpgsql;""",
        f"""CREATE OR REPLACE TRIGGER plans_signature_no_change BEFORE UPDATE OR DELETE
            ON {SIGNATURE} FOR EACH ROW EXECUTE FUNCTION plans_signature_append_only();""",
        f"""CREATE OR REPLACE TRIGGER plans_signature_no_truncate BEFORE TRUNCATE
            ON {SIGNATURE} FOR EACH STATEMENT EXECUTE FUNCTION plans_signature_append_only();""",
    ]
    for table in ITEM_PLAN:
        short = table.removeprefix("plans_")
        statements += [
            _pg_item_function(table),
            f"""CREATE OR REPLACE TRIGGER plans_signed_{short}_guard
                BEFORE INSERT OR UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION plans_signed_{short}_guard();""",
        ]
    return statements


def definitions(connection: Any) -> list[Triggers]:
    """The plan triggers for this database, expected once migration 0007 is applied."""
    if connection.vendor == "postgresql":
        return [Triggers("signed plans", tuple(_pg_install()), _SINCE)]
    if connection.vendor == "sqlite":
        return [Triggers("signed plans", tuple(_sqlite_install(connection)), _SINCE)]
    return []


def install(connection: Any) -> None:
    """Create (or refresh) the triggers; safe to run again."""
    dbtriggers.install(connection, definitions(connection))


def remove(connection: Any) -> None:
    """Only for undoing the migration and for emptying a test database; never in the app."""
    dbtriggers.drop(connection, definitions(connection))
