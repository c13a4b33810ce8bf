"""Reads of treatment plans, scoped through the clients the user may see."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from trellis.accounts.models import User
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client
from trellis.clients.selectors import visible_clients
from trellis.core.measures import Instrument
from trellis.lookup import get_or_404
from trellis.measures.models import Administration
from trellis.plans.items import ITEM_KINDS, ItemKind, PlanNode
from trellis.plans.models import Goal, MeasureTarget, Objective, Problem, TreatmentPlan
from trellis.plans.targets import (
    TARGET_RELATED,
    TargetView,
    evaluate_all,
    target_scores,
    targets_of_plans,
)


def visible_plans(user: User) -> QuerySet[TreatmentPlan]:
    return TreatmentPlan.objects.filter(client__in=visible_clients(user))


def plans_of_client(client: Client) -> list[TreatmentPlan]:
    """For a client the caller has already fetched through client_get."""
    return list(client.plans.select_related("created_by").order_by("-created_at"))


def plan_get(actor: Actor, plan_id: object, *, audit: bool = True) -> TreatmentPlan:
    plan = get_or_404(
        visible_plans(actor.user).select_related("client", "created_by", "updated_by"), plan_id
    )
    if audit:
        record(actor, AuditAction.VIEW, client=plan.client, obj=plan)
    return plan


def _tree_prefetch() -> Prefetch[Literal["problems"]]:
    targets = MeasureTarget.objects.select_related(*TARGET_RELATED)
    objectives = Objective.objects.prefetch_related(
        "interventions", Prefetch("targets", queryset=targets)
    )
    goals = Goal.objects.prefetch_related(
        Prefetch("objectives", queryset=objectives), Prefetch("targets", queryset=targets)
    )
    return Prefetch(
        "problems",
        queryset=Problem.objects.select_related("diagnosis").prefetch_related(
            Prefetch("goals", queryset=goals)
        ),
    )


def plan_with_tree(
    actor: Actor, plan_id: object, *, action: AuditAction = AuditAction.VIEW
) -> TreatmentPlan:
    """The whole plan in a fixed number of queries, whatever its size."""
    plan = get_or_404(
        visible_plans(actor.user)
        .select_related("client__practice", "created_by", "updated_by")
        .prefetch_related(_tree_prefetch()),
        plan_id,
    )
    record(actor, action, client=plan.client, obj=plan)
    return plan


def plan_item_get[M: PlanNode](
    actor: Actor, kind: ItemKind[M], item_id: object, *, audit: bool = True
) -> M:
    scoped = kind.model._default_manager.filter(
        **{f"{kind.plan_path}__client__in": visible_clients(actor.user)}
    ).select_related(kind.plan_path + "__client")
    item: M = get_or_404(scoped, item_id)
    if audit:
        record(actor, AuditAction.VIEW, client=plan_of(item).client, obj=item)
    return item


def plan_of(item: object) -> TreatmentPlan:
    node = item
    while not isinstance(node, TreatmentPlan):
        kind = next(k for k in ITEM_KINDS.values() if isinstance(node, k.model))
        node = getattr(node, kind.parent_field)
    return node


def target_get(actor: Actor, target_id: object) -> MeasureTarget:
    clients = visible_clients(actor.user)
    plans = TreatmentPlan.objects.filter(client__in=clients).values("pk")
    scoped = targets_of_plans(plans).select_related(
        "goal__problem__plan__client", "objective__goal__problem__plan__client", *TARGET_RELATED
    )
    target: MeasureTarget = get_or_404(scoped, target_id)
    record(actor, AuditAction.VIEW, client=plan_of(target.owner).client, obj=target)
    return target


def attach_target_views(
    plan: TreatmentPlan,
    *,
    administrations: Sequence[Administration] | None = None,
    instruments: dict[str, Instrument] | None = None,
) -> list[TargetView]:
    """Evaluate every target of a plan fetched by plan_with_tree and hang each goal's and
    objective's on it as ``target_views``: two queries, fewer when given the scores of
    ``plan_target_scores`` or the practice's instruments (see ``evaluate_all``)."""
    owners = goals_and_objectives(plan)
    targets = [t for owner in owners for t in owner.targets.all()]
    views = evaluate_all(plan, targets, administrations=administrations, instruments=instruments)
    for owner in owners:
        owner.target_views = [views[t.pk] for t in owner.targets.all()]  # type: ignore[union-attr]
    return list(views.values())


def plan_targets(plan: TreatmentPlan) -> list[MeasureTarget]:
    """Every target of a plan fetched by plan_with_tree, in plan order (no queries)."""
    return [t for owner in goals_and_objectives(plan) for t in owner.targets.all()]


def plan_target_scores(plan: TreatmentPlan) -> list[Administration]:
    """The scores its targets are judged on, for a plan fetched by plan_with_tree: one query."""
    return target_scores(plan, plan_targets(plan))


def targets_of_plan(plan: TreatmentPlan) -> list[MeasureTarget]:
    """Every target of a plan fetched without its tree (goals' and objectives'): one query."""
    return list(
        targets_of_plans([plan.pk]).select_related(*TARGET_RELATED).order_by("created_at", "id")
    )


def goals_and_objectives(plan: TreatmentPlan) -> list[Goal | Objective]:
    """In plan order, from a plan fetched by plan_with_tree (no queries)."""
    owners: list[Goal | Objective] = []
    for problem in plan.problems.all():
        for goal in problem.goals.all():
            owners.append(goal)
            owners.extend(goal.objectives.all())
    return owners


def find_in_tree(plan: TreatmentPlan, kind: str, pk: object) -> Any:
    """The item ``pk`` of ``kind`` in a plan fetched by plan_with_tree (no queries), to
    show a new item with its children and targets as the page shows them."""
    for problem in plan.problems.all():
        if kind == "problem" and problem.pk == pk:
            return problem
        for goal in problem.goals.all():
            if kind == "goal" and goal.pk == pk:
                return goal
            for objective in goal.objectives.all():
                if kind == "objective" and objective.pk == pk:
                    return objective
                for intervention in objective.interventions.all():
                    if kind == "intervention" and intervention.pk == pk:
                        return intervention
    raise Http404("No such plan item")
