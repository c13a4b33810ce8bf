"""Duplicate a plan item with everything under it: a second goal like the first, an
objective for another setting, the same intervention for another objective."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models import F

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.plans.items import ITEM_KINDS, kind_of
from trellis.plans.models import Goal, MeasureTarget, Objective
from trellis.plans.selectors import plan_of
from trellis.plans.services import _require_editable, _touch

# Never copied: the copy is a new item (its own id and lineage) at its first version.
_FRESH = frozenset({"id", "lineage", "version", "created_at"})
# The related name of each kind's children.
_CHILDREN = {"problem": "goals", "goal": "objectives", "objective": "interventions"}


def _copy(item: models.Model, **overrides: Any) -> models.Model:
    values = {
        f.attname: getattr(item, f.attname)
        for f in item._meta.concrete_fields
        if f.attname not in _FRESH
    }
    values.update(overrides)
    copy = type(item)(**values)
    copy.save()
    return copy


def _copy_targets(item: Goal | Objective, copy: Goal | Objective) -> int:
    field = "goal_id" if isinstance(item, Goal) else "objective_id"
    targets = list(MeasureTarget.objects.filter(**{field: item.pk}))
    for target in targets:
        _copy(target, **{field: copy.pk})
    return len(targets)


def _copy_tree(item: models.Model, **overrides: Any) -> tuple[models.Model, int]:
    """Copy ``item`` and its subtree; returns the copy and how many rows were made."""
    kind = kind_of(item)
    copy = _copy(item, **overrides)
    made = 1
    if isinstance(item, Goal | Objective):
        made += _copy_targets(item, copy)  # type: ignore[arg-type]
    if kind.name in _CHILDREN:
        child_field = f"{ITEM_KINDS[kind.child or ''].parent_field}_id"
        for child in getattr(item, _CHILDREN[kind.name]).order_by("position", "id"):
            made += _copy_tree(child, **{child_field: copy.pk})[1]
    return copy, made


@transaction.atomic
def plan_item_duplicate(*, actor: Actor, item: models.Model) -> models.Model:
    """Copy a problem, goal, objective or intervention, with its subtree and targets,
    just below the original in the same parent; audited as one creation."""
    kind = kind_of(item)
    plan = plan_of(item)
    _require_editable(plan)
    parent_id = getattr(item, f"{kind.parent_field}_id")
    position: int = item.position  # type: ignore[attr-defined]
    kind.model._default_manager.filter(
        **{f"{kind.parent_field}_id": parent_id, "position__gt": position}
    ).update(position=F("position") + 1)
    copy, made = _copy_tree(item, position=position + 1)
    _touch(plan, actor)
    record(
        actor,
        AuditAction.CREATE,
        client=plan.client,
        obj=copy,
        detail={"plan": str(plan.pk), "duplicate_of": str(item.pk), "rows": made},
    )
    return copy
