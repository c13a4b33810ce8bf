"""What a review looks at: the scores, goal and target statuses, objectives and session notes
since the previous review, kept as a snapshot so the record reads the same later whatever is
added or voided afterwards. The snapshot keeps dates as ISO strings (it is stored and sent
by the API); only ``evidence_summary``, text a clinician reads and edits, writes them in
the practice's date style.

Progress notes come through the source the progress app registers
(``register_notes_source``): plans sit below progress. Without one the evidence has no notes
(``"notes": null``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from django.utils import timezone

from trellis.accounts.dates import format_dates_in, format_day
from trellis.core.planning import Score
from trellis.measures.models import Administration
from trellis.plans.models import PlanReview, TreatmentPlan, objective_overdue
from trellis.plans.reviews.selectors import LOOK_UP, last_review
from trellis.plans.selectors import attach_target_views
from trellis.plans.targets import TargetView


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


def _ratings_by_goal(notes: list[dict[str, Any]] | None) -> dict[str, list[dict[str, Any]]]:
    """The notes' per-goal progress ratings, oldest first, keyed by the goal's lineage."""
    found: dict[str, list[dict[str, Any]]] = {}
    for note in notes or []:
        for rating in note.get("ratings") or []:
            found.setdefault(rating["goal_lineage"], []).append(
                {"on": note["session_date"], **{k: rating[k] for k in ("rating", "label")}}
            )
    return found


def _goals(
    plan: TreatmentPlan, ratings: dict[str, list[dict[str, Any]]], today: date
) -> list[dict[str, Any]]:
    """Goals and objectives (with target date and status, overdue or not on ``today``, by the
    same rule for both) and target statuses, from a plan with target views attached, with
    each goal's progress ratings from the session notes."""
    return [
        {
            "problem": problem.title,
            "statement": goal.statement,
            "lineage": str(goal.lineage),
            "status": goal.status,
            "status_label": goal.get_status_display(),
            "target_date": goal.target_date.isoformat() if goal.target_date else None,
            "overdue": objective_overdue(goal.target_date, goal.status, today),
            "ratings": ratings.get(str(goal.lineage), []),
            "targets": [_target(v) for v in goal.target_views],
            "objectives": [
                {
                    "statement": o.statement,
                    "lineage": str(o.lineage),
                    "status": o.status,
                    "status_label": o.get_status_display(),
                    "target_date": o.target_date.isoformat() if o.target_date else None,
                    "overdue": objective_overdue(o.target_date, o.status, today),
                    "targets": [_target(v) for v in o.target_views],
                }
                for o in goal.objectives.all()
            ],
        }
        for problem in plan.problems.all()
        for goal in problem.goals.all()
    ]


def _scores(client_id: UUID, since: date, seen: set[str]) -> list[dict[str, Any]]:
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
            # Entered as a historical total, without answers: no critical item was checked.
            "total_only": a.total_only,
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


NotesSource = Callable[[UUID, date], list[dict[str, Any]]]


_notes_source: NotesSource | None = None


def register_notes_source(source: NotesSource | None) -> None:
    """The progress app hands over how to list a client's session notes since a day
    (``ProgressConfig.ready``); plans sit below progress and cannot ask for them."""
    global _notes_source
    _notes_source = source


def _notes(client_id: UUID, since: date, seen: set[str]) -> list[dict[str, Any]] | None:
    """Notes since the day, minus those an earlier review already counted; None without a
    notes source (the evidence then says nothing about sessions)."""
    if _notes_source is None:
        return None
    return [note for note in _notes_source(client_id, since) if note["id"] not in seen]


def review_evidence(plan: TreatmentPlan, previous: PlanReview | None = LOOK_UP) -> dict[str, Any]:
    """What a review looks at, since the previous review (or the plan's start): scores,
    goal and target statuses, objectives, and session notes. ``plan`` is fetched with its
    tree (``plan_with_tree``/``plan_tree``); a few more queries, whatever its size."""
    if previous is LOOK_UP:
        previous = last_review(plan)
    since = previous.reviewed_on if previous else plan.start_date
    before = previous.evidence if previous else {}
    seen_scores = {s["id"] for s in before.get("scores") or []}
    seen_notes = {n["id"] for n in before.get("notes") or []}
    attach_target_views(plan)
    scores = _scores(plan.client_id, since, seen_scores)
    notes = _notes(plan.client_id, since, seen_notes)
    return {
        "since": since.isoformat(),
        "previous_review": str(previous.pk) if previous else None,
        "plan_version": plan.version_number,
        "scores": scores,
        "instruments": _instrument_summary(scores),
        "goals": _goals(plan, _ratings_by_goal(notes), timezone.localdate()),
        "notes": notes,
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
    lines = [f"Since {format_day(evidence['since'])}:"]
    for s in evidence.get("instruments") or []:
        first, last = s["first"], s["last"]
        lines.append(
            f"- {s['instrument']}: {first['total']:g} ({first['severity'] or 'no band'}) on "
            f"{format_day(first['on'])} to {last['total']:g} ({last['severity'] or 'no band'}) "
            f"on {format_day(last['on'])}, {s['count']} score{'' if s['count'] == 1 else 's'}."
        )
    historical = [s for s in evidence.get("scores") or [] if s.get("total_only")]
    if historical:
        days = ", ".join(f"{s['instrument']} on {format_day(s['on'])}" for s in historical)
        lines.append(
            f"- Total only (entered without its answers, so no critical item was checked): {days}."
        )
    if not evidence.get("instruments"):
        lines.append("- No scores recorded.")
    for goal in evidence.get("goals") or []:
        if goal.get("status_label"):  # evidence recorded before goals had a status has none
            by = f", target date {format_day(goal['target_date'])}" if goal["target_date"] else ""
            late = ", overdue" if goal.get("overdue") else ""
            lines.append(f"- Goal {clip(goal['statement'], 60)}: {goal['status_label']}{by}{late}.")
        for t in goal["targets"]:
            what = format_dates_in(t["description"])
            lines.append(f"- Goal target {what}: {t['status_label']}.")
        for o in goal["objectives"]:
            statuses = ", ".join(f"{t['status_label']}" for t in o["targets"])
            extra = f"; target {statuses}" if statuses else ""
            statement = clip(o["statement"], 80)
            late = f", overdue since {format_day(o['target_date'])}" if o.get("overdue") else ""
            lines.append(f"- Objective {statement}: {o['status_label']}{late}{extra}.")
        if goal.get("ratings"):
            marks = ", ".join(f"{r['rating']} on {format_day(r['on'])}" for r in goal["ratings"])
            lines.append(f"- Goal {clip(goal['statement'], 60)}: rated {marks} (1-5).")
    notes = evidence.get("notes")
    if notes is not None:
        count = len(notes)
        lines.append(f"- {count or 'No'} session note{'' if count == 1 else 's'}.")
    return "\n".join(lines)
