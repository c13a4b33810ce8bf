"""The hash of exactly what a signature covers.

The signed content is a canonical JSON document of the plan's own fields and its whole tree
in plan order (problems, goals, objectives, interventions, measure-linked targets), without
the bookkeeping that may still change on a signed version (status, review date, row
versions, times). Its SHA-256 is the ``content_hash``. The document layout is
``HASH_VERSION``: change what it covers only together with a new version name, so old
signatures can still be checked."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from trellis.plans.models import (
    TreatmentPlan,
)
from trellis.plans.services import PLAN_FIELDS

HASH_VERSION = "plan-v2"  # v2: a goal's target date and status, the means-safety fields


# The plan's own fields a signature covers: all but the review date, which a review must
# still be able to move. The order is part of the hash layout (HASH_VERSION).
PLAN_CONTENT = tuple(name for name in PLAN_FIELDS if name != "review_date")


def _value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return value
    return value if value is None or isinstance(value, (int, str, bool)) else str(value)


def _fields(item: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: _value(getattr(item, name)) for name in names}


def _target(target: Any) -> dict[str, Any]:
    values = _fields(target, ("instrument_id", "subscale", "kind", "deadline"))
    values["value"] = None if target.value is None else float(target.value)
    values["baseline"] = _value(target.baseline_id)
    return values


def _objective(objective: Any) -> dict[str, Any]:
    return {
        **_fields(objective, ("statement", "target_date", "status")),
        "targets": [_target(t) for t in objective.targets.all()],
        "interventions": [
            _fields(i, ("modality", "description", "frequency", "delivered_by"))
            for i in objective.interventions.all()
        ],
    }


def _goal(goal: Any) -> dict[str, Any]:
    return {
        **_fields(goal, ("statement", "target_date", "status")),
        "targets": [_target(t) for t in goal.targets.all()],
        "objectives": [_objective(o) for o in goal.objectives.all()],
    }


def plan_content(plan: TreatmentPlan) -> dict[str, Any]:
    """The document a signature covers, from a plan fetched with its tree."""
    return {
        "hash_version": HASH_VERSION,
        "plan": str(plan.pk),
        "client": str(plan.client_id),
        "version_number": plan.version_number,
        "fields": _fields(plan, PLAN_CONTENT),
        "problems": [
            {
                **_fields(problem, ("title", "behavioral_definition")),
                "diagnosis": _value(problem.diagnosis_id),
                "goals": [_goal(g) for g in problem.goals.all()],
            }
            for problem in plan.problems.all()
        ],
    }


def canonical_json(content: dict[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def plan_hash(plan: TreatmentPlan) -> str:
    """The hash of the plan as it is now, from a plan fetched with its tree."""
    return content_hash(plan_content(plan))
