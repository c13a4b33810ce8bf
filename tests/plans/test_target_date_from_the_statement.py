"""A deadline in the words fills an empty target date when the item is saved, whatever
saved it (the editor without JavaScript, the API): the clinician never retypes it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories import actor, make_personas
from trellis.plans import services
from trellis.plans.items import GOAL, OBJECTIVE
from trellis.plans.models import Goal, Objective

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():  # type: ignore[no-untyped-def]
    return make_personas()


def _months_on(day: date, months: int) -> date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            "Fall asleep within 30 minutes on 5 nights a week within 8 weeks.",
            lambda start: start + timedelta(weeks=8),
        ),
        # Session 8 of weekly sessions: eight weeks on.
        (
            "Client will show a 5-point decrease on the PHQ-9 by session 8.",
            lambda start: start + timedelta(weeks=8),
        ),
        ("Walk for 20 minutes three times a week within 3 months.", lambda s: _months_on(s, 3)),
    ],
)
def test_an_added_objective_takes_its_deadline(cast, statement: str, expected) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    objective = services.plan_item_add(
        actor=actor(cast.clinician), kind=OBJECTIVE, parent=goal, data={"statement": statement}
    )
    assert objective.target_date == expected(cast.plan.start_date)


def test_a_date_the_clinician_gave_wins_and_no_deadline_leaves_it_empty(cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    mine = cast.plan.start_date + timedelta(days=100)
    given = services.plan_item_add(
        actor=actor(cast.clinician),
        kind=OBJECTIVE,
        parent=goal,
        data={"statement": "Practise grounding daily within 4 weeks.", "target_date": mine},
    )
    assert given.target_date == mine
    none = services.plan_item_add(
        actor=actor(cast.clinician),
        kind=OBJECTIVE,
        parent=goal,
        data={"statement": "Practise grounding daily."},
    )
    assert none.target_date is None


def test_an_edit_fills_an_empty_date_but_never_replaces_one(cast) -> None:
    problem = cast.plan.problems.get()
    goal = services.plan_item_add(
        actor=actor(cast.clinician), kind=GOAL, parent=problem, data={"statement": "Sleep well."}
    )
    assert goal.target_date is None
    services.plan_item_update(
        actor=actor(cast.clinician),
        item=goal,
        data={
            "statement": "Sleep seven hours on most nights within 12 weeks.",
            "target_date": None,
        },
        expected_version=goal.version,
    )
    goal.refresh_from_db()
    assert goal.target_date == cast.plan.start_date + timedelta(weeks=12)

    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    before = objective.target_date
    services.plan_item_update(
        actor=actor(cast.clinician),
        item=objective,
        data={"statement": "Schedule 3 valued activities a week within 2 weeks."},
        expected_version=objective.version,
    )
    objective.refresh_from_db()
    assert objective.target_date == before  # the date it had stays
