"""Writes to treatment plans: one function per use case, atomic, audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Literal
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from trellis.accounts.models import PracticeSettings
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client, ClientStatus, Diagnosis, DiagnosisStatus
from trellis.concurrency import (
    check_fingerprint,
    check_version,
    require_version,
    versioned_update,
)
from trellis.measures.models import Administration
from trellis.plans.dates import check_dates
from trellis.plans.items import ITEM_KINDS, ItemKind, PlanNode, kind_of
from trellis.plans.models import (
    SIGNED_MESSAGE,
    Goal,
    MeasureTarget,
    Objective,
    PlanStatus,
    TreatmentPlan,
)
from trellis.plans.selectors import plan_of
from trellis.plans.smart import target_date_from
from trellis.plans.targets import validate_target

PLAN_FIELDS = (
    "title",
    "start_date",
    "review_date",
    "expected_sessions",
    "session_frequency",
    "strengths",
    "barriers",
    "family_involvement",
    "referrals",
    "warning_signs",
    "coping_strategies",
    "distraction_people_places",
    "support_contacts",
    "professional_contacts",
    "crisis_lines",
    "environment_safety",
    "firearms_access",
    "firearms_plan",
    "medication_access",
    "medication_plan",
    "reasons_for_living",
)


def default_review_days(practice_id: UUID | None = None) -> int:
    """The practice's interval between reviews if it set one, else the deployment's."""
    own = (
        PracticeSettings.objects.filter(practice_id=practice_id)
        .values_list("plan_review_days", flat=True)
        .first()
        if practice_id is not None
        else None
    )
    return int(own or settings.PLAN_REVIEW_DEFAULT_DAYS)


class PlanLockedError(ValidationError):
    """Signed versions, and superseded and closed plans, are a record: they are not edited."""


def _require_editable(plan: TreatmentPlan) -> None:
    # Locks the plan's row before looking for a signature: signing takes the same lock,
    # so an edit cannot slip in between a signature's content hash and its row.
    if plan.check_signed(lock=True):
        raise PlanLockedError(SIGNED_MESSAGE)
    if not plan.is_editable:
        raise PlanLockedError(
            f"This plan is {plan.get_status_display().lower()} and can no longer be edited."
        )


def _validate_dates(values: Mapping[str, Any], plan: TreatmentPlan | None = None) -> None:
    check_dates(values)
    start = values.get("start_date", plan.start_date if plan else None)
    review = values.get("review_date", plan.review_date if plan else None)
    if start and review and review <= start:
        raise ValidationError({"review_date": "The review date must come after the start date."})


def _touch(plan: TreatmentPlan, actor: Actor) -> None:
    TreatmentPlan.objects.filter(pk=plan.pk).update(
        updated_at=timezone.now(), updated_by=actor.user
    )


@transaction.atomic
def plan_create(*, actor: Actor, client: Client, data: Mapping[str, Any]) -> TreatmentPlan:
    if client.status != ClientStatus.ACTIVE:
        raise ValidationError("A discharged client cannot get a new plan; reactivate them first.")
    values = {name: data[name] for name in PLAN_FIELDS if name in data}
    check_dates(values)
    start = values.setdefault("start_date", timezone.localdate())
    if not values.get("review_date"):
        values["review_date"] = start + timedelta(days=default_review_days(client.practice_id))
    _validate_dates(values)
    if "strengths" not in values and client.strengths:
        values["strengths"] = client.strengths
    if "barriers" not in values and client.barriers:
        values["barriers"] = client.barriers
    plan = TreatmentPlan(client=client, created_by=actor.user, updated_by=actor.user, **values)
    plan.full_clean()
    plan.save()
    record(actor, AuditAction.CREATE, client=client, obj=plan)
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: Actor,
    plan: TreatmentPlan,
    data: Mapping[str, Any],
    expected_version: int | None = None,
    expected_fingerprint: str | None = None,
) -> list[str]:
    """Edit the plan's own fields. A page section sends the fingerprint of the fields it
    showed (so two sections can be open at once); the API sends the plan's version."""
    _require_editable(plan)
    values = {name: data[name] for name in PLAN_FIELDS if name in data}
    _validate_dates(values, plan)
    if expected_fingerprint is not None:
        check_fingerprint(plan, tuple(values), expected_fingerprint)
        expected_version = TreatmentPlan.objects.values_list("version", flat=True).get(pk=plan.pk)
    changed = versioned_update(plan, values, expected_version=expected_version)
    if changed:
        _touch(plan, actor)
        record(actor, AuditAction.UPDATE, client=plan.client, obj=plan, detail={"fields": changed})
    return changed


