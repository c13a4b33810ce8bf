"""Duplicate any plan item: the subtree and its targets come along, the copy sits just
below the original, the original is untouched, and one audit row says what was copied."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor, grow_plan, make_client, make_plan
from trellis.plans import services
from trellis.plans.duplicate import plan_item_duplicate
from trellis.plans.models import Goal, Intervention, MeasureTarget, Objective, Problem

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _plan_with_two_objectives(cast):
    client = make_client(cast.clinician)
    return grow_plan(cast.clinician, make_plan(cast.clinician, client), objectives=2)


def test_duplicating_a_goal_copies_its_objectives_interventions_and_targets(cast) -> None:
    plan = _plan_with_two_objectives(cast)
    goal = Goal.objects.get(problem__plan=plan)
    first = goal.objectives.order_by("position").first()
    services.target_add(
        actor=actor(cast.clinician),
        owner=first,
        data={"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9},
    )
    mark = last_id()
    copy = plan_item_duplicate(actor=actor(cast.clinician), item=goal)
    assert copy.pk != goal.pk and copy.lineage != goal.lineage
    assert copy.statement == goal.statement and copy.version == 1
    assert [o.statement for o in copy.objectives.order_by("position")] == [
        o.statement for o in goal.objectives.order_by("position")
    ]
    assert Intervention.objects.filter(objective__goal=copy).count() == 2
    assert MeasureTarget.objects.filter(objective__goal=copy).count() == 1
    assert MeasureTarget.objects.filter(objective__goal=goal).count() == 1
    (event,) = events_since(mark)
    assert (event.action, event.object_type, event.object_id) == ("create", "goal", str(copy.pk))
    assert event.detail["duplicate_of"] == str(goal.pk)
    assert event.detail["rows"] == 1 + 2 + 2 + 1  # goal, objectives, interventions, target


def test_the_copy_goes_just_below_the_original(cast) -> None:
    plan = _plan_with_two_objectives(cast)
    first, second = Objective.objects.filter(goal__problem__plan=plan).order_by("position")
    copy = plan_item_duplicate(actor=actor(cast.clinician), item=first)
    order = list(first.goal.objectives.order_by("position").values_list("pk", flat=True))
    assert order == [first.pk, copy.pk, second.pk]


def test_a_problem_copies_with_its_diagnosis_link(cast) -> None:
    problem = Problem.objects.get(plan=cast.plan)
    copy = plan_item_duplicate(actor=actor(cast.clinician), item=problem)
    assert copy.diagnosis_id == problem.diagnosis_id
    assert copy.goals.count() == problem.goals.count()


def test_a_closed_plan_refuses_and_makes_nothing(cast) -> None:
    intervention = Intervention.objects.filter(objective__goal__problem__plan=cast.plan).first()
    services.plan_close(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    before = Intervention.objects.count()
    with pytest.raises(ValidationError):
        plan_item_duplicate(actor=actor(cast.clinician), item=intervention)
    assert Intervention.objects.count() == before


def test_the_editor_button_returns_the_copy_to_place_after_the_original(signed_in, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    page = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    url = reverse("plans:item_duplicate", args=["goal", goal.pk])
    assert f'hx-post="{url}" hx-target="#goal-{goal.pk}" hx-swap="afterend"' in page
    response = signed_in.post(url, **HTMX)
    assert response.status_code == 200
    copy = Goal.objects.filter(problem=goal.problem).exclude(pk=goal.pk).get()
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li class="item item-goal" id="goal-{copy.pk}"')
    assert goal.statement in body


def test_without_htmx_the_page_returns_to_the_copy(signed_in, cast) -> None:
    intervention = Intervention.objects.filter(objective__goal__problem__plan=cast.plan).first()
    response = signed_in.post(
        reverse("plans:item_duplicate", args=["intervention", intervention.pk])
    )
    copy = Intervention.objects.exclude(pk=intervention.pk).get(objective=intervention.objective)
    assert response.status_code == 302
    assert response.url.endswith(f"#intervention-{copy.pk}")


def test_an_outsider_cannot_duplicate(client, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    client.login(username=cast.outsider.email, password=PASSWORD)
    response = client.post(reverse("plans:item_duplicate", args=["goal", goal.pk]), **HTMX)
    assert response.status_code == 404
    assert Goal.objects.filter(problem=goal.problem).count() == 1
