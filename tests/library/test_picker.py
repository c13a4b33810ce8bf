"""The library picker in the plan editor: ranked for the problem, searchable, and what is
picked is added through the plan's services (audited), with its subtree and targets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor, make_diagnosis
from trellis.core.library import builtin_templates
from trellis.core.library.picker import find_item, library_items, rank_items
from trellis.plans import services as plan_services
from trellis.plans.items import PROBLEM
from trellis.plans.models import Goal, Intervention, MeasureTarget, Objective, Problem

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


@pytest.fixture
def worry(cast) -> Problem:
    gad = make_diagnosis(cast.clinician, cast.client, "F41.1")
    return plan_services.plan_item_add(
        actor=actor(cast.clinician),
        kind=PROBLEM,
        parent=cast.plan,
        data={
            "title": "Worry",
            "behavioral_definition": "Worries most of the day about work and health.",
            "diagnosis": gad,
        },
    )


def test_goals_for_the_problems_diagnosis_rank_first() -> None:
    items = library_items(builtin_templates().values(), "goal")
    ranked = rank_items(items, codes=["F41.1"], about="Worry most of the day")
    top, reasons = ranked[0]
    assert "F41.1" in top.codes and reasons[0] == "for F41.1"
    assert len({i.ref for i in items}) == len(items)


def test_a_search_keeps_only_items_with_every_word() -> None:
    items = library_items(builtin_templates().values(), "intervention")
    ranked = rank_items(items, query="sleep diary")
    assert ranked
    for item, _ in ranked:
        text = f"{item.text} {item.problem_title} {item.template_title}".lower()
        assert "sleep" in text and "diar" in text


def test_find_item_refuses_what_is_not_there() -> None:
    templates = builtin_templates()
    assert (
        find_item(templates, "gad-adult-cbt:0.0").text
        == templates["gad-adult-cbt"].goals[0].statement
    )
    for ref in ("gad-adult-cbt:99.0", "nothing:0.0", "gad-adult-cbt:x", "gad-adult-cbt:0"):
        assert find_item(templates, ref) is None


def test_the_editor_offers_the_picker_beside_add(signed_in, cast, worry) -> None:
    page = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert f'hx-get="{reverse("library:pick", args=["goal", worry.pk])}"' in page
    assert "Pick a goal from the library" in page


def test_the_panel_lists_ranked_goals_with_a_search_box(signed_in, worry) -> None:
    url = reverse("library:pick", args=["goal", worry.pk])
    body = signed_in.get(url, **HTMX).content.decode()
    assert 'type="search" name="q"' in body
    assert "for F41.1" in body
    results = signed_in.get(url, {"q": "zzzzqq", "results": "1"}, **HTMX).content.decode()
    assert "No goal in the library matches “zzzzqq”" in results


def test_picking_a_goal_adds_its_objectives_interventions_and_targets(
    signed_in, cast, worry
) -> None:
    template = builtin_templates()["gad-adult-cbt"]
    goal = template.goals[0]
    mark = last_id()
    response = signed_in.post(
        reverse("library:pick", args=["goal", worry.pk]), {"item": "gad-adult-cbt:0.0"}, **HTMX
    )
    assert response.status_code == 200
    added = Goal.objects.get(problem=worry)
    assert added.statement == goal.statement and added.target_date is not None
    assert added.objectives.count() == len(goal.objectives)
    assert Intervention.objects.filter(objective__goal=added).count() == sum(
        len(o.interventions) for o in goal.objectives
    )
    assert MeasureTarget.objects.filter(goal=added).count() == (1 if goal.target else 0)
    body = response.content.decode()
    assert f'hx-swap-oob="beforeend:#problem-{worry.pk}-children"' in body
    assert f'id="goal-{added.pk}"' in body
    created = [e.object_type for e in events_since(mark) if e.action == "create"]
    assert created.count("goal") == 1 and created.count("objective") == len(goal.objectives)


def test_picking_an_intervention_adds_only_it(signed_in, cast) -> None:
    objective = Objective.objects.filter(goal__problem__plan=cast.plan).first()
    before = objective.interventions.count()
    item = "gad-adult-cbt:0.0.0.0"
    step = builtin_templates()["gad-adult-cbt"].goals[0].objectives[0].interventions[0]
    response = signed_in.post(
        reverse("library:pick", args=["intervention", objective.pk]), {"item": item}
    )
    assert response.status_code == 302
    new = objective.interventions.order_by("-position").first()
    assert objective.interventions.count() == before + 1
    assert (new.modality, new.description) == (step.modality, step.description)
    assert response.url.endswith(f"#intervention-{new.pk}")


def test_a_wrong_or_stale_pick_changes_nothing(signed_in, cast, worry) -> None:
    url = reverse("library:pick", args=["goal", worry.pk])
    for item in ("gad-adult-cbt:0.0.0", "gad-adult-cbt:42.0", ""):
        response = signed_in.post(url, {"item": item}, **HTMX)
        assert response.status_code == 409
        assert "no longer in the library" in response.content.decode()
    assert not Goal.objects.filter(problem=worry).exists()


def test_a_closed_plan_refuses_the_pick(signed_in, cast, worry) -> None:
    plan_services.plan_close(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    response = signed_in.post(
        reverse("library:pick", args=["goal", worry.pk]), {"item": "gad-adult-cbt:0.0"}, **HTMX
    )
    assert response.status_code == 409
    assert not Goal.objects.filter(problem=worry).exists()


def test_an_outsider_cannot_open_or_use_the_picker(client, cast, worry) -> None:
    client.login(username=cast.outsider.email, password=PASSWORD)
    url = reverse("library:pick", args=["goal", worry.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"item": "gad-adult-cbt:0.0"}).status_code == 404
    assert not Goal.objects.filter(problem=worry).exists()


def test_problems_are_not_picked(signed_in, cast) -> None:
    assert signed_in.get(reverse("library:pick", args=["problem", cast.plan.pk])).status_code == 404


def test_items_written_for_another_age_group_come_last() -> None:
    items = library_items(builtin_templates().values(), "goal")
    ranked = rank_items(items, codes=["F41.1"], about="Worry", age=27)
    groups = [item.age_group for item, _ in ranked]
    first_other = next(i for i, g in enumerate(groups) if g not in ("adult", "all"))
    assert all(g not in ("adult", "all") for g in groups[first_other:])
    assert "written for adolescents" in " ".join(
        r for item, reasons in ranked if item.age_group == "adolescent" for r in reasons
    )
    assert ranked[0][0].age_group in ("adult", "all") and "for F41.1" in ranked[0][1]
