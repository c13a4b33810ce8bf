"""The four kinds of item in a plan's tree, described once for services, views and API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from trellis.plans.models import Goal, Intervention, Objective, Problem

# What an item of the tree may be; ``ItemKind[Goal]`` makes and fetches goals.
type PlanNode = Problem | Goal | Objective | Intervention


@dataclass(frozen=True)
class ItemKind[M: PlanNode]:
    name: str
    model: type[M]
    parent_field: str
    fields: tuple[str, ...]
    plan_path: str  # the lookup from this item to its plan
    child: str | None  # the kind under it, if any

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)


PROBLEM = ItemKind(
    "problem", Problem, "plan", ("title", "behavioral_definition", "diagnosis"), "plan", "goal"
)
GOAL = ItemKind(
    "goal",
    Goal,
    "problem",
    ("statement", "target_date", "status"),
    "problem__plan",
    "objective",
)
OBJECTIVE = ItemKind(
    "objective",
    Objective,
    "goal",
    ("statement", "target_date", "status"),
    "goal__problem__plan",
    "intervention",
)
INTERVENTION = ItemKind(
    "intervention",
    Intervention,
    "objective",
    ("modality", "description", "frequency", "delivered_by"),
    "objective__goal__problem__plan",
    None,
)
ITEM_KINDS: dict[str, ItemKind[Any]] = {k.name: k for k in (PROBLEM, GOAL, OBJECTIVE, INTERVENTION)}


def kind_of(item: models.Model) -> ItemKind[Any]:
    for kind in ITEM_KINDS.values():
        if isinstance(item, kind.model):
            return kind
    raise TypeError(f"{type(item).__name__} is not a plan item")
