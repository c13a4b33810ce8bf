"""Append-only rows cannot be replaced either (issue 13 item 3). SQLite's REPLACE deletes
the row in the way without firing its DELETE triggers, so each protected table also
refuses a conflicting insert (``INSERT OR REPLACE``) and an update onto its unique key
(``UPDATE OR REPLACE``); on PostgreSQL ``INSERT ... ON CONFLICT DO UPDATE`` meets the
BEFORE UPDATE triggers. Raw SQL throughout: whoever writes to the database."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from tests.factories import SIGN, make_note, make_plan
from trellis.audit import triggers as audit_triggers
from trellis.audit.models import AuditEvent
from trellis.plans import triggers as plan_triggers
from trellis.plans.models import Goal, PlanSignature
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.selectors import plan_tree
from trellis.progress import services as note_services
from trellis.progress import triggers as note_triggers
from trellis.progress.models import ProgressNote

pytestmark = pytest.mark.django_db


@dataclass
class Row:
    table: str
    pk: Any
    column: str  # changed by the UPDATE and REPLACE attempts
    value: str  # SQL for its new value
    spare: Any = None  # pk of an unprotected row of the same table, if one can exist
    deletable: bool = False  # a signed note's links go with a removed plan item (cascade)


def _sign_plan(cast: Any) -> None:

    plan_sign(
        **SIGN,
        actor=_actor(cast.clinician),
        plan=cast.plan,
        role="clinician",
        expected_hash=plan_hash(plan_tree(cast.plan)),
        signed_name="Dr C",
    )


def _actor(user: Any) -> Any:
    from tests.factories import actor

    return actor(user)


def _draft_plan(cast: Any) -> Any:
    from tests.factories import grow_plan

    return grow_plan(cast.clinician, make_plan(cast.clinician, cast.client))


def _audit_event(cast: Any) -> Row:
    return Row("audit_auditevent", AuditEvent.objects.first().pk, "action", "'x'")


def _signature(cast: Any) -> Row:
    _sign_plan(cast)
    return Row("plans_plansignature", PlanSignature.objects.get().pk, "signed_name", "'x'")


def _signed_plan(cast: Any) -> Row:
    _sign_plan(cast)
    spare = _draft_plan(cast).pk
    return Row("plans_treatmentplan", cast.plan.pk, "warning_signs", "'x'", spare)


def _signed_goal(cast: Any) -> Row:
    _sign_plan(cast)
    spare = Goal.objects.filter(problem__plan=_draft_plan(cast)).first().pk
    goal = Goal.objects.filter(problem__plan=cast.plan).first()
    return Row("plans_goal", goal.pk, "statement", "'x'", spare)


def _signed_note(cast: Any) -> Row:
    note = _active_note(cast, signed=True)
    spare = _active_note(cast).pk
    return Row("progress_progressnote", note.pk, "risk_assessment", "'x'", spare)


def _addendum(cast: Any) -> Row:
    note = _active_note(cast, signed=True)
    addendum = note_services.addendum_add(
        actor=_actor(cast.clinician), note=note, text="Late entry"
    )
    return Row("progress_addendum", addendum.pk, "text", "'x'")


def _signed_note_link(cast: Any) -> Row:
    table = "progress_progressnote_goals"
    signed = _active_note(cast, signed=True)
    draft = _active_note(cast)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE progressnote_id = %s", [_db(signed.pk)])  # noqa: S608
        pk = cursor.fetchone()[0]
        cursor.execute(f"SELECT id FROM {table} WHERE progressnote_id = %s", [_db(draft.pk)])  # noqa: S608
        spare = cursor.fetchone()[0]
    return Row(table, pk, "goal_id", "goal_id", spare, deletable=True)


def _active_note(cast: Any, *, signed: bool = False) -> ProgressNote:
    from trellis.plans import services as plan_services
    from trellis.plans.models import PlanStatus

    cast.plan.refresh_from_db()
    if cast.plan.status != PlanStatus.ACTIVE:
        plan_services.plan_activate(
            actor=_actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
        )
        cast.plan.refresh_from_db()
    return make_note(cast.clinician, cast.client, signed=signed)


ROWS: dict[str, Callable[[Any], Row]] = {
    "audit event": _audit_event,
    "plan signature": _signature,
    "signed plan": _signed_plan,
    "item of a signed plan": _signed_goal,
    "signed note": _signed_note,
    "addendum": _addendum,
    "link of a signed note": _signed_note_link,
}


def _db(pk: Any) -> Any:
    """A primary key as raw SQL sees it (SQLite keeps a UUID as 32 hex characters)."""
    if isinstance(pk, uuid.UUID) and connection.vendor == "sqlite":
        return pk.hex
    return pk


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _snapshot(row: Row) -> tuple[Any, ...] | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {row.table} WHERE id = %s", [_db(row.pk)])  # noqa: S608
        return cursor.fetchone()


def _replace_sql(row: Row) -> str:
    """Re-insert the row under its own primary key with one column changed."""
    columns = _columns(row.table)
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(row.value if c == row.column else f'"{c}"' for c in columns)
    select = f"SELECT {values} FROM {row.table} WHERE id = %s"  # noqa: S608
    if connection.vendor == "sqlite":
        return f"INSERT OR REPLACE INTO {row.table} ({names}) {select}"
    update = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in columns if c != "id")
    return f"INSERT INTO {row.table} ({names}) {select} ON CONFLICT (id) DO UPDATE SET {update}"


def _statements(row: Row) -> dict[str, tuple[str, list[Any]]]:
    # Table and column names are this module's constants, never input.
    statements = {
        "update": (
            f"UPDATE {row.table} SET {row.column} = {row.value} WHERE id = %s",  # noqa: S608
            [_db(row.pk)],
        ),
        "replace": (_replace_sql(row), [_db(row.pk)]),
    }
    if not row.deletable:
        statements["delete"] = (f"DELETE FROM {row.table} WHERE id = %s", [_db(row.pk)])  # noqa: S608
    if connection.vendor == "sqlite" and row.spare is not None:
        statements["update or replace"] = (
            f"UPDATE OR REPLACE {row.table} SET id = %s WHERE id = %s",  # noqa: S608
            [_db(row.pk), _db(row.spare)],
        )
    return statements


@pytest.fixture
def installed() -> None:
    audit_triggers.install(connection)
    note_triggers.install(connection)
    plan_triggers.install(connection)


@pytest.mark.parametrize("operation", ["update", "delete", "replace", "update or replace"])
@pytest.mark.parametrize("kind", list(ROWS))
def test_a_protected_row_cannot_be_changed_removed_or_replaced(
    cast, installed, kind: str, operation: str
) -> None:
    row = ROWS[kind](cast)
    statements = _statements(row)
    if operation not in statements:
        pytest.skip("no unprotected row of this table to move onto it, or not SQLite")
    before = _snapshot(row)
    assert before is not None
    sql, params = statements[operation]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    assert _snapshot(row) == before


def test_replace_still_works_on_a_draft_note(cast, installed) -> None:
    note = _active_note(cast)
    row = Row("progress_progressnote", note.pk, "risk_assessment", "'Replaced'")
    with connection.cursor() as cursor:
        cursor.execute(_replace_sql(row), [_db(note.pk)])
    assert ProgressNote.objects.get(pk=note.pk).risk_assessment == "Replaced"
