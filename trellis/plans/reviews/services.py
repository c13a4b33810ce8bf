"""Recording a review of the plan in force, and acting on its decision."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.concurrency import versioned_update
from trellis.plans.dates import check_dates
from trellis.plans.models import PlanReview, PlanStatus, ReviewDecision, TreatmentPlan
from trellis.plans.reviews.evidence import review_evidence
from trellis.plans.services import plan_close
from trellis.plans.versions.selectors import plan_tree
from trellis.plans.versions.services import plan_revise

# Decisions after which the plan goes on, so the next review date is set on it.
SCHEDULING = {
    ReviewDecision.CONTINUE,
    ReviewDecision.STEP_UP,
    ReviewDecision.STEP_DOWN,
    ReviewDecision.TRANSFER,
}


NEEDS_NEXT_DATE = {ReviewDecision.CONTINUE, ReviewDecision.REVISE}


NEEDS_WHAT_CHANGED = set(ReviewDecision) - {ReviewDecision.CONTINUE}


def _validate(plan: TreatmentPlan, values: Mapping[str, Any], today: date) -> None:
    decision = values["decision"]
    reviewed_on = values["reviewed_on"]
    next_date = values.get("next_review_date")
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": "Choose a decision."})
    if reviewed_on > today:
        raise ValidationError({"reviewed_on": "A review is recorded on or after the day."})
    if reviewed_on < plan.start_date:
        raise ValidationError({"reviewed_on": "The review cannot come before the plan's start."})
    if decision in NEEDS_NEXT_DATE and not next_date:
        raise ValidationError({"next_review_date": "Set the date of the next review."})
    check_dates({"next_review_date": next_date}, today)
    if next_date and next_date <= reviewed_on:
        raise ValidationError({"next_review_date": "The next review comes after this one."})
    if values.get("client_participated") not in (None, True, False):
        raise ValidationError({"client_participated": "Say whether the client took part."})
    if decision in NEEDS_WHAT_CHANGED and not (values.get("what_changed") or "").strip():
        raise ValidationError({"what_changed": "Say what changes, and why."})


@transaction.atomic
def review_record(*, actor: Actor, plan: TreatmentPlan, data: Mapping[str, Any]) -> PlanReview:
    """Record a review of the plan in force with its evidence, then act on the decision:
    continue (and step up/down, transfer) sets the next review date, revise makes a new
    draft version, discharge closes the plan."""
    plan.check_signed(lock=True)  # holds the row: one review at a time
    fresh = plan_tree(plan)
    if fresh.status != PlanStatus.ACTIVE:
        raise ValidationError("Only the plan in force is reviewed.")
    today = timezone.localdate()
    values = {"reviewed_on": today, **{k: v for k, v in data.items() if v is not None}}
    _validate(fresh, values, today)
    decision = values["decision"]
    review = PlanReview.objects.create(
        plan=fresh,
        reviewed_on=values["reviewed_on"],
        reviewer=actor.user,
        evidence=review_evidence(fresh),
        summary=values.get("summary", ""),
        decision=decision,
        what_changed=values.get("what_changed", ""),
        client_participated=values.get("client_participated"),
        next_review_date=None
        if decision == ReviewDecision.DISCHARGE
        else values.get("next_review_date"),
    )
    record(
        actor,
        AuditAction.CREATE,
        client=fresh.client,
        obj=review,
        detail={
            "plan": str(fresh.pk),
            "decision": decision,
            "client_participated": review.client_participated,
        },
    )
    _act_on(actor, fresh, review)
    return review


def _act_on(actor: Actor, plan: TreatmentPlan, review: PlanReview) -> None:
    if review.decision == ReviewDecision.DISCHARGE:
        plan_close(actor=actor, plan=plan, expected_version=plan.version)
    elif review.decision == ReviewDecision.REVISE:
        review.new_version = plan_revise(
            actor=actor, plan=plan, review_date=review.next_review_date
        )
        PlanReview.objects.filter(pk=review.pk).update(new_version=review.new_version)
    elif review.decision in SCHEDULING and review.next_review_date:
        changed = versioned_update(
            plan, {"review_date": review.next_review_date}, expected_version=plan.version
        )
        if changed:
            record(
                actor,
                AuditAction.UPDATE,
                client=plan.client,
                obj=plan,
                detail={"fields": changed, "review": str(review.pk)},
            )
