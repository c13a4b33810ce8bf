"""Removing a diagnosis entered in error, as the plans that name it allow.

Diagnoses belong to the client; whether one can go is the plans' rule (a signed or kept
plan is a record that names it, a plan still being written loses the link), so the
removal lives here, above both.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Exists, OuterRef

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Diagnosis
from trellis.concurrency import check_version, require_version
from trellis.plans.models import PlanSignature, PlanStatus, Problem
from trellis.plans.services import PlanLockedError, plan_item_update


class DiagnosisInUseError(PlanLockedError):
    """Removing the diagnosis would change a plan that is a record (signed, superseded or
    closed): such a diagnosis is resolved or ruled out instead."""


SIGNED_PLAN_USES_DIAGNOSIS = (
    "This diagnosis is used by a signed plan: resolve it or rule it out instead."
)


@transaction.atomic
def diagnosis_remove(*, actor: Actor, diagnosis: Diagnosis, expected_version: int | None) -> None:
    """For a diagnosis entered in error; a real one is resolved or ruled out instead.

    A draft or active plan still being written loses the link (each problem's edit is
    audited, as if the clinician had unlinked it); a signed, superseded or closed plan is
    a record that names the diagnosis, so the removal is refused before anything is
    written. ``expected_version`` is required: a blind removal would drop a colleague's
    edit saved a moment before."""
    check_version(diagnosis, require_version(expected_version))
    problems = _problems_naming(diagnosis)
    _refuse_if_a_record_names_it(problems)
    for problem in problems:
        plan_item_update(
            actor=actor, item=problem, data={"diagnosis": None}, expected_version=problem.version
        )
    record(
        actor,
        AuditAction.DELETE,
        client=diagnosis.client,
        obj=diagnosis,
        detail={"code": diagnosis.code},
    )
    diagnosis.delete()


def _problems_naming(diagnosis: Diagnosis) -> list[Problem]:
    """The problems linked to the diagnosis, with their plan and whether it is signed."""
    signed = PlanSignature.objects.filter(plan_id=OuterRef("plan_id"))
    rows = Problem.objects.filter(diagnosis=diagnosis).select_related("plan")
    return list(rows.annotate(plan_signed=Exists(signed)).order_by("plan__created_at", "pk"))


def _refuse_if_a_record_names_it(problems: Sequence[Problem]) -> None:
    if any(problem.plan_signed for problem in problems):  # type: ignore[attr-defined]
        raise DiagnosisInUseError(SIGNED_PLAN_USES_DIAGNOSIS)
    for problem in problems:
        if problem.plan.status not in (PlanStatus.DRAFT, PlanStatus.ACTIVE):
            status = problem.plan.get_status_display().lower()
            raise DiagnosisInUseError(
                f"This diagnosis is used by a {status} plan, kept as a record: "
                "resolve it or rule it out instead."
            )
