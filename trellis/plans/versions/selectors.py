"""The versions of a plan: every version shares the plan's ``lineage``, and each item keeps its
own ``lineage`` from one version to the next, so an edited goal is the same goal in both."""

from __future__ import annotations

from django.db.models import Count

from trellis.plans.models import (
    PlanStatus,
    TreatmentPlan,
)
from trellis.plans.selectors import _tree_prefetch


def plan_tree(plan: TreatmentPlan) -> TreatmentPlan:
    """The same plan read afresh with its whole tree, for services. It takes the plan the
    caller already fetched through an access check (never a bare id), so it cannot be
    used to read a plan nobody checked; the service audits what it does."""
    fresh: TreatmentPlan = (
        TreatmentPlan.objects.select_related("client")
        .prefetch_related(_tree_prefetch())
        .get(pk=plan.pk)
    )
    return fresh


def plan_versions(plan: TreatmentPlan) -> list[TreatmentPlan]:
    """Every version of a plan, oldest first, with its number of signatures (one query)."""
    return list(
        TreatmentPlan.objects.filter(lineage=plan.lineage, client_id=plan.client_id)
        .select_related("created_by")
        .annotate(signature_count=Count("signatures"))
        .order_by("version_number")
    )


def open_revision(plan: TreatmentPlan) -> TreatmentPlan | None:
    """The draft version of this plan other than ``plan`` itself, if one is open."""
    return (
        TreatmentPlan.objects.filter(lineage=plan.lineage, status=PlanStatus.DRAFT)
        .exclude(pk=plan.pk)
        .first()
    )


def grouped_by_plan(plans: list[TreatmentPlan]) -> list[list[TreatmentPlan]]:
    """A client's plans with the versions of each plan together, newest version first, and
    plans in the order of their newest version (``plans`` newest first: no query)."""
    groups: dict[object, list[TreatmentPlan]] = {}
    for plan in plans:
        groups.setdefault(plan.lineage, []).append(plan)
    return [sorted(group, key=lambda p: -p.version_number) for group in groups.values()]
