"""Revising a plan copies the version in force into a new draft, item by item, keeping each
item's lineage. Activating the draft (``services.plan_activate``) supersedes the version in
force, which is kept as it was."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.concurrency import versioned_update
from trellis.measures.models import MeasureSchedule
from trellis.plans.models import (
    Goal,
    Intervention,
    MeasureTarget,
    Objective,
    PlanStatus,
    Problem,
    TreatmentPlan,
)
from trellis.plans.versions.selectors import open_revision, plan_tree

# Bookkeeping of a plan row that a new version starts afresh rather than copies.
NOT_COPIED = {
    "id",
    "previous_version_id",
    "version_number",
    "status",
    "created_by_id",
    "created_at",
    "updated_at",
    "updated_by_id",
    "activated_at",
    "closed_at",
    "signed_at",
    "version",
}


class RevisionExistsError(ValidationError):
    """A plan has at most one draft revision open at a time."""

    def __init__(self, draft: TreatmentPlan) -> None:
        super().__init__(
            f"Version {draft.version_number} of this plan is already a draft: "
            "continue it (or close it) rather than starting another."
        )
        self.draft = draft


@transaction.atomic
def plan_revise(
    *, actor: Actor, plan: TreatmentPlan, review_date: date | None = None
) -> TreatmentPlan:
    """A new draft version: the plan's fields and its whole tree, targets included, each
    item keeping its lineage. The plan in force stays in force until the draft is
    activated; a signed draft that is revised is superseded at once."""
    signed = plan.check_signed(lock=True)
    source = plan_tree(plan)
    if not (source.status == PlanStatus.ACTIVE or (source.status == PlanStatus.DRAFT and signed)):
        raise ValidationError(
            "Only the plan in force, or a signed draft, is revised; an unsigned draft is "
            "edited directly."
        )
    draft = open_revision(source)
    if draft is not None:
        raise RevisionExistsError(draft)
    copy = _copy_plan(source, actor, review_date)
    counts = _copy_tree(source, copy)
    if source.status == PlanStatus.DRAFT:
        _supersede(actor, source)
    record(
        actor,
        AuditAction.CREATE,
        client=source.client,
        obj=copy,
        detail={
            "revised_from": str(source.pk),
            "version_number": copy.version_number,
            **counts,
        },
    )
    return copy


def _copy_plan(source: TreatmentPlan, actor: Actor, review_date: date | None) -> TreatmentPlan:
    values = {
        f.attname: getattr(source, f.attname)
        for f in TreatmentPlan._meta.concrete_fields
        if f.attname not in NOT_COPIED
    }
    latest = TreatmentPlan.objects.filter(lineage=source.lineage).aggregate(n=Max("version_number"))
    copy = TreatmentPlan(
        **values,
        previous_version=source,
        version_number=(latest["n"] or 0) + 1,
        status=PlanStatus.DRAFT,
        created_by=actor.user,
        updated_by=actor.user,
    )
    if review_date is not None:
        copy.review_date = review_date
    copy.save()
    return copy


def _clone[M: models.Model](item: M, **parents: Any) -> M:
    model = type(item)
    skip = {"id", "version", *parents}
    values = {
        f.attname: getattr(item, f.attname)
        for f in model._meta.concrete_fields
        if f.attname not in skip
    }
    return model(**values, **parents)


def _copy_tree(source: TreatmentPlan, copy: TreatmentPlan) -> dict[str, int]:
    """Copy every level with one INSERT each, whatever the size of the plan."""
    problems, goals, objectives, interventions, targets = [], [], [], [], []
    for problem in source.problems.all():
        new_problem = _clone(problem, plan_id=copy.pk)
        problems.append(new_problem)
        for goal in problem.goals.all():
            new_goal = _clone(goal, problem_id=new_problem.pk)
            goals.append(new_goal)
            targets += [
                _clone(t, goal_id=new_goal.pk, objective_id=None) for t in goal.targets.all()
            ]
            for objective in goal.objectives.all():
                new_objective = _clone(objective, goal_id=new_goal.pk)
                objectives.append(new_objective)
                targets += [
                    _clone(t, goal_id=None, objective_id=new_objective.pk)
                    for t in objective.targets.all()
                ]
                interventions += [
                    _clone(i, objective_id=new_objective.pk) for i in objective.interventions.all()
                ]
    Problem.objects.bulk_create(problems)
    Goal.objects.bulk_create(goals)
    Objective.objects.bulk_create(objectives)
    Intervention.objects.bulk_create(interventions)
    MeasureTarget.objects.bulk_create(targets)
    MeasureSchedule.objects.bulk_create(
        [
            MeasureSchedule(plan=copy, instrument_id=s.instrument_id, every_weeks=s.every_weeks)
            for s in MeasureSchedule.objects.filter(plan=source)
        ]
    )
    return {
        "problems": len(problems),
        "goals": len(goals),
        "objectives": len(objectives),
        "interventions": len(interventions),
        "targets": len(targets),
    }


def _supersede(actor: Actor, plan: TreatmentPlan) -> None:
    versioned_update(
        plan,
        {"status": PlanStatus.SUPERSEDED, "closed_at": timezone.now()},
        expected_version=plan.version,
    )
    record(
        actor,
        AuditAction.UPDATE,
        client=plan.client,
        obj=plan,
        detail={"status": "superseded", "by": "revision"},
    )
