"""The notes list and a note's page cost a fixed number of SQL queries, whatever the number
of notes, goals, objectives or measures."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD, actor, make_administration, make_note
from trellis.plans import services as plan_services
from trellis.plans.items import GOAL, INTERVENTION, OBJECTIVE
from trellis.plans.models import Goal, Objective

pytestmark = pytest.mark.django_db


def _queries(http, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = http.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def signed_in(client, active):
    client.login(username=active.clinician.email, password=PASSWORD)
    return client


def _grow_goals(cast, count: int) -> list[Goal]:
    who = actor(cast.clinician)
    problem = cast.plan.problems.get()
    for n in range(count):
        goal = plan_services.plan_item_add(
            actor=who, kind=GOAL, parent=problem, data={"statement": f"Goal {n}"}
        )
        objective = plan_services.plan_item_add(
            actor=who, kind=OBJECTIVE, parent=goal, data={"statement": f"Objective {n}"}
        )
        plan_services.plan_item_add(
            actor=who, kind=INTERVENTION, parent=objective, data={"description": f"Step {n}"}
        )
    return list(Goal.objects.filter(problem=problem))


def _rich_note(cast, goals: list[Goal], *, signed: bool):
    objectives = Objective.objects.filter(goal__in=goals)
    scores = [make_administration(cast.clinician, cast.client) for _ in goals]
    return make_note(
        cast.clinician,
        cast.client,
        goals=goals,
        objectives=objectives,
        interventions=[i for o in objectives for i in o.interventions.all()],
        administrations=scores,
        ratings={g: 3 for g in goals},
        signed=signed,
    )


def test_the_notes_list_is_bounded(signed_in, active) -> None:
    url = reverse("progress:list", args=[active.client.pk])
    make_note(active.clinician, active.client, signed=True)
    one = _queries(signed_in, url)
    for n in range(29):
        make_note(active.clinician, active.client, signed=n % 2 == 0)
    thirty = _queries(signed_in, url)
    assert thirty == one
    assert one <= 12


@pytest.mark.parametrize("signed", [False, True])
def test_a_notes_page_is_bounded(signed_in, active, signed) -> None:
    small = _rich_note(active, _grow_goals(active, 0)[:1], signed=signed)
    few = _queries(signed_in, reverse("progress:detail", args=[small.pk]))
    large = _rich_note(active, _grow_goals(active, 12), signed=signed)
    assert large.goals.count() == 13
    many = _queries(signed_in, reverse("progress:detail", args=[large.pk]))
    assert many == few
    assert few <= 16


def test_the_note_forms_are_bounded(signed_in, active) -> None:
    new = reverse("progress:create", args=[active.client.pk])
    note = _rich_note(active, _grow_goals(active, 0)[:1], signed=False)
    edit = reverse("progress:edit", args=[note.pk])
    few = (_queries(signed_in, new), _queries(signed_in, edit))
    _grow_goals(active, 15)
    for _ in range(10):
        make_administration(active.clinician, active.client)
    assert (_queries(signed_in, new), _queries(signed_in, edit)) == few
