"""Reading a plan's reviews, scoped to what the user may see, and the default date of the next
one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.lookup import get_or_404
from trellis.plans.models import PlanReview, TreatmentPlan
from trellis.plans.selectors import visible_plans
from trellis.plans.services import default_review_days


def last_review(plan: TreatmentPlan) -> PlanReview | None:
    """The latest review of any version of this plan."""
    return (
        PlanReview.objects.filter(plan__lineage=plan.lineage, plan__client_id=plan.client_id)
        .order_by("-reviewed_on", "-created_at")
        .first()
    )


def reviews_of(plan: TreatmentPlan) -> list[PlanReview]:
    """Every review of every version of this plan, latest first (one query)."""
    return list(
        PlanReview.objects.filter(plan__lineage=plan.lineage, plan__client_id=plan.client_id)
        .select_related("reviewer", "plan", "new_version")
        .order_by("-reviewed_on", "-created_at")
    )


def review_get(actor: Actor, review_id: object) -> PlanReview:
    scoped = PlanReview.objects.filter(plan__in=visible_plans(actor.user)).select_related(
        "plan__client", "reviewer", "new_version"
    )
    review = get_or_404(scoped, review_id)
    record(actor, AuditAction.VIEW, client=review.plan.client, obj=review)
    return review


LOOK_UP: Any = object()  # "find the previous review yourself"


def next_review_default(
    plan: TreatmentPlan, reviewed_on: date, previous: PlanReview | None = LOOK_UP
) -> date:
    """The same interval again: the previous review's, else the plan's own (from its
    template), else the practice's default, else ``PLAN_REVIEW_DEFAULT_DAYS``."""
    if previous is LOOK_UP:
        previous = last_review(plan)
    if previous and previous.next_review_date and previous.next_review_date > previous.reviewed_on:
        days = (previous.next_review_date - previous.reviewed_on).days
    elif plan.review_date and plan.review_date > plan.start_date:
        days = (plan.review_date - plan.start_date).days
    else:
        days = default_review_days(plan.client.practice_id)
    return reviewed_on + timedelta(days=days)
