"""The notes page draws each goal's progress ratings over sessions, one line per goal
across plan versions, with the values in a table beside the chart; bounded queries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, actor, make_note
from trellis.plans import services as plan_services
from trellis.plans.items import GOAL
from trellis.plans.models import Goal, TreatmentPlan
from trellis.plans.versions.services import plan_revise

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def signed_in(client, active):
    client.login(username=active.clinician.email, password=PASSWORD)
    return client


def _page(http, cast) -> str:
    response = http.get(reverse("progress:list", args=[cast.client.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _chart(body: str) -> ET.Element:
    start = body.index("<svg", body.index('id="progress-ratings"'))
    return ET.fromstring(body[start : body.index("</svg>", start) + len("</svg>")])  # noqa: S314


def _lines(chart: ET.Element) -> dict[str, int]:
    """Each goal's legend label and the number of ratings on its line."""
    group = chart.find(f".//{SVG}g[@id='ratings-legend']")
    entries = [] if group is None else group.findall(f"{SVG}g")
    legend = [entry.findtext(f"{SVG}text") or "" for entry in entries]
    counts = []
    for n in range(1, len(legend) + 1):
        line = chart.find(f".//{SVG}g[@id='ratings-goal-{n}']")
        assert line is not None
        counts.append(sum(1 for el in line if el.find(f"{SVG}title") is not None))
    return dict(zip(legend, counts, strict=True))


def _rate(cast, goal: Goal, rating: int, days_ago: int, *, signed: bool = True) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    make_note(
        cast.clinician,
        cast.client,
        session_date=day,
        goals=[goal],
        ratings={goal: rating},
        signed=signed,
    )


def test_each_goal_is_a_line_with_its_ratings_in_a_table(signed_in, active) -> None:
    goal = Goal.objects.get(problem__plan=active.plan)
    for rating, days in ((2, 21), (3, 14), (4, 7)):
        _rate(active, goal, rating, days)
    body = _page(signed_in, active)
    chart = _chart(body)
    assert chart.attrib["role"] == "img"
    assert _lines(chart) == {goal.statement: 3}
    desc = chart.findtext(f"{SVG}desc") or ""
    assert "first 2 (No change)" in desc and "latest 4 (Good progress)" in desc
    table = body[body.index('<table class="ratings-values') :]
    table = table[: table.index("</table>")]
    assert re.findall(r"<td>([^<]*)</td>", table) == [
        "2 No change",
        "3 Some progress",
        "4 Good progress",
    ]


def test_a_goal_keeps_its_line_across_plan_versions(signed_in, active) -> None:
    first = Goal.objects.get(problem__plan=active.plan)
    _rate(active, first, 2, 28)
    revision = plan_revise(actor=actor(active.clinician), plan=active.plan)
    second = Goal.objects.get(problem__plan=revision)
    assert second.lineage == first.lineage and second.pk != first.pk
    plan_services.plan_item_update(
        actor=actor(active.clinician),
        item=second,
        data={"statement": "Back at work three days a week."},
        expected_version=second.version,
    )
    second.refresh_from_db()
    _rate(active, second, 4, 7)
    chart = _chart(_page(signed_in, active))
    assert _lines(chart) == {"Back at work three days a week.": 2}  # the latest words


def test_draft_ratings_are_left_out_until_signed(signed_in, active) -> None:
    goal = Goal.objects.get(problem__plan=active.plan)
    _rate(active, goal, 5, 1, signed=False)
    body = _page(signed_in, active)
    chart = _chart(body)
    assert "No progress ratings yet" in [t.text for t in chart.iter(f"{SVG}text")]
    assert chart.find(f".//{SVG}g[@id='ratings-lines']") is None
    assert 'class="ratings-values' not in body


def test_goal_statements_are_escaped_and_cut_short(signed_in, active) -> None:
    goal = Goal.objects.get(problem__plan=active.plan)
    nasty = '<script>alert("x")</script> ' + "and keeps going " * 8
    Goal.objects.filter(pk=goal.pk).update(statement=nasty)
    _rate(active, goal, 3, 7)
    body = _page(signed_in, active)
    assert "<script>alert" not in body
    (label,) = _lines(_chart(body))
    assert label.startswith('<script>alert("x")</script>') and label.endswith("\u2026")
    assert len(label) <= 60


def test_past_six_goals_the_most_recently_rated_get_lines_and_all_are_in_the_table(
    signed_in, active
) -> None:
    problem = active.plan.problems.get()
    who = actor(active.clinician)
    goals = [
        plan_services.plan_item_add(
            actor=who, kind=GOAL, parent=problem, data={"statement": f"G{n}"}
        )
        for n in range(8)
    ]
    for n, goal in enumerate(goals):
        _rate(active, goal, 3, 30 - n)  # G7 rated most recently, G0 longest ago
    body = _page(signed_in, active)
    assert sorted(_lines(_chart(body))) == ["G2", "G3", "G4", "G5", "G6", "G7"]
    assert "+2 more goals: see the table" in body
    for n in range(8):
        assert f'title="G{n}">G{n}</th>' in body


def _queries(http, cast) -> int:
    with CaptureQueriesContext(connection) as captured:
        _page(http, cast)
    return len(captured)


def test_the_chart_costs_one_query_whatever_the_goals_sessions_and_versions(
    signed_in, active
) -> None:
    goal = Goal.objects.get(problem__plan=active.plan)
    _rate(active, goal, 3, 40)
    few = _queries(signed_in, active)
    problem = active.plan.problems.get()
    who = actor(active.clinician)
    goals = [goal] + [
        plan_services.plan_item_add(
            actor=who, kind=GOAL, parent=problem, data={"statement": f"G{n}"}
        )
        for n in range(5)
    ]
    for days in range(30, 10, -3):
        make_note(
            active.clinician,
            active.client,
            session_date=timezone.localdate() - timedelta(days=days),
            goals=goals,
            ratings={g: 1 + days % 5 for g in goals},
            signed=True,
        )
    revision = plan_revise(actor=who, plan=TreatmentPlan.objects.get(pk=active.plan.pk))
    later = list(Goal.objects.filter(problem__plan=revision))
    make_note(
        active.clinician, active.client, goals=later, ratings={g: 4 for g in later}, signed=True
    )
    assert _queries(signed_in, active) == few


@pytest.mark.parametrize("persona", ["colleague", "outsider"])
def test_someone_off_the_care_team_sees_no_ratings(client, active, persona) -> None:
    goal = Goal.objects.get(problem__plan=active.plan)
    _rate(active, goal, 4, 7)
    client.login(username=getattr(active, persona).email, password=PASSWORD)
    response = client.get(reverse("progress:list", args=[active.client.pk]))
    assert response.status_code == 404
    assert b"ratings-goal" not in response.content
