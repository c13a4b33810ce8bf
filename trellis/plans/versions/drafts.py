"""Deleting a draft nobody used: a version started by mistake (or a revision given up)
goes, instead of lingering as a closed plan. Only a draft never signed and with nothing
that refers to it — no note written under it or naming its goals, objectives or
interventions, no review of it or that made it, no later version — and only by a member
of the client's care team or its author. The deletion is audited with what was deleted."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.concurrency import check_version
from trellis.plans.models import (
    Goal,
    Intervention,
    Objective,
    PlanReview,
    PlanSignature,
    PlanStatus,
    TreatmentPlan,
)
from trellis.plans.signing.selectors import on_care_team


def draft_dependents(plan: TreatmentPlan) -> list[str]:
    """What refers to this draft, in the clinician's words; empty when it can be deleted."""
    found = []
    if plan.signed_at is not None or PlanSignature.objects.filter(plan=plan).exists():
        found.append("it has been signed")
    notes = (
        plan.progress_notes.exists()
        or Goal.objects.filter(problem__plan=plan, progress_notes__isnull=False).exists()
        or Objective.objects.filter(goal__problem__plan=plan, progress_notes__isnull=False).exists()
        or Intervention.objects.filter(
            objective__goal__problem__plan=plan, progress_notes__isnull=False
        ).exists()
    )
    if notes:
        found.append("a progress note refers to it")
    if (
        PlanReview.objects.filter(plan=plan).exists()
        or PlanReview.objects.filter(new_version=plan).exists()
    ):
        found.append("a review refers to it")
    if TreatmentPlan.objects.filter(previous_version=plan).exists():
        found.append("a later version was made from it")
    return found


@transaction.atomic
def draft_delete(*, actor: Actor, plan: TreatmentPlan, expected_version: int | None) -> None:
    """Delete a draft nobody used, with its items; refused, changing nothing, otherwise."""
    fresh = TreatmentPlan.objects.select_for_update().select_related("client").get(pk=plan.pk)
    if not (on_care_team(actor.user, fresh.client_id) or fresh.created_by_id == actor.user.pk):
        raise PermissionDenied("Only the client's care team deletes a draft of their plan.")
    check_version(fresh, expected_version)
    if fresh.status != PlanStatus.DRAFT:
        raise ValidationError("Only a draft is deleted; close a plan that was in force.")
    if reasons := draft_dependents(fresh):
        raise ValidationError(
            f"This draft cannot be deleted because {' and '.join(reasons)}: close it instead."
        )
    detail = {
        "deleted": "draft",
        "title": fresh.title,
        "version_number": fresh.version_number,
        "problems": fresh.problems.count(),
    }
    record(actor, AuditAction.DELETE, client=fresh.client, obj=fresh, detail=detail)
    fresh.delete()
