"""The plan's quality panel: the plan as ``trellis.core.planning`` sees it, and its findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from django.utils import timezone

from trellis.clients.models import Diagnosis, DiagnosisStatus
from trellis.core.planning import (
    DiagnosisView,
    Finding,
    GoalView,
    ObjectiveView,
    PlanView,
    ProblemView,
    check_plan,
)
from trellis.core.planning.intake_risk import intake_risk
from trellis.measures.models import Administration
from trellis.plans.models import Goal, Objective, TreatmentPlan
from trellis.plans.targets import TargetView, spec_of

SAFETY_FIELDS = (
    "warning_signs",
    "coping_strategies",
    "support_contacts",
    "professional_contacts",
    "crisis_lines",
)
# Z91.5x: personal history of suicidal behavior / self-harm (ICD-10-CM) flags risk too.
RISK_CODE_PREFIXES = ("Z91.5",)


def _target_of(owner: Goal | Objective, views: Mapping[UUID, TargetView]) -> tuple[object, bool]:
    targets = list(owner.targets.all())
    if not targets:
        return None, False
    view = views.get(targets[0].pk)
    known = bool(view and view.evaluation and view.evaluation.baseline is not None)
    return spec_of(targets[0]), known


def _objective(objective: Objective, views: Mapping[UUID, TargetView]) -> ObjectiveView:
    spec, known = _target_of(objective, views)
    return ObjectiveView(
        id=str(objective.pk),
        statement=objective.statement,
        target_date=objective.target_date,
        status=objective.status,
        intervention_count=len(objective.interventions.all()),
        target=spec,  # type: ignore[arg-type]
        baseline_known=known,
    )


def _goal(goal: Goal, views: Mapping[UUID, TargetView]) -> GoalView:
    spec, known = _target_of(goal, views)
    return GoalView(
        id=str(goal.pk),
        statement=goal.statement,
        target_date=goal.target_date,
        status=goal.status,
        target=spec,  # type: ignore[arg-type]
        baseline_known=known,
        objectives=[_objective(o, views) for o in goal.objectives.all()],
    )


def plan_view(
    plan: TreatmentPlan, diagnoses: Sequence[Diagnosis], views: Mapping[UUID, TargetView]
) -> PlanView:
    """Build from a plan fetched by ``plan_with_tree`` (its client with it): no further
    queries but one. The client's intake risk screening counts as well as the risk codes and
    critical answers."""
    risk = any(d.code.startswith(RISK_CODE_PREFIXES) for d in diagnoses if d.status == "active")
    risk = (
        risk
        or Administration.objects.filter(
            client_id=plan.client_id, is_critical=True, voided_at=None
        ).exists()
    )
    client = plan.client
    return PlanView(
        status=plan.status,
        start_date=plan.start_date,
        review_date=plan.review_date,
        strengths=plan.strengths,
        has_safety_plan=any(getattr(plan, f).strip() for f in SAFETY_FIELDS),
        risk_flagged=risk,
        intake_risk=intake_risk(
            suicidal_ideation=client.suicidal_ideation,
            homicidal_ideation=client.homicidal_ideation,
            self_harm=client.self_harm_history,
        ),
        means_not_asked=[
            name
            for name, answer in (
                ("firearms", plan.firearms_access),
                ("medication", plan.medication_access),
            )
            if not answer
        ],
        diagnoses=[
            DiagnosisView(code=d.code, description=d.description, status=d.status, id=str(d.pk))
            for d in diagnoses
            if d.status == DiagnosisStatus.ACTIVE
        ],
        problems=[
            ProblemView(
                id=str(p.pk),
                title=p.title,
                diagnosis_id=str(p.diagnosis_id) if p.diagnosis_id else None,
                goals=[_goal(g, views) for g in p.goals.all()],
            )
            for p in plan.problems.all()
        ],
    )


def plan_findings(
    plan: TreatmentPlan, diagnoses: Sequence[Diagnosis], views: Sequence[TargetView]
) -> list[Finding]:
    by_id = {v.target.pk: v for v in views}
    return check_plan(plan_view(plan, diagnoses, by_id), today=timezone.localdate())
