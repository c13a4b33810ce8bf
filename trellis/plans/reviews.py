"""Reviews of the plan in force: the evidence since the last review, the decision and
what follows from it; and which plans are due for review (for the caseload dashboard).

A review keeps its evidence as a snapshot (scores, goal and target statuses, session
notes), so the record reads the same later whatever is added or voided afterwards.
Progress notes are included through the source the progress app registers
(``register_notes_source``); without one the evidence simply has no notes
(``"notes": null``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.concurrency import versioned_update
from trellis.core.planning import Score
from trellis.lookup import get_or_404
from trellis.measures.models import Administration
from trellis.plans.dates import check_dates
from trellis.plans.models import PlanReview, PlanStatus, ReviewDecision, TreatmentPlan
from trellis.plans.selectors import attach_target_views, visible_plans
from trellis.plans.services import default_review_days, plan_close
from trellis.plans.targets import TargetView
from trellis.plans.versions import plan_revise, plan_tree

DUE_SOON_DAYS = 14
# Decisions after which the plan goes on, so the next review date is set on it.
SCHEDULING = {
    ReviewDecision.CONTINUE,
    ReviewDecision.STEP_UP,
    ReviewDecision.STEP_DOWN,
    ReviewDecision.TRANSFER,
}
NEEDS_NEXT_DATE = {ReviewDecision.CONTINUE, ReviewDecision.REVISE}
NEEDS_WHAT_CHANGED = set(ReviewDecision) - {ReviewDecision.CONTINUE}


# --- Reading reviews --------------------------------------------------------------------


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


_LOOK_UP: Any = object()  # "find the previous review yourself"


def next_review_default(
    plan: TreatmentPlan, reviewed_on: date, previous: PlanReview | None = _LOOK_UP
) -> date:
    """The same interval again: the previous review's, else the plan's own (from its
    template), else the practice's default, else ``PLAN_REVIEW_DEFAULT_DAYS``."""
    if previous is _LOOK_UP:
        previous = last_review(plan)
    if previous and previous.next_review_date and previous.next_review_date > previous.reviewed_on:
        days = (previous.next_review_date - previous.reviewed_on).days
    elif plan.review_date and plan.review_date > plan.start_date:
        days = (plan.review_date - plan.start_date).days
    else:
        days = default_review_days(plan.client.practice_id)
    return reviewed_on + timedelta(days=days)


# --- The evidence -----------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _score(score: Score | None) -> dict[str, Any] | None:
    return None if score is None else {"on": score.on.isoformat(), "value": score.value}


def _target(view: TargetView) -> dict[str, Any]:
    evaluation = view.evaluation
    return {
        "id": str(view.target.pk),
        "instrument": view.target.instrument_id,
        "description": view.description,
        "status": view.status if evaluation else "cannot_be_judged",
        "status_label": view.status_label,
        "reason": view.reason,
        "baseline": _score(evaluation.baseline) if evaluation else None,
        "latest": _score(evaluation.latest) if evaluation else None,
    }


def _goals(plan: TreatmentPlan) -> list[dict[str, Any]]:
    """Goals, objectives and target statuses, from a plan with target views attached."""
    return [
        {
            "problem": problem.title,
            "statement": goal.statement,
            "lineage": str(goal.lineage),
            "targets": [_target(v) for v in goal.target_views],
            "objectives": [
                {
                    "statement": o.statement,
                    "lineage": str(o.lineage),
                    "status": o.status,
                    "status_label": o.get_status_display(),
                    "target_date": o.target_date.isoformat() if o.target_date else None,
                    "targets": [_target(v) for v in o.target_views],
                }
                for o in goal.objectives.all()
            ],
        }
        for problem in plan.problems.all()
        for goal in problem.goals.all()
    ]


def _scores(client_id: object, since: date, seen: set[str]) -> list[dict[str, Any]]:
    administrations = (
        Administration.objects.scored()
        .filter(client_id=client_id, administered_at__gte=_day_start(since))
        .order_by("administered_at", "recorded_at")
    )
    return [
        {
            "id": str(a.pk),
            "instrument": a.instrument_id,
            "on": timezone.localdate(a.administered_at).isoformat(),
            "total": a.total,
            "severity": a.severity,
            "critical": a.is_critical,
        }
        for a in administrations
        if str(a.pk) not in seen
    ]


