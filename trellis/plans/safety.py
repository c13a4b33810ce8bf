"""The crisis and safety plan: what is offered while writing it, when it was last gone
through with the client, and which plan's safety plan is the client's current one."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import EmergencyContact
from trellis.plans.models import PlanStatus, SafetyPlanReview, TreatmentPlan

# Offered in an empty "crisis lines" field (U.S.): the national line since 16 July 2022,
# by call, text or chat (988lifeline.org, SAMHSA).
CRISIS_LINE_988 = (
    "988 Suicide & Crisis Lifeline (U.S.): call or text 988, or chat at 988lifeline.org"
    " — any time, day or night."
)
# The fields whose content makes a safety plan worth showing on its own.
SAFETY_CONTENT = (
    "warning_signs",
    "coping_strategies",
    "support_contacts",
    "professional_contacts",
    "crisis_lines",
    "firearms_plan",
    "medication_plan",
    "environment_safety",
)


def contact_line(contact: EmergencyContact) -> str:
    """One line for "people I can ask for help": name (relationship): phone."""
    who = f"{contact.name} ({contact.relationship})" if contact.relationship else contact.name
    return f"{who}: {contact.phone}" if contact.phone else who


def has_content(plan: TreatmentPlan) -> bool:
    return any(str(getattr(plan, name)).strip() for name in SAFETY_CONTENT)


def current_safety_plan(plans: Sequence[TreatmentPlan]) -> TreatmentPlan | None:
    """The plan in force if its safety plan has content, else the newest plan whose safety
    plan has (a closed plan's safety plan still guides the client until a new one is made)."""
    active = [p for p in plans if p.status == PlanStatus.ACTIVE and has_content(p)]
    if active:
        return active[0]
    written = [p for p in plans if has_content(p)]
    return max(written, key=lambda p: (p.updated_at, p.created_at), default=None)


def last_review(plan: TreatmentPlan) -> SafetyPlanReview | None:
    return plan.safety_reviews.select_related("reviewed_by").first()


@transaction.atomic
def safety_plan_reviewed(*, actor: Actor, plan: TreatmentPlan) -> SafetyPlanReview:
    """Record that the clinician went through the safety plan with the client today. Allowed
    on a signed plan too: the review is its own record and changes nothing signed."""
    if plan.status not in {PlanStatus.DRAFT, PlanStatus.ACTIVE}:
        raise ValidationError(
            f"This plan is {plan.get_status_display().lower()}: review the safety plan of the "
            "plan in force instead."
        )
    if not has_content(plan):
        raise ValidationError("The safety plan is empty: write it with the client first.")
    review = SafetyPlanReview.objects.create(
        plan=plan, reviewed_on=timezone.localdate(), reviewed_by=actor.user
    )
    record(
        actor,
        AuditAction.CREATE,
        client=plan.client,
        obj=review,
        detail={"plan": str(plan.pk), "reviewed_on": review.reviewed_on.isoformat()},
    )
    return review
