"""A goal has a target date and a status, like an objective: form, service, API, page,
print view, plan check, compare and signed content."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.api.helpers import Api
from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor
from trellis.core.planning import GoalView, ObjectiveView, PlanView, ProblemView, check_plan
from trellis.plans import services
from trellis.plans.items import GOAL
from trellis.plans.models import Goal
from trellis.plans.signing.content import plan_content
from trellis.plans.versions.compare import compare_versions
from trellis.plans.versions.selectors import plan_tree
from trellis.plans.versions.services import plan_revise

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def test_the_editor_saves_a_goals_date_and_status_and_shows_them(signed_in, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    due = cast.plan.start_date + timedelta(weeks=20)
    response = signed_in.post(
        reverse("plans:item_edit", args=["goal", goal.pk]),
        {
            "statement": goal.statement,
            "target_date": due.isoformat(),
            "status": "in_progress",
            "version": goal.version,
        },
        **HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Target date: {due.isoformat()} · In progress" in body
    goal.refresh_from_db()
    assert (goal.target_date, goal.status) == (due, "in_progress")


def test_a_goal_added_without_a_status_starts_not_started_and_keeps_it_on_edit(cast) -> None:
    problem = Goal.objects.get(problem__plan=cast.plan).problem
    who = actor(cast.clinician)
    goal = services.plan_item_add(
        actor=who, kind=GOAL, parent=problem, data={"statement": "Back at work", "status": ""}
    )
    assert goal.status == "not_started"
    services.plan_item_update(
        actor=who, item=goal, data={"status": "met"}, expected_version=goal.version
    )
    mark = last_id()
    services.plan_item_update(
        actor=who,
        item=goal,
        data={"statement": "Back at work full time", "status": ""},
        expected_version=goal.version,
    )
    goal.refresh_from_db()
    assert goal.status == "met"
    (event,) = events_since(mark)
    assert event.detail["fields"] == ["statement"]


def test_a_goal_date_out_of_range_is_refused_and_the_text_kept(signed_in, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    response = signed_in.post(
        reverse("plans:item_edit", args=["goal", goal.pk]),
        {
            "statement": "Typed words stay",
            "target_date": "9999-12-31",
            "version": goal.version,
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert "Typed words stay" in response.content.decode()
    assert "Choose a date between" in response.content.decode()
    goal.refresh_from_db()
    assert goal.target_date is None


def test_the_api_reads_and_writes_a_goals_date_and_status(cast) -> None:
    api = Api(cast.clinician)
    problem = Goal.objects.get(problem__plan=cast.plan).problem
    due = (cast.plan.start_date + timedelta(weeks=12)).isoformat()
    made = api.post(
        f"/problems/{problem.pk}/goals", {"statement": "Sleep 7 hours", "target_date": due}
    )
    assert made.status_code == 201, made.content
    assert (made.json()["target_date"], made.json()["status"]) == (due, "not_started")
    changed = api.patch(f"/goals/{made.json()['id']}", {"version": 1, "status": "partially_met"})
    assert changed.json()["status"] == "partially_met"
    bad = api.patch(f"/goals/{made.json()['id']}", {"version": 2, "status": "finished"})
    assert bad.status_code == 422
    tree = api.get(f"/plans/{cast.plan.pk}").json()
    goals = [g for p in tree["problems"] for g in p["goals"]]
    assert {g["status"] for g in goals} == {"not_started", "partially_met"}


def test_print_view_compare_and_signed_content_carry_the_goals_date(signed_in, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    due = cast.plan.start_date + timedelta(weeks=26)
    services.plan_item_update(
        actor=actor(cast.clinician),
        item=goal,
        data={"target_date": due, "status": "in_progress"},
        expected_version=goal.version,
    )
    printed = signed_in.get(reverse("pages:plan_print", args=[cast.plan.pk])).content.decode()
    assert f"Target date: {due.isoformat()} · Status: In progress" in printed
    content = plan_content(plan_tree(cast.plan))
    signed_goal = content["problems"][0]["goals"][0]
    assert (signed_goal["target_date"], signed_goal["status"]) == (due.isoformat(), "in_progress")


def test_plan_check_warns_when_a_goal_is_due_before_its_last_objective() -> None:
    start = date(2026, 1, 5)
    objective = ObjectiveView(
        id="o1", statement="Use a worry period daily", target_date=start + timedelta(weeks=12)
    )
    goal = GoalView(
        id="g1",
        statement="Worry less",
        target_date=start + timedelta(weeks=8),
        objectives=[objective],
    )
    plan = PlanView(
        status="draft",
        start_date=start,
        review_date=start + timedelta(days=90),
        strengths="Curious",
        has_safety_plan=False,
        risk_flagged=False,
        diagnoses=[],
        problems=[ProblemView(id="p1", title="Worry", goals=[goal])],
    )
    (finding,) = [
        f for f in check_plan(plan, today=start) if f.code == "goal_date_before_objective"
    ]
    assert finding.item_id == "g1"
    assert "2026-03-02" in finding.message and "2026-03-30" in finding.message
    later = replace(goal, target_date=start + timedelta(weeks=12))
    plan = replace(plan, problems=[ProblemView(id="p1", title="Worry", goals=[later])])
    assert "goal_date_before_objective" not in [f.code for f in check_plan(plan, today=start)]


def test_a_met_goal_no_longer_counts_as_active() -> None:
    goal = GoalView(id="g1", statement="Worry less", status="met")
    assert not goal.is_active
    assert replace(goal, status="in_progress").is_active


def test_a_revision_keeps_a_goals_date_and_compare_shows_its_change(cast) -> None:

    goal = Goal.objects.get(problem__plan=cast.plan)
    due = cast.plan.start_date + timedelta(weeks=26)
    services.plan_item_update(
        actor=actor(cast.clinician),
        item=goal,
        data={"target_date": due, "status": "in_progress"},
        expected_version=goal.version,
    )
    services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    cast.plan.refresh_from_db()
    draft = plan_revise(actor=actor(cast.clinician), plan=cast.plan)
    copied = Goal.objects.get(problem__plan=draft)
    assert (copied.target_date, copied.status, copied.lineage) == (
        due,
        "in_progress",
        goal.lineage,
    )
    services.plan_item_update(
        actor=actor(cast.clinician), item=copied, data={"status": "met"}, expected_version=1
    )
    comparison = compare_versions(plan_tree(cast.plan), plan_tree(draft))
    (row,) = [r for r in comparison.rows if r.kind == "goal"]
    assert row.state == "changed"
    assert [(f.label, f.old, f.new) for f in row.fields if f.old != f.new] == [
        ("Status", "In progress", "Met")
    ]
