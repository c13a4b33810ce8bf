"""Plan quality checks: what a careful supervisor would point out in a treatment plan.

``check_plan`` returns findings in a stable order: errors, then warnings, then notes
(info); within a severity, plan-level findings first, then goals and objectives in plan
order. Each finding names the item it is about so the plan page can show it there.

Codes, by severity:

- error: ``no_problems``, ``no_review_date``, ``risk_without_safety_plan``,
  ``goal_without_objectives``;
- warning: ``review_overdue``, ``too_many_goals``, ``objectives_all_past_due``,
  ``diagnosis_unaddressed``, ``objective_without_intervention``,
  ``objective_without_target_date``, ``target_without_baseline``,
  ``goal_date_before_objective``, ``means_not_asked``;
- info: ``strengths_missing``.

Only objectives still open (not met, not discontinued) are checked for an intervention,
a target date and a baseline: a finished step needs nothing more. Only draft and active
plans are checked against the calendar: a superseded or closed plan is a record, and
nothing in it is overdue.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .intake_risk import calls_for_safety_plan
from .plan_view import GoalView, ObjectiveView, PlanView
from .targets import TargetSpec

Severity = Literal["error", "warning", "info"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_CURRENT_PLAN_STATUSES = frozenset({"draft", "active"})

# Focus: no regulation sets a number of goals, but treatment-planning guidance asks for
# "only a manageable number of goals that are prioritized based on the client's needs at
# the time. As one gets accomplished, additional goals get added." (Minnesota DHS, Adult
# Mental Health treatment planning course, module 8). Each goal brings objectives,
# interventions and measures of its own, so past a handful sessions spread too thin to
# move any of them. Five is this project's default; a practice can pass its own limit.
DEFAULT_MAX_ACTIVE_GOALS = 5
_QUOTE_LENGTH = 60


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix or consider in a plan, and where it is."""

    code: str
    severity: Severity
    message: str
    item_kind: str | None = None  # "goal", "objective", "diagnosis"; None for the plan
    item_id: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "item_kind": self.item_kind,
            "item_id": self.item_id,
        }


def check_plan(
    plan: PlanView, *, today: date, max_active_goals: int = DEFAULT_MAX_ACTIVE_GOALS
) -> list[Finding]:
    """Every finding for ``plan`` as of ``today``, errors first (see the module docstring)."""
    if max_active_goals < 1:
        raise ValueError(f"The goal limit must be at least 1, not {max_active_goals}.")
    findings = [
        *_plan_findings(plan, today, max_active_goals),
        *_item_findings(plan),
        *_strengths(plan),
    ]
    return sorted(findings, key=lambda finding: _SEVERITY_ORDER[finding.severity])


def _plan_findings(plan: PlanView, today: date, max_active_goals: int) -> Iterator[Finding]:
    if not plan.problems:
        yield Finding(
            "no_problems",
            "error",
            "The plan has no problems yet: add the problem treatment will address.",
        )
    yield from _review_date(plan, today)
    at_intake = calls_for_safety_plan(plan.intake_risk)
    if (plan.risk_flagged or at_intake) and not plan.has_safety_plan:
        yield _no_safety_plan(plan.risk_flagged)
    if (plan.risk_flagged or at_intake) and plan.means_not_asked:
        # Counselling on access to lethal means lowers suicide risk (Stanley & Brown 2012,
        # step 6 of the Safety Planning Intervention; Barber & Miller 2014).
        yield Finding(
            "means_not_asked",
            "warning",
            f"Risk is flagged and access to {' and '.join(plan.means_not_asked)} has not been"
            " asked: ask, and record the plan in the safety plan's means-safety section.",
        )
    yield from _too_many_goals(plan, max_active_goals)
    if plan.status in _CURRENT_PLAN_STATUSES:
        yield from _objectives_all_past_due(plan, today)
    yield from _unaddressed_diagnoses(plan)


def _no_safety_plan(flagged: bool) -> Finding:
    """Risk flagged (a risk diagnosis, a critical answer), else reported at intake."""
    why = (
        "Risk is flagged"
        if flagged
        else "The intake screening recorded current ideation or self-harm in the last 12 months"
    )
    return Finding(
        "risk_without_safety_plan",
        "error",
        f"{why} but there is no safety plan: write one with the client now.",
    )


