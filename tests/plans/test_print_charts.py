"""The printed plan shows, for each instrument its targets are measured on, the score chart
with its target lines and a table of values, then the progress ratings of its goals; in a
fixed number of queries."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, actor, grow_plan, make_administration, make_note, phq9_answers
from trellis.plans import services
from trellis.plans.items import GOAL
from trellis.plans.models import Goal, Objective, TreatmentPlan

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


@pytest.fixture(autouse=True)
def active_since_two_months(cast) -> None:
    """Scores can't be in the future, so the plan starts in the past; notes need it active."""
    start = timezone.localdate() - timedelta(days=60)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=start)
    cast.plan.refresh_from_db()
    services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    cast.plan.refresh_from_db()


def _goal(cast) -> Goal:
    return Goal.objects.get(problem__plan=cast.plan)


def _target(cast, owner=None, **data):
    values = {"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0}
    values.update(data)
    return services.target_add(actor=actor(cast.clinician), owner=owner or _goal(cast), data=values)


def _score(cast, total: int, days_ago: int, instrument: str = "PHQ-9"):
    answers = phq9_answers(total) if instrument == "PHQ-9" else [1] * 7
    on = timezone.localdate() - timedelta(days=days_ago)
    return make_administration(cast.clinician, cast.client, answers, instrument=instrument, on=on)


def _print(http, plan) -> str:
    response = http.get(reverse("pages:plan_print", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _svg(body: str, chart_id: str) -> ET.Element:
    start = body.index(f'aria-labelledby="{chart_id}-title')
    start = body.rindex("<svg", 0, start)
    return ET.fromstring(body[start : body.index("</svg>", start) + len("</svg>")])  # noqa: S314


def test_each_targeted_instrument_is_charted_with_its_line_and_values(signed_in, cast) -> None:
    for total, days in ((18, 70), (14, 40), (10, 10)):
        _score(cast, total, days)
    _score(cast, 9, 5, "GAD-7")  # no target on the GAD-7: not charted in the plan
    _target(cast, kind="down_by_percent", value=50.0)
    body = _print(signed_in, cast.plan)
    chart = _svg(body, "print-phq-9")
    targets = chart.find(f".//{SVG}g[@id='print-phq-9-targets']")
    assert targets is not None
    assert [t.text for t in targets.iter(f"{SVG}text")] == [
        "PHQ-9: a 50% drop \u00b7 met at 9 or below"
    ]
    assert len(list(chart.iter(f"{SVG}circle"))) == 3
    started = chart.find(f".//{SVG}g[@id='print-phq-9-plan-start']")
    assert started is not None and len(started.findall(f"{SVG}line")) == 1
    desc = chart.find(f"{SVG}desc")
    assert desc is not None and f"The plan started on {cast.plan.start_date.isoformat()}." in (
        desc.text or ""
    )
    assert 'id="print-gad-7' not in body
    assert "PHQ-9 scores, oldest first" in body
    assert "9 or below (from 18 on" in body
    assert body.index("What we are working on") < body.index("Progress so far")


def test_an_instrument_not_given_yet_shows_its_targets_on_an_empty_chart(signed_in, cast) -> None:
    _target(cast, instrument_id="GAD-7", kind="at_or_below", value=4.0)
    chart = _svg(_print(signed_in, cast.plan), "print-gad-7")
    assert "No scores yet" in [t.text for t in chart.iter(f"{SVG}text")]
    assert chart.find(f".//{SVG}g[@id='print-gad-7-targets']/{SVG}line") is not None


def test_the_goals_ratings_are_charted_and_tabled_under_their_plan_numbers(signed_in, cast) -> None:
    goal = _goal(cast)
    for rating, days in ((2, 21), (4, 7)):
        make_note(
            cast.clinician,
            cast.client,
            session_date=timezone.localdate() - timedelta(days=days),
            goals=[goal],
            ratings={goal: rating},
            signed=True,
        )
    body = _print(signed_in, cast.plan)
    chart = _svg(body, "print-ratings")
    legend = chart.find(f".//{SVG}g[@id='print-ratings-legend']")
    assert legend is not None
    assert [t.text for t in legend.iter(f"{SVG}text")] == [f"Goal 1.1: {goal.statement}"]
    assert "<td>2 No change</td>" in body and "<td>4 Good progress</td>" in body


def test_a_plan_without_targets_or_ratings_prints_no_charts(signed_in, cast) -> None:
    body = _print(signed_in, cast.plan)
    assert "Progress so far" not in body
    assert "<svg" not in body


def _queries(http, plan) -> int:
    with CaptureQueriesContext(connection) as captured:
        _print(http, plan)
    return len(captured)


def test_charts_add_no_queries_per_instrument_score_target_goal_or_session(signed_in, cast) -> None:
    _score(cast, 14, 30)
    _target(cast)
    make_note(cast.clinician, cast.client, signed=True)
    few = _queries(signed_in, cast.plan)
    grow_plan(cast.clinician, cast.plan, objectives=3)
    problem = cast.plan.problems.first()
    who = actor(cast.clinician)
    for n in range(4):
        services.plan_item_add(actor=who, kind=GOAL, parent=problem, data={"statement": f"G{n}"})
    goals = list(Goal.objects.filter(problem__plan=cast.plan))
    for days in range(50, 5, -5):
        _score(cast, days % 20, days)
        _score(cast, 6, days, "GAD-7")
        make_note(
            cast.clinician,
            cast.client,
            session_date=timezone.localdate() - timedelta(days=days),
            goals=goals,
            ratings={g: 1 + days % 5 for g in goals},
            signed=True,
        )
    for objective in Objective.objects.filter(goal__problem__plan=cast.plan):
        _target(cast, owner=objective, instrument_id="GAD-7", kind="at_or_below", value=5.0)
        _target(cast, owner=objective, kind="reliable_improvement", value=None)
    assert _queries(signed_in, cast.plan) == few
