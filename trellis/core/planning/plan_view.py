"""A treatment plan as plain values: what the quality checks read.

The plans app builds these from its models (ids as strings), so the checks run without a
database. Fields are keyword-only so that a view cannot be built with two of them swapped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .targets import TargetSpec

# Objective statuses after which nothing more is expected of the objective.
CLOSED_OBJECTIVE_STATUSES = frozenset({"met", "discontinued"})


@dataclass(frozen=True, slots=True, kw_only=True)
class DiagnosisView:
    """A client's diagnosis; ``status`` is active, rule_out (provisional), resolved or
    ruled_out (excluded)."""

    code: str
    description: str
    status: str
    id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectiveView:
    """A short-term step; ``status`` as in the plans app (not_started ... met, discontinued)."""

    id: str
    statement: str
    target_date: date | None = None
    status: str = "not_started"
    intervention_count: int = 0
    target: TargetSpec | None = None
    baseline_known: bool = False

    @property
    def is_open(self) -> bool:
        """Still being worked on: neither met nor discontinued."""
        return self.status not in CLOSED_OBJECTIVE_STATUSES


@dataclass(frozen=True, slots=True, kw_only=True)
class GoalView:
    """A long-term goal and its objectives; ``status`` as an objective's."""

    id: str
    statement: str
    target_date: date | None = None
    status: str = "not_started"
    target: TargetSpec | None = None
    baseline_known: bool = False
    objectives: Sequence[ObjectiveView] = ()

    @property
    def is_active(self) -> bool:
        """Being worked on: not itself met or discontinued, and with no objectives yet or at
        least one still open."""
        if self.status in CLOSED_OBJECTIVE_STATUSES:
            return False
        return not self.objectives or any(item.is_open for item in self.objectives)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProblemView:
    """A problem on the plan, with the diagnosis it addresses if any."""

    id: str
    title: str
    diagnosis_id: str | None = None
    goals: Sequence[GoalView] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanView:
    """The parts of a plan the quality checks look at; ``status`` draft/active/..."""

    status: str
    start_date: date
    review_date: date | None
    strengths: str
    has_safety_plan: bool
    risk_flagged: bool
    # The intake risk screening's level (``intake_risk.intake_risk``): "current" asks for a
    # safety plan as a risk flag does.
    intake_risk: str = "not_screened"
    # Means safety not yet asked: "firearms", "medication" (empty when both were asked).
    means_not_asked: Sequence[str] = ()
    diagnoses: Sequence[DiagnosisView] = ()
    problems: Sequence[ProblemView] = ()

    def goals(self) -> list[GoalView]:
        """Every goal, problem by problem, in plan order."""
        return [goal for problem in self.problems for goal in problem.goals]

    def objectives(self) -> list[ObjectiveView]:
        """Every objective, goal by goal, in plan order."""
        return [item for goal in self.goals() for item in goal.objectives]
