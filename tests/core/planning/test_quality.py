"""Plan quality checks: one test per check at its boundary, and a clean plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from trellis.core.planning.plan_view import (
    DiagnosisView,
    GoalView,
    ObjectiveView,
    PlanView,
    ProblemView,
)
from trellis.core.planning.quality import Finding, check_plan
from trellis.core.planning.targets import TargetSpec

TODAY = date(2025, 3, 3)
GAD7_TARGET = TargetSpec("GAD-7", None, "down_by_percent", 60, date(2025, 6, 2))


def objective(n: int = 1, **changes: object) -> ObjectiveView:
    item = ObjectiveView(
        id=f"o{n}",
        statement="Practise the worry-postponement skill five days a week",
        target_date=TODAY + timedelta(weeks=6),
        status="in_progress",
        intervention_count=1,
    )
    return replace(item, **changes)  # type: ignore[arg-type]


def goal(n: int = 1, **changes: object) -> GoalView:
    item = GoalView(
        id=f"g{n}",
        statement="Worry less and sleep through the night",
        target=GAD7_TARGET,
        baseline_known=True,
        objectives=(objective(n),),
    )
    return replace(item, **changes)  # type: ignore[arg-type]


def plan(*goals: GoalView, **changes: object) -> PlanView:
    clean = PlanView(
        status="active",
        start_date=date(2025, 1, 6),
        review_date=TODAY + timedelta(days=60),
        strengths="Curious, keeps a journal, supportive sister.",
        has_safety_plan=False,
        risk_flagged=False,
        diagnoses=(
            DiagnosisView(
                code="F41.1", description="Generalized anxiety disorder", status="active", id="d1"
            ),
            DiagnosisView(
                code="F32.0",
                description="Major depressive disorder, single episode, mild",
                status="resolved",
                id="d2",
            ),
        ),
        problems=(
            ProblemView(
                id="p1", title="Excessive worry", diagnosis_id="d1", goals=goals or (goal(),)
            ),
        ),
    )
    return replace(clean, **changes)  # type: ignore[arg-type]


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def test_a_clean_plan_has_no_findings() -> None:
    assert check_plan(plan(), today=TODAY) == []


def test_a_plan_with_no_problems_is_an_error() -> None:
    findings = check_plan(plan(problems=(), diagnoses=()), today=TODAY)
    assert findings == [
        Finding(
            "no_problems",
            "error",
            "The plan has no problems yet: add the problem treatment will address.",
        )
    ]


def test_no_review_date_is_an_error() -> None:
    [finding] = check_plan(plan(review_date=None), today=TODAY)
    assert (finding.code, finding.severity) == ("no_review_date", "error")
    assert "every 90 days" in finding.message


def test_a_review_date_is_overdue_the_day_after_not_on_the_day() -> None:
    assert check_plan(plan(review_date=TODAY), today=TODAY) == []
    [finding] = check_plan(plan(review_date=TODAY - timedelta(days=1)), today=TODAY)
    assert (finding.code, finding.severity) == ("review_overdue", "warning")
    assert finding.message == (
        "The plan review was due on 2025-03-02 (1 day ago): review the plan with the client."
    )


def test_a_closed_plan_is_not_overdue() -> None:
    closed = plan(status="closed", review_date=TODAY - timedelta(days=30))
    assert check_plan(closed, today=TODAY) == []


def test_strengths_not_recorded_is_a_note() -> None:
    [finding] = check_plan(plan(strengths="  \n"), today=TODAY)
    assert (finding.code, finding.severity) == ("strengths_missing", "info")


def test_a_risk_flag_without_a_safety_plan_is_an_error() -> None:
    assert check_plan(plan(risk_flagged=True, has_safety_plan=True), today=TODAY) == []
    [finding] = check_plan(plan(risk_flagged=True), today=TODAY)
    assert (finding.code, finding.severity) == ("risk_without_safety_plan", "error")


def test_more_than_five_active_goals_is_a_warning() -> None:
    five = [goal(n) for n in range(1, 6)]
    assert check_plan(plan(*five), today=TODAY) == []
    [finding] = check_plan(plan(*five, goal(6)), today=TODAY)
    assert (finding.code, finding.severity) == ("too_many_goals", "warning")
    assert finding.message.startswith("6 goals are active at once (more than 5)")


def test_goals_whose_objectives_are_all_done_are_not_active() -> None:
    done = goal(6, objectives=(objective(6, status="met"), objective(7, status="discontinued")))
    assert check_plan(plan(*[goal(n) for n in range(1, 6)], done), today=TODAY) == []


def test_the_goal_limit_is_a_parameter() -> None:
    three = plan(goal(1), goal(2), goal(3))
    assert codes(check_plan(three, today=TODAY, max_active_goals=2)) == ["too_many_goals"]
    assert check_plan(three, today=TODAY, max_active_goals=3) == []
    with pytest.raises(ValueError, match="at least 1"):
        check_plan(three, today=TODAY, max_active_goals=0)


def test_a_goal_without_objectives_is_an_error() -> None:
    sleep = goal(1, statement="Sleep through the night", objectives=())
    [finding] = check_plan(plan(sleep), today=TODAY)
    assert finding == Finding(
        "goal_without_objectives",
        "error",
        "Goal 'Sleep through the night' has no objectives yet: add at least one measurable step.",
        "goal",
        "g1",
    )


def test_an_objective_without_an_intervention_is_a_warning() -> None:
    bare = goal(1, objectives=(objective(1, intervention_count=0),))
    [finding] = check_plan(plan(bare), today=TODAY)
    assert (finding.code, finding.severity) == ("objective_without_intervention", "warning")
    assert (finding.item_kind, finding.item_id) == ("objective", "o1")


def test_an_objective_without_a_target_date_is_a_warning() -> None:
    undated = goal(1, objectives=(objective(1, target_date=None), objective(2)))
    [finding] = check_plan(plan(undated), today=TODAY)
    assert (finding.code, finding.severity) == ("objective_without_target_date", "warning")
    assert finding.message.startswith("Objective 'Practise the worry-postponement skill five")


def test_a_finished_objective_needs_no_intervention_or_date() -> None:
    met = objective(2, status="met", intervention_count=0, target_date=None)
    assert check_plan(plan(goal(1, objectives=(objective(1), met))), today=TODAY) == []


def test_a_measurable_target_with_no_baseline_is_a_warning() -> None:
    [finding] = check_plan(plan(goal(1, baseline_known=False)), today=TODAY)
    assert (finding.code, finding.severity) == ("target_without_baseline", "warning")
    assert (finding.item_kind, finding.item_id) == ("goal", "g1")
    assert "give the GAD-7 now" in finding.message
    unmeasured = goal(1, target=None, baseline_known=False)
    assert check_plan(plan(unmeasured), today=TODAY) == []


def test_an_objective_target_with_no_baseline_is_a_warning() -> None:
    measured = objective(1, target=GAD7_TARGET, baseline_known=False)
    [finding] = check_plan(plan(goal(1, objectives=(measured,))), today=TODAY)
    assert (finding.code, finding.item_kind) == ("target_without_baseline", "objective")


def test_an_active_diagnosis_no_problem_addresses_is_a_warning() -> None:
    unlinked = plan(
        problems=(ProblemView(id="p1", title="Excessive worry", goals=(goal(),)),),
    )
    [finding] = check_plan(unlinked, today=TODAY)
    assert finding == Finding(
        "diagnosis_unaddressed",
        "warning",
        "Diagnosis F41.1 Generalized anxiety disorder is not addressed by any problem: add a"
        " problem for it or update the diagnosis status.",
        "diagnosis",
        "d1",
    )  # the resolved F32.0 needs no problem


def test_every_open_objective_past_due_is_a_warning() -> None:
    def dated(n: int, days: int, **changes: object) -> ObjectiveView:
        return objective(n, target_date=TODAY + timedelta(days=days), **changes)

    on_the_day = goal(1, objectives=(dated(1, -10), dated(2, 0)))
    assert check_plan(plan(on_the_day), today=TODAY) == []
    overdue = goal(1, objectives=(dated(1, -10), dated(2, -1), dated(3, -30, status="met")))
    [finding] = check_plan(plan(overdue), today=TODAY)
    assert (finding.code, finding.severity) == ("objectives_all_past_due", "warning")
    assert finding.message.startswith("All 2 open objectives are past the target date")


def test_findings_come_errors_first_then_warnings_then_notes() -> None:
    messy = plan(
        goal(1, objectives=()),
        goal(2, objectives=(objective(2, intervention_count=0),)),
        strengths="",
        review_date=None,
        risk_flagged=True,
    )
    findings = check_plan(messy, today=TODAY)
    assert codes(findings) == [
        "no_review_date",
        "risk_without_safety_plan",
        "goal_without_objectives",
        "objective_without_intervention",
        "strengths_missing",
    ]
    assert [f.severity for f in findings] == ["error", "error", "error", "warning", "info"]
    assert findings[2].as_dict()["item_id"] == "g1"


def test_long_statements_are_shortened_in_messages() -> None:
    wordy = goal(1, statement="Client will " + "steadily " * 20 + "improve", objectives=())
    [finding] = check_plan(plan(wordy), today=TODAY)
    quoted = finding.message.split("'")[1]
    assert len(quoted) <= 60
    assert quoted.endswith("\u2026")


def test_risk_with_means_safety_not_asked_is_a_warning() -> None:
    asked = plan(risk_flagged=True, has_safety_plan=True)
    assert check_plan(asked, today=TODAY) == []
    [finding] = check_plan(
        plan(risk_flagged=True, has_safety_plan=True, means_not_asked=("firearms",)),
        today=TODAY,
    )
    assert (finding.code, finding.severity) == ("means_not_asked", "warning")
    assert "access to firearms has not been asked" in finding.message
    assert check_plan(plan(means_not_asked=("firearms", "medication")), today=TODAY) == []