@transaction.atomic
def plan_activate(*, actor: Actor, plan: TreatmentPlan, expected_version: int | None) -> None:
    """Make a draft the client's plan in force; the plan it replaces is superseded."""
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError("Only a draft plan can be activated.")
    check_version(plan, expected_version)
    if not plan.problems.filter(goals__objectives__isnull=False).exists():
        raise ValidationError(
            "A plan needs at least one problem with a goal and an objective before it is activated."
        )
    now = timezone.now()
    previous = list(
        TreatmentPlan.objects.select_for_update().filter(
            client_id=plan.client_id, status=PlanStatus.ACTIVE
        )
    )
    for old in previous:
        versioned_update(
            old, {"status": PlanStatus.SUPERSEDED, "closed_at": now}, expected_version=old.version
        )
        record(
            actor, AuditAction.UPDATE, client=plan.client, obj=old, detail={"status": "superseded"}
        )
    versioned_update(
        plan, {"status": PlanStatus.ACTIVE, "activated_at": now}, expected_version=expected_version
    )
    record(actor, AuditAction.UPDATE, client=plan.client, obj=plan, detail={"status": "active"})


@transaction.atomic
def plan_close(*, actor: Actor, plan: TreatmentPlan, expected_version: int | None) -> None:
    if plan.status not in {PlanStatus.DRAFT, PlanStatus.ACTIVE}:
        raise ValidationError("This plan is already closed.")
    versioned_update(
        plan,
        {"status": PlanStatus.CLOSED, "closed_at": timezone.now()},
        expected_version=expected_version,
    )
    record(actor, AuditAction.UPDATE, client=plan.client, obj=plan, detail={"status": "closed"})


def _clean_item_values(
    kind: ItemKind[Any], plan: TreatmentPlan, data: Mapping[str, Any], linked: object = None
) -> dict[str, Any]:
    """``linked``: the diagnosis id the item already names, which may stay even if it has
    since been ruled out."""
    values = {name: data[name] for name in kind.fields if name in data}
    if "status" in values and not values["status"]:
        del values["status"]  # not given: the model's default, or the status it has
    check_dates(values)
    diagnosis = values.get("diagnosis")
    if diagnosis is not None and (
        not isinstance(diagnosis, Diagnosis) or diagnosis.client_id != plan.client_id
    ):
        raise ValidationError({"diagnosis": "Link a diagnosis of this client."})
    if (
        diagnosis is not None
        and diagnosis.status == DiagnosisStatus.RULED_OUT
        and diagnosis.pk != linked
    ):
        raise ValidationError(
            {
                "diagnosis": f"{diagnosis.code} {diagnosis.description} was ruled out: "
                "link a diagnosis the client has."
            }
        )
    return values


@transaction.atomic
def plan_item_add[M: PlanNode](
    *, actor: Actor, kind: ItemKind[M], parent: models.Model, data: Mapping[str, Any]
) -> M:
    """Add a problem to a plan, a goal to a problem, an objective to a goal..."""
    plan = parent if isinstance(parent, TreatmentPlan) else plan_of(parent)
    # One addition to a plan at a time (the row lock on PostgreSQL; SQLite's write lock,
    # taken at BEGIN IMMEDIATE): two at once would read the same last position.
    plan = TreatmentPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    values = _clean_item_values(kind, plan, data)
    _fill_target_date(kind, plan, values)
    siblings = kind.model._default_manager.filter(**{kind.parent_field: parent})
    last = siblings.aggregate(last=Max("position"))["last"]
    item = kind.model(**{kind.parent_field: parent}, position=(last or 0) + 1, **values)
    item.full_clean()
    item.save()
    _touch(plan, actor)
    record(actor, AuditAction.CREATE, client=plan.client, obj=item, detail={"plan": str(plan.pk)})
    return item


def _fill_target_date(kind: ItemKind[Any], plan: TreatmentPlan, values: dict[str, Any]) -> None:
    """A statement with a deadline and no target date gets the deadline's date, as the
    editor's form does while it is typed (so a save without JavaScript, or through the
    API, does not lose it); a date the service would refuse is left out, not raised."""
    if "target_date" not in kind.fields or values.get("target_date"):
        return
    when = target_date_from(str(values.get("statement") or ""), plan)
    if when is None:
        return
    try:
        check_dates({"target_date": when})
    except ValidationError:
        return
    values["target_date"] = when


@transaction.atomic
def plan_item_update(
    *, actor: Actor, item: models.Model, data: Mapping[str, Any], expected_version: int | None
) -> list[str]:
    kind = kind_of(item)
    plan = plan_of(item)
    _require_editable(plan)
    values = _clean_item_values(kind, plan, data, getattr(item, "diagnosis_id", None))
    if getattr(item, "target_date", None) is None and "statement" in values:
        _fill_target_date(kind, plan, values)
    for name, value in values.items():
        setattr(item, name, value)
    item.full_clean(exclude=[kind.parent_field])
    changed = versioned_update(item, values, expected_version=expected_version)
    if changed:
        _touch(plan, actor)
        record(
            actor,
            AuditAction.UPDATE,
            client=plan.client,
            obj=item,
            detail={"plan": str(plan.pk), "fields": changed},
        )
    return changed