def _instrument_summary(scores: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """First and last score per instrument in the period."""
    by_instrument: dict[str, list[dict[str, Any]]] = {}
    for score in scores:
        by_instrument.setdefault(score["instrument"], []).append(score)
    return [
        {
            "instrument": name,
            "count": len(found),
            "first": {k: found[0][k] for k in ("on", "total", "severity")},
            "last": {k: found[-1][k] for k in ("on", "total", "severity")},
            "change": found[-1]["total"] - found[0]["total"],
        }
        for name, found in by_instrument.items()
    ]


NotesSource = Callable[[object, date], list[dict[str, Any]]]
_notes_source: NotesSource | None = None


def register_notes_source(source: NotesSource | None) -> None:
    """The progress app hands over how to list a client's session notes since a day
    (``ProgressConfig.ready``); plans sit below progress and cannot ask for them."""
    global _notes_source
    _notes_source = source


def _notes(client_id: object, since: date, seen: set[str]) -> list[dict[str, Any]] | None:
    """Notes since the day, minus those an earlier review already counted; None without a
    notes source (the evidence then says nothing about sessions)."""
    if _notes_source is None:
        return None
    return [note for note in _notes_source(client_id, since) if note["id"] not in seen]


def review_evidence(plan: TreatmentPlan, previous: PlanReview | None = _LOOK_UP) -> dict[str, Any]:
    """What a review looks at, since the previous review (or the plan's start): scores,
    goal and target statuses, objectives, and session notes. ``plan`` is fetched with its
    tree (``plan_with_tree``/``plan_tree``); a few more queries, whatever its size."""
    if previous is _LOOK_UP:
        previous = last_review(plan)
    since = previous.reviewed_on if previous else plan.start_date
    before = previous.evidence if previous else {}
    seen_scores = {s["id"] for s in before.get("scores") or []}
    seen_notes = {n["id"] for n in before.get("notes") or []}
    attach_target_views(plan)
    scores = _scores(plan.client_id, since, seen_scores)
    return {
        "since": since.isoformat(),
        "previous_review": str(previous.pk) if previous else None,
        "plan_version": plan.version_number,
        "scores": scores,
        "instruments": _instrument_summary(scores),
        "goals": _goals(plan),
        "notes": _notes(plan.client_id, since, seen_notes),
    }


def clip(text: str, limit: int) -> str:
    """The text up to ``limit`` characters, cut between words and marked with "…"."""
    text = " ".join(text.split()).rstrip(" .")
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def evidence_summary(evidence: Mapping[str, Any]) -> str:
    """Plain sentences from the evidence, to start the clinician's summary from."""
    lines = [f"Since {evidence['since']}:"]
    for s in evidence.get("instruments") or []:
        first, last = s["first"], s["last"]
        lines.append(
            f"- {s['instrument']}: {first['total']:g} ({first['severity'] or 'no band'}) on "
            f"{first['on']} to {last['total']:g} ({last['severity'] or 'no band'}) on "
            f"{last['on']}, {s['count']} score{'' if s['count'] == 1 else 's'}."
        )
    if not evidence.get("instruments"):
        lines.append("- No scores recorded.")
    for goal in evidence.get("goals") or []:
        for t in goal["targets"]:
            lines.append(f"- Goal target {t['description']}: {t['status_label']}.")
        for o in goal["objectives"]:
            statuses = ", ".join(f"{t['status_label']}" for t in o["targets"])
            extra = f"; target {statuses}" if statuses else ""
            statement = clip(o["statement"], 80)
            lines.append(f"- Objective {statement}: {o['status_label']}{extra}.")
    notes = evidence.get("notes")
    if notes is not None:
        count = len(notes)
        lines.append(f"- {count or 'No'} session note{'' if count == 1 else 's'}.")
    return "\n".join(lines)


# --- Recording a review -----------------------------------------------------------------


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
        next_review_date=None
        if decision == ReviewDecision.DISCHARGE
        else values.get("next_review_date"),
    )
    record(
        actor,
        AuditAction.CREATE,
        client=fresh.client,
        obj=review,
        detail={"plan": str(fresh.pk), "decision": decision},
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


# --- Which plans are due ----------------------------------------------------------------

ReviewState = Literal["missing", "overdue", "due"]


@dataclass(frozen=True)
class ReviewDue:
    """A plan in force whose review is due soon, overdue, or has no date at all."""

    plan: TreatmentPlan
    state: ReviewState
    review_date: date | None
    days: int | None  # until the review date; negative when overdue

    @property
    def reason(self) -> str:
        if self.state == "missing" or self.review_date is None or self.days is None:
            return "No review date is set."
        when = self.review_date.isoformat()
        if self.state == "overdue":
            return f"Review overdue by {-self.days} day{'s' if self.days != -1 else ''} ({when})."
        if self.days == 0:
            return f"Review due today ({when})."
        return f"Review due in {self.days} day{'s' if self.days != 1 else ''} ({when})."


def review_state(
    review_date: date | None, today: date, *, window_days: int = DUE_SOON_DAYS
) -> ReviewState | None:
    """Overdue after the date, due from ``window_days`` before it through the day itself."""
    if review_date is None:
        return "missing"
    if review_date < today:
        return "overdue"
    if review_date <= today + timedelta(days=window_days):
        return "due"
    return None


def review_due(
    plans: Iterable[TreatmentPlan], today: date, *, window_days: int = DUE_SOON_DAYS
) -> list[ReviewDue]:
    """The plans in force that need a review, most urgent first (no queries: pass plans
    already fetched, e.g. filtered with ``review_due_filter``)."""
    found = []
    for plan in plans:
        if plan.status != PlanStatus.ACTIVE:
            continue
        state = review_state(plan.review_date, today, window_days=window_days)
        if state is None:
            continue
        days = (plan.review_date - today).days if plan.review_date else None
        found.append(ReviewDue(plan, state, plan.review_date, days))
    rank = {"missing": 0, "overdue": 1, "due": 2}
    return sorted(found, key=lambda d: (rank[d.state], d.days if d.days is not None else 0))


def review_due_filter(today: date, *, window_days: int = DUE_SOON_DAYS) -> Q:
    """The same test for a queryset of plans, so the database does the filtering."""
    return Q(status=PlanStatus.ACTIVE) & (
        Q(review_date__isnull=True) | Q(review_date__lte=today + timedelta(days=window_days))
    )
