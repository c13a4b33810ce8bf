"""Reads of treatment plans, scoped through the clients the user may see."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from trellis.accounts.models import User
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client
from trellis.clients.selectors import visible_clients
from trellis.lookup import get_or_404
from trellis.plans.items import ITEM_KINDS, ItemKind
from trellis.plans.models import Goal, Objective, Problem, TreatmentPlan


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


def _tree_prefetch() -> Prefetch[Problem]:
    objectives = Objective.objects.prefetch_related("interventions")
    goals = Goal.objects.prefetch_related(Prefetch("objectives", queryset=objectives))
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
        .select_related("client", "created_by", "updated_by")
        .prefetch_related(_tree_prefetch()),
        plan_id,
    )
    record(actor, action, client=plan.client, obj=plan)
    return plan


def plan_item_get(actor: Actor, kind: ItemKind, item_id: object, *, audit: bool = True) -> object:
    scoped = kind.model._default_manager.filter(
        **{f"{kind.plan_path}__client__in": visible_clients(actor.user)}
    ).select_related(kind.plan_path + "__client")
    item = get_or_404(scoped, item_id)
    if audit:
        record(actor, AuditAction.VIEW, client=plan_of(item).client, obj=item)
    return item


def plan_of(item: object) -> TreatmentPlan:
    node = item
    while not isinstance(node, TreatmentPlan):
        kind = next(k for k in ITEM_KINDS.values() if isinstance(node, k.model))
        node = getattr(node, kind.parent_field)
    return node