@transaction.atomic
def plan_item_remove(*, actor: Actor, item: models.Model, expected_version: int | None) -> None:
    """Remove an item and everything under it."""
    plan = plan_of(item)
    _require_editable(plan)
    check_version(item, require_version(expected_version))
    record(actor, AuditAction.DELETE, client=plan.client, obj=item, detail={"plan": str(plan.pk)})
    item.delete()
    _touch(plan, actor)


@transaction.atomic
def plan_item_move(*, actor: Actor, item: models.Model, direction: Literal["up", "down"]) -> bool:
    """Swap an item with its neighbour; False when it is already first or last."""
    kind = kind_of(item)
    plan = plan_of(item)
    _require_editable(plan)
    parent_id = getattr(item, f"{kind.parent_field}_id")
    siblings = list(
        kind.model._default_manager.select_for_update()
        .filter(**{f"{kind.parent_field}_id": parent_id})
        .order_by("position", "id")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            kind.model._default_manager.filter(pk=sibling.pk).update(position=position)
    _touch(plan, actor)
    record(
        actor,
        AuditAction.UPDATE,
        client=plan.client,
        obj=item,
        detail={"plan": str(plan.pk), "moved": direction},
    )
    return True


def item_kind(name: str) -> ItemKind[Any]:
    return ITEM_KINDS[name]


TARGET_FIELDS = ("instrument_id", "subscale", "kind", "value", "deadline", "baseline")


def _target_values(
    plan: TreatmentPlan,
    data: Mapping[str, Any],
    current: MeasureTarget | None = None,
    *,
    actor: Actor,
) -> dict[str, Any]:
    values = {name: data[name] for name in TARGET_FIELDS if name in data}
    check_dates(values)
    merged = {n: getattr(current, n) for n in TARGET_FIELDS} if current else {}
    merged.update(values)
    if merged.get("kind") not in (
        "at_or_below",
        "at_or_above",
        "down_by_points",
        "down_by_percent",
    ):
        merged["value"] = values["value"] = None
    instrument = validate_target(plan.client.practice_id, merged)
    values["instrument_id"] = instrument.id
    baseline = merged.get("baseline")
    if baseline is not None:
        _check_baseline(plan, baseline, instrument.id, str(merged.get("subscale") or ""))
    if "baseline" in values:
        if baseline is None:
            values["baseline_chosen_by"] = None
        elif current is None or current.baseline_id != baseline.pk:
            values["baseline_chosen_by"] = actor.user
    return values


def _check_baseline(
    plan: TreatmentPlan, baseline: Administration, instrument_id: str, subscale: str
) -> None:
    """A chosen baseline is one of this client's valid scores on the target's measure."""
    problem = ""
    if baseline.client_id != plan.client_id:
        problem = "That score is another client's."
    elif baseline.instrument_id != instrument_id:
        problem = f"That is a {baseline.instrument_id} score; the target is on the {instrument_id}."
    elif baseline.voided_at is not None:
        problem = "That score was marked entered in error."
    elif baseline.total is None:
        problem = "That administration was not scored."
    elif subscale and baseline.subscales.get(subscale) is None:
        problem = f"That score has no {subscale} subscale score."
    if problem:
        raise ValidationError(
            {
                "baseline": f"{problem} Choose one of this client's {instrument_id} scores "
                "as the baseline, or leave it to the rule."
            }
        )


@transaction.atomic
def target_add(*, actor: Actor, owner: Goal | Objective, data: Mapping[str, Any]) -> MeasureTarget:
    """Link a goal or objective to a measure; its status will follow the client's scores."""
    plan = plan_of(owner)
    _require_editable(plan)
    values = _target_values(plan, data, actor=actor)
    field = "goal" if isinstance(owner, Goal) else "objective"
    target = MeasureTarget.objects.create(**{field: owner}, **values)
    record(
        actor,
        AuditAction.CREATE,
        client=plan.client,
        obj=target,
        detail={"plan": str(plan.pk), field: str(owner.pk), "instrument": target.instrument_id},
    )
    _touch(plan, actor)
    return target


@transaction.atomic
def target_update(
    *, actor: Actor, target: MeasureTarget, data: Mapping[str, Any], expected_version: int | None
) -> list[str]:
    plan = plan_of(target.owner)
    _require_editable(plan)
    values = _target_values(plan, data, target, actor=actor)
    changed = versioned_update(target, values, expected_version=expected_version)
    if changed:
        detail: dict[str, Any] = {"plan": str(plan.pk), "fields": changed}
        if "baseline" in changed:
            detail["baseline"] = str(target.baseline_id) if target.baseline_id else "the rule"
        record(actor, AuditAction.UPDATE, client=plan.client, obj=target, detail=detail)
        _touch(plan, actor)
    return changed


@transaction.atomic
def target_remove(*, actor: Actor, target: MeasureTarget, expected_version: int | None) -> None:
    plan = plan_of(target.owner)
    _require_editable(plan)
    check_version(target, require_version(expected_version))
    record(actor, AuditAction.DELETE, client=plan.client, obj=target, detail={"plan": str(plan.pk)})
    target.delete()
    _touch(plan, actor)
