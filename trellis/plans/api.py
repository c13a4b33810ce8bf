"""Treatment plans over the JSON API.

As in clients/api.py: fetch through a scoped selector (404 otherwise), write through
a service, and keep the fetch's audit row and the write in one transaction.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import register_converter
from ninja import Router, Schema, Status

from trellis.apikit import actor_of
from trellis.audit.services import record_many_views
from trellis.clients.api import router as clients_router
from trellis.clients.selectors import client_get, diagnosis_get
from trellis.plans import diagnoses, safety, selectors, services
from trellis.plans.items import GOAL, INTERVENTION, ITEM_KINDS, OBJECTIVE, PROBLEM, ItemKind
from trellis.plans.models import TreatmentPlan
from trellis.plans.schemas import (
    GoalIn,
    GoalItemOut,
    GoalOut,
    GoalPatch,
    InterventionIn,
    InterventionOut,
    InterventionPatch,
    ObjectiveIn,
    ObjectiveItemOut,
    ObjectiveOut,
    ObjectivePatch,
    PlanIn,
    PlanOut,
    PlanPatch,
    PlanSummaryOut,
    PlanVersionIn,
    ProblemIn,
    ProblemItemOut,
    ProblemOut,
    ProblemPatch,
    SafetyReviewIn,
    SafetyReviewOut,
)


class PlanActionConverter:
    """`/plans/{id}/{action}` matches only its actions, so it never shadows
    `/plans/{id}/problems` whatever the order the routes are declared in."""

    regex = "activate|close"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PlanActionConverter, "plan_action")

router = Router(tags=["plans"])

# Columns a write changes behind the instance's back (services touch them with UPDATE).
REFRESHED = ["updated_at", "version", "status", "activated_at", "closed_at"]


def _tree(plan: TreatmentPlan) -> list[dict[str, Any]]:
    return [
        {
            **_fields(p, ProblemOut, "goals"),
            "goals": [
                {
                    **_fields(g, GoalOut, "objectives"),
                    "objectives": [
                        {
                            **_fields(o, ObjectiveOut, "interventions"),
                            "interventions": [
                                _fields(i, InterventionOut) for i in o.interventions.all()
                            ],
                        }
                        for o in g.objectives.all()
                    ],
                }
                for g in p.goals.all()
            ],
        }
        for p in plan.problems.all()
    ]


def _fields(obj: object, schema: type[Schema], *skip: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in schema.model_fields if name not in skip}


def plan_out(plan: TreatmentPlan) -> dict[str, Any]:
    return {**_fields(plan, PlanOut, "problems"), "problems": _tree(plan)}


@router.get("/clients/{client_id}/plans", response=list[PlanSummaryOut], summary="A client's plans")
def list_plans(request: HttpRequest, client_id: UUID) -> list[dict[str, Any]]:
    actor = actor_of(request)
    client = client_get(actor, client_id, audit=False)
    record_many_views(actor, [client], object_type="treatmentplan")
    return [_fields(p, PlanSummaryOut) for p in selectors.plans_of_client(client)]


@router.post("/clients/{client_id}/plans", response={201: PlanOut}, summary="Start a draft plan")
def create_plan(request: HttpRequest, client_id: UUID, payload: PlanIn) -> Status[Any]:
    actor = actor_of(request)
    with transaction.atomic():
        client = client_get(actor, client_id)
        plan = services.plan_create(
            actor=actor, client=client, data=payload.model_dump(exclude_none=True)
        )
    return Status(201, plan_out(plan))


@router.get("/plans/{plan_id}", response=PlanOut, summary="A whole plan, with its tree")
def get_plan(request: HttpRequest, plan_id: UUID) -> dict[str, Any]:
    return plan_out(selectors.plan_with_tree(actor_of(request), plan_id))


@router.patch("/plans/{plan_id}", response=PlanOut, summary="Edit a plan's own fields")
def update_plan(request: HttpRequest, plan_id: UUID, payload: PlanPatch) -> dict[str, Any]:
    actor = actor_of(request)
    data = payload.model_dump(exclude_unset=True, exclude={"version"})
    with transaction.atomic():
        plan = selectors.plan_with_tree(actor, plan_id)
        services.plan_update(actor=actor, plan=plan, data=data, expected_version=payload.version)
        plan.refresh_from_db(fields=REFRESHED)
    return plan_out(plan)


@router.post(
    "/plans/{plan_id}/safety-plan/reviewed",
    response={201: SafetyReviewOut},
    summary="Record that the safety plan was reviewed with the client today",
    description="Allowed on a draft or the plan in force, signed or not (the review is its "
    "own record); refused (422) when the safety plan is empty.",
)
def safety_plan_reviewed(
    request: HttpRequest, plan_id: UUID, payload: SafetyReviewIn
) -> Status[Any]:
    actor = actor_of(request)
    with transaction.atomic():
        plan = selectors.plan_get(actor, plan_id)
        review = safety.safety_plan_reviewed(actor=actor, plan=plan)
    return Status(201, _fields(review, SafetyReviewOut))


@router.post(
    "/plans/{plan_id}/{plan_action:action}",
    response=PlanOut,
    summary="Activate or close a plan",
    description="`activate` makes a draft the plan in force (the active one it replaces is "
    "superseded); `close` ends a draft or active plan. Both need the version you read.",
)
def change_plan_status(
    request: HttpRequest,
    plan_id: UUID,
    action: Literal["activate", "close"],
    payload: PlanVersionIn,
) -> dict[str, Any]:
    actor = actor_of(request)
    change = services.plan_activate if action == "activate" else services.plan_close
    with transaction.atomic():
        plan = selectors.plan_with_tree(actor, plan_id)
        change(actor=actor, plan=plan, expected_version=payload.version)
        plan.refresh_from_db(fields=REFRESHED)
    return plan_out(plan)


def _item_data(plan: TreatmentPlan, data: dict[str, Any]) -> dict[str, Any]:
    """`diagnosis_id` names one of the plan's client's diagnoses (or null to unlink)."""
    if "diagnosis_id" in data:
        diagnosis_id = data.pop("diagnosis_id")
        diagnosis = None
        if diagnosis_id is not None:
            diagnosis = plan.client.diagnoses.filter(pk=diagnosis_id).first()
            if diagnosis is None:
                raise ValidationError({"diagnosis_id": "Link a diagnosis of this plan's client."})
        data["diagnosis"] = diagnosis
    return data


def _add(
    request: HttpRequest, kind: ItemKind[Any], parent_id: UUID, payload: Schema
) -> models.Model:
    actor = actor_of(request)
    with transaction.atomic():
        if kind.parent_field == "plan":
            parent: Any = selectors.plan_get(actor, parent_id)
            plan = parent
        else:
            parent = selectors.plan_item_get(actor, ITEM_KINDS[kind.parent_field], parent_id)
            plan = selectors.plan_of(parent)
        data = _item_data(plan, payload.model_dump())
        item: models.Model = services.plan_item_add(
            actor=actor, kind=kind, parent=parent, data=data
        )
        return item


def _update(request: HttpRequest, kind: ItemKind[Any], item_id: UUID, payload: Any) -> Any:
    actor = actor_of(request)
    data = payload.model_dump(exclude_unset=True, exclude={"version"})
    with transaction.atomic():
        item: Any = selectors.plan_item_get(actor, kind, item_id)
        data = _item_data(selectors.plan_of(item), data)
        services.plan_item_update(
            actor=actor, item=item, data=data, expected_version=payload.version
        )
    return item


def _remove(request: HttpRequest, kind: ItemKind[Any], item_id: UUID, version: int | None) -> None:
    actor = actor_of(request)
    with transaction.atomic():
        item: Any = selectors.plan_item_get(actor, kind, item_id)
        services.plan_item_remove(actor=actor, item=item, expected_version=version)


REMOVE = (
    "Removes the item and everything under it. `?version=` (the version you read) is "
    "required: without it the answer is 422 and nothing is removed; a stale one is 409."
)


@router.post("/plans/{plan_id}/problems", response={201: ProblemItemOut}, summary="Add a problem")
def add_problem(request: HttpRequest, plan_id: UUID, payload: ProblemIn) -> Status[Any]:
    return Status(201, _fields(_add(request, PROBLEM, plan_id, payload), ProblemItemOut))


@router.patch("/problems/{item_id}", response=ProblemItemOut, summary="Edit a problem")
def update_problem(request: HttpRequest, item_id: UUID, payload: ProblemPatch) -> Any:
    return _fields(_update(request, PROBLEM, item_id, payload), ProblemItemOut)


@router.delete(
    "/problems/{item_id}", response={204: None}, summary="Remove a problem", description=REMOVE
)
def remove_problem(request: HttpRequest, item_id: UUID, version: int | None = None) -> Any:
    _remove(request, PROBLEM, item_id, version)
    return Status(204, None)


@router.post("/problems/{problem_id}/goals", response={201: GoalItemOut}, summary="Add a goal")
def add_goal(request: HttpRequest, problem_id: UUID, payload: GoalIn) -> Status[Any]:
    return Status(201, _fields(_add(request, GOAL, problem_id, payload), GoalItemOut))


@router.patch("/goals/{item_id}", response=GoalItemOut, summary="Edit a goal")
def update_goal(request: HttpRequest, item_id: UUID, payload: GoalPatch) -> Any:
    return _fields(_update(request, GOAL, item_id, payload), GoalItemOut)


@router.delete(
    "/goals/{item_id}", response={204: None}, summary="Remove a goal", description=REMOVE
)
def remove_goal(request: HttpRequest, item_id: UUID, version: int | None = None) -> Any:
    _remove(request, GOAL, item_id, version)
    return Status(204, None)


@router.post(
    "/goals/{goal_id}/objectives", response={201: ObjectiveItemOut}, summary="Add an objective"
)
def add_objective(request: HttpRequest, goal_id: UUID, payload: ObjectiveIn) -> Status[Any]:
    return Status(201, _fields(_add(request, OBJECTIVE, goal_id, payload), ObjectiveItemOut))


@router.patch("/objectives/{item_id}", response=ObjectiveItemOut, summary="Edit an objective")
def update_objective(request: HttpRequest, item_id: UUID, payload: ObjectivePatch) -> Any:
    return _fields(_update(request, OBJECTIVE, item_id, payload), ObjectiveItemOut)


@router.delete(
    "/objectives/{item_id}",
    response={204: None},
    summary="Remove an objective",
    description=REMOVE,
)
def remove_objective(request: HttpRequest, item_id: UUID, version: int | None = None) -> Any:
    _remove(request, OBJECTIVE, item_id, version)
    return Status(204, None)


@router.post(
    "/objectives/{objective_id}/interventions",
    response={201: InterventionOut},
    summary="Add an intervention",
)
def add_intervention(
    request: HttpRequest, objective_id: UUID, payload: InterventionIn
) -> Status[Any]:
    return Status(201, _fields(_add(request, INTERVENTION, objective_id, payload), InterventionOut))


@router.patch("/interventions/{item_id}", response=InterventionOut, summary="Edit an intervention")
def update_intervention(request: HttpRequest, item_id: UUID, payload: InterventionPatch) -> Any:
    return _fields(_update(request, INTERVENTION, item_id, payload), InterventionOut)


@router.delete(
    "/interventions/{item_id}",
    response={204: None},
    summary="Remove an intervention",
    description=REMOVE,
)
def remove_intervention(request: HttpRequest, item_id: UUID, version: int | None = None) -> Any:
    _remove(request, INTERVENTION, item_id, version)
    return Status(204, None)


# On the clients' router, beside the diagnosis's GET and PATCH (one path, one set of
# operations); the rule it applies is the plans' (``trellis.plans.diagnoses``).
@clients_router.delete(
    "/diagnoses/{diagnosis_id}",
    response={204: None},
    summary="Remove a diagnosis entered in error",
    description="A real diagnosis is resolved or ruled out instead (PATCH its status). "
    "`?version=` (the version you read) is required: without it the answer is 422, and a "
    "stale one is 409; nothing is removed either way. Problems of "
    "draft or active plans that name it are unlinked; if a signed, superseded or closed "
    "plan names it, the removal is refused with 409 and a `detail` message.",
)
def remove_diagnosis(
    request: HttpRequest, diagnosis_id: UUID, version: int | None = None
) -> Status[None]:
    actor = actor_of(request)
    with transaction.atomic():
        diagnosis = diagnosis_get(actor, diagnosis_id)
        diagnoses.diagnosis_remove(actor=actor, diagnosis=diagnosis, expected_version=version)
    return Status(204, None)