def _review_date(plan: PlanView, today: date) -> Iterator[Finding]:
    if plan.review_date is None:
        yield Finding(
            "no_review_date",
            "error",
            "The plan has no review date: set one (every 90 days unless the template says"
            " otherwise).",
        )
    elif plan.status in _CURRENT_PLAN_STATUSES and plan.review_date < today:
        days = (today - plan.review_date).days
        yield Finding(
            "review_overdue",
            "warning",
            f"The plan review was due on {plan.review_date.isoformat()} ({_count(days, 'day')}"
            " ago): review the plan with the client.",
        )


def _too_many_goals(plan: PlanView, limit: int) -> Iterator[Finding]:
    active = sum(1 for goal in plan.goals() if goal.is_active)
    if active > limit:
        yield Finding(
            "too_many_goals",
            "warning",
            f"{active} goals are active at once (more than {limit}): focus on the few that"
            " matter most now and hold the rest for later.",
        )


def _objectives_all_past_due(plan: PlanView, today: date) -> Iterator[Finding]:
    """Every open objective's target date has passed: the plan has outrun its steps."""
    open_items = [item for item in plan.objectives() if item.is_open]
    if open_items and all(_past_due(item, today) for item in open_items):
        which = (
            "The only open objective is"
            if len(open_items) == 1
            else f"All {len(open_items)} open objectives are"
        )
        yield Finding(
            "objectives_all_past_due",
            "warning",
            f"{which} past the target date: review progress with the client and revise"
            " the objectives.",
        )


def _past_due(item: ObjectiveView, today: date) -> bool:
    return item.target_date is not None and item.target_date < today


def _unaddressed_diagnoses(plan: PlanView) -> Iterator[Finding]:
    addressed = {problem.diagnosis_id for problem in plan.problems}
    for diagnosis in plan.diagnoses:
        if diagnosis.status == "active" and diagnosis.id not in addressed:
            yield Finding(
                "diagnosis_unaddressed",
                "warning",
                f"Diagnosis {diagnosis.code} {diagnosis.description} is not addressed by any"
                " problem: add a problem for it or update the diagnosis status.",
                "diagnosis",
                diagnosis.id,
            )


def _item_findings(plan: PlanView) -> Iterator[Finding]:
    for goal in plan.goals():
        yield from _goal_findings(goal)
        for item in goal.objectives:
            if item.is_open:
                yield from _objective_findings(item)


def _goal_findings(goal: GoalView) -> Iterator[Finding]:
    name = f"Goal {_quote(goal.statement)}"
    if not goal.objectives:
        yield Finding(
            "goal_without_objectives",
            "error",
            f"{name} has no objectives yet: add at least one measurable step.",
            "goal",
            goal.id,
        )
    if goal.target is not None and not goal.baseline_known:
        yield _no_baseline(name, goal.target, "goal", goal.id)
    later = [o.target_date for o in goal.objectives if o.is_open and o.target_date]
    if goal.target_date is not None and later and max(later) > goal.target_date:
        yield Finding(
            "goal_date_before_objective",
            "warning",
            f"{name} is due {goal.target_date.isoformat()}, before its last objective"
            f" ({max(later).isoformat()}): move the goal's date or the objective's.",
            "goal",
            goal.id,
        )


def _objective_findings(item: ObjectiveView) -> Iterator[Finding]:
    name = f"Objective {_quote(item.statement)}"
    if item.intervention_count == 0:
        yield Finding(
            "objective_without_intervention",
            "warning",
            f"{name} has no intervention: add what you will do in session to get there.",
            "objective",
            item.id,
        )
    if item.target_date is None:
        yield Finding(
            "objective_without_target_date",
            "warning",
            f"{name} has no target date: add when it should be reached.",
            "objective",
            item.id,
        )
    if item.target is not None and not item.baseline_known:
        yield _no_baseline(name, item.target, "objective", item.id)


def _no_baseline(name: str, target: TargetSpec, kind: str, item_id: str) -> Finding:
    return Finding(
        "target_without_baseline",
        "warning",
        f"{name} is measured with the {target.label} but has no baseline score: give the"
        f" {target.instrument} now so progress can be measured from it.",
        kind,
        item_id,
    )


def _strengths(plan: PlanView) -> Iterator[Finding]:
    if not plan.strengths.strip():
        yield Finding(
            "strengths_missing",
            "info",
            "No strengths recorded: note what the client brings, so the plan can build on it.",
        )


def _quote(statement: str) -> str:
    text = " ".join(statement.split())
    if len(text) > _QUOTE_LENGTH:
        text = text[: _QUOTE_LENGTH - 1].rstrip() + "\u2026"
    return f"'{text}'"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
