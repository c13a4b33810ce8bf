"""After an edit the plan page opens at the item edited, not at the top: every plain (no
JavaScript) post of the plan editor redirects to the item's anchor, and the page has an
element with that id."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, actor
from trellis.plans import services
from trellis.plans.models import Goal, Objective, Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def opens_at(signed_in, response, anchor: str) -> None:
    """The redirect names the anchor, and the page it leads to has that id."""
    assert response.status_code == 302
    path, _, fragment = response["Location"].partition("#")
    assert fragment == anchor
    assert f'id="{anchor}"' in signed_in.get(path).content.decode()


def test_an_edited_objective(signed_in, cast) -> None:
    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    url = reverse("plans:item_edit", args=["objective", objective.pk])
    response = signed_in.post(
        url,
        {
            "statement": "Schedule three valued activities a week within 6 weeks.",
            "target_date": objective.target_date.isoformat(),
            "status": objective.status,
            "version": objective.version,
        },
    )
    opens_at(signed_in, response, f"objective-{objective.pk}")


def test_a_moved_goal_and_a_removed_one(signed_in, cast) -> None:
    problem = Problem.objects.get(plan=cast.plan)
    goal = Goal.objects.get(problem=problem)
    move = reverse("plans:item_move", args=["goal", goal.pk, "up"])
    opens_at(signed_in, signed_in.post(move), f"goal-{goal.pk}")

    remove = reverse("plans:item_remove", args=["goal", goal.pk])
    response = signed_in.post(remove, {"version": goal.version})
    assert not Goal.objects.filter(pk=goal.pk).exists()
    opens_at(signed_in, response, f"problem-{problem.pk}")


def test_a_refused_removal_opens_at_the_item_kept(signed_in, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    response = signed_in.post(
        reverse("plans:item_remove", args=["goal", goal.pk]), {"version": goal.version + 5}
    )
    assert Goal.objects.filter(pk=goal.pk).exists()
    opens_at(signed_in, response, f"goal-{goal.pk}")


def test_a_removed_problem_opens_at_the_list(signed_in, cast) -> None:
    problem = Problem.objects.get(plan=cast.plan)
    response = signed_in.post(
        reverse("plans:item_remove", args=["problem", problem.pk]), {"version": problem.version}
    )
    opens_at(signed_in, response, f"plan-{cast.plan.pk}-children")


def test_a_saved_section(signed_in, cast) -> None:
    url = reverse("plans:section", args=[cast.plan.pk, "safety"])
    fingerprint = signed_in.get(url).context["s"]["form"]["fingerprint"].value()
    response = signed_in.post(url, {"warning_signs": "Stops eating", "fingerprint": fingerprint})
    opens_at(signed_in, response, "section-safety")


def test_a_changed_and_a_removed_target(signed_in, cast) -> None:
    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    target = services.target_add(
        actor=actor(cast.clinician),
        owner=objective,
        data={"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0},
    )
    edit = reverse("plans:target_edit", args=[target.pk])
    response = signed_in.post(
        edit, {"instrument_id": "PHQ-9", "kind": "at_or_below", "value": "7", "version": "1"}
    )
    opens_at(signed_in, response, f"objective-{objective.pk}")
    target.refresh_from_db()
    assert target.value == 7.0

    remove = reverse("plans:target_remove", args=[target.pk])
    response = signed_in.post(remove, {"version": target.version})
    opens_at(signed_in, response, f"objective-{objective.pk}")
