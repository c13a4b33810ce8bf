"""SMART in the plan editor: live feedback, the one-click target, the plan check panel."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.audit_helpers import events_since, last_id, summary
from tests.factories import PASSWORD, PHQ9_ITEM9, actor, make_administration
from trellis.core.smart import analyze
from trellis.plans import services
from trellis.plans.items import GOAL, OBJECTIVE
from trellis.plans.models import Goal, MeasureTarget, Objective
from trellis.plans.smart import suggest_target

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
START = date(2026, 1, 5)


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    ("text", "data"),
    [
        (
            "Client will reduce GAD-7 score by 60% within 12 weeks",
            {"instrument_id": "GAD-7", "kind": "down_by_percent", "value": 60.0},
        ),
        (
            "PHQ-9 below 10 within 12 weeks",
            {"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0},
        ),
        (
            "PHQ-9 score of 9 or less within 12 weeks",
            {"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0},
        ),
        (
            "Reduce PCL-5 by 10 points within 12 weeks",
            {"instrument_id": "PCL-5", "kind": "down_by_points", "value": 10.0},
        ),
        (
            "WHO-5 at least 52 within 12 weeks",
            {"instrument_id": "WHO-5", "kind": "at_or_above", "value": 52.0},
        ),
        (
            "Reliable improvement on the PHQ-9 within 12 weeks",
            {"instrument_id": "PHQ-9", "kind": "reliable_improvement", "value": None},
        ),
    ],
)
def test_the_words_become_a_target(text, data) -> None:
    suggestion = suggest_target(analyze(text), START)
    assert suggestion is not None
    assert {k: suggestion.data[k] for k in data} == data
    assert suggestion.data["deadline"] == START + timedelta(weeks=12)


@pytest.mark.parametrize("text", ["Feel better", "Walk 20 minutes three times a week"])
def test_no_measure_no_target(text) -> None:
    assert suggest_target(analyze(text), START) is None


def test_live_feedback_explains_each_criterion(signed_in) -> None:
    url = reverse("plans:smart_feedback")
    body = signed_in.post(url, {"statement": "Feel better"}, **HTMX).content.decode()
    assert "This reads as vague" in body
    assert "Add a deadline" in body
    body = signed_in.post(
        url,
        {"statement": "PHQ-9 below 10 within 12 weeks", "start": START.isoformat()},
        **HTMX,
    ).content.decode()
    assert "vague" not in body
    assert "verdict-yes" in body and "“within 12 weeks”" in body
    assert "PHQ-9 at or below 9 by 2026-03-30" in body
    assert signed_in.post(url, {"statement": "  "}, **HTMX).content.decode().strip() == ""


def test_live_feedback_reads_no_record_and_writes_no_audit(signed_in) -> None:
    mark = last_id()
    signed_in.post(reverse("plans:smart_feedback"), {"statement": "Sleep 7 hours"}, **HTMX)
    assert events_since(mark) == []


def test_goal_and_objective_forms_are_wired_for_live_feedback(signed_in, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    body = signed_in.get(reverse("plans:item_edit", args=["goal", goal.pk]), **HTMX)
    html = body.content.decode()
    assert f'hx-post="{reverse("plans:smart_feedback")}"' in html
    assert 'class="smart-feedback"' in html
    assert "Depressed mood" in html  # the problem is the context for relevance
    add = signed_in.get(reverse("plans:item_add", args=["objective", goal.pk]), **HTMX)
    assert 'class="smart-feedback"' in add.content.decode()
    goal_form = signed_in.get(reverse("plans:item_add", args=["goal", goal.problem.pk]), **HTMX)
    assert 'class="smart-feedback"' in goal_form.content.decode()
    objective = Objective.objects.get(goal=goal)
    other = signed_in.get(reverse("plans:item_add", args=["intervention", objective.pk]), **HTMX)
    assert 'class="smart-feedback"' not in other.content.decode()


def _objective_saying(cast, text: str) -> Objective:
    goal = Goal.objects.get(problem__plan=cast.plan)
    return services.plan_item_add(
        actor=actor(cast.clinician), kind=OBJECTIVE, parent=goal, data={"statement": text}
    )


def test_one_click_makes_the_stated_target(signed_in, cast) -> None:
    objective = _objective_saying(cast, "Client will reduce GAD-7 score by 60% within 12 weeks")
    page = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert "Track GAD-7 down by 60%" in page
    mark = last_id()
    url = reverse("plans:target_from_text", args=["objective", objective.pk])
    response = signed_in.post(url)
    assert response.status_code == 302
    target = MeasureTarget.objects.get(objective=objective)
    assert (target.instrument_id, target.kind, target.value) == ("GAD-7", "down_by_percent", 60)
    assert target.deadline == cast.plan.start_date + timedelta(weeks=12)
    assert ("create", "measuretarget", cast.client.pk) in summary(events_since(mark))
    page = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert "Track GAD-7 down by 60%" not in page


def test_one_click_that_cannot_be_judged_opens_the_form_prefilled(signed_in, cast) -> None:
    objective = _objective_saying(cast, "WHO-5 below 40 within 12 weeks")
    response = signed_in.post(reverse("plans:target_from_text", args=["objective", objective.pk]))
    assert response.status_code == 302
    assert "instrument_id=WHO-5" in response.url and "kind=at_or_below" in response.url
    assert not MeasureTarget.objects.filter(objective=objective).exists()


def _findings(signed_in, cast) -> str:
    return signed_in.get(reverse("plans:quality", args=[cast.plan.pk])).content.decode()


def test_the_plan_check_lists_findings(signed_in, cast) -> None:
    problem = Goal.objects.get(problem__plan=cast.plan).problem
    services.plan_item_add(
        actor=actor(cast.clinician), kind=GOAL, parent=problem, data={"statement": "Sleep well"}
    )
    body = _findings(signed_in, cast)
    assert "has no objectives" in body or "no objective" in body.lower()
    assert "Plan check" in body


def test_a_critical_item_without_a_safety_plan_is_an_error(signed_in, cast) -> None:
    assert "no safety plan" not in _findings(signed_in, cast)
    make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    assert "no safety plan" in _findings(signed_in, cast)


def test_the_plan_page_shows_the_check(signed_in, cast) -> None:
    body = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert 'id="quality-panel"' in body
    assert json.dumps("plan-changed")[1:-1] in body


def test_a_points_decrease_is_down_by_points_never_at_or_below() -> None:
    text = "Client will show a 5-point decrease on the PHQ-9 by session 8."
    suggestion = suggest_target(analyze(text), START)
    assert suggestion is not None and suggestion.certain
    assert (suggestion.data["kind"], suggestion.data["value"]) == ("down_by_points", 5.0)
    assert suggestion.data["deadline"] == START + timedelta(weeks=8)
    assert suggestion.label == "PHQ-9 down by 5 points by 2026-03-02"


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        ("Client will reduce PHQ-9 by 5 points.", "no deadline"),
        ("PHQ-9 of 10 by session 8.", "no 'below'"),
        ("Client will increase WHO-5 by 20 points within 12 weeks.", "rise"),
    ],
)
def test_an_uncertain_reading_is_marked_for_checking(text, doubt) -> None:
    suggestion = suggest_target(analyze(text), START)
    assert suggestion is not None and not suggestion.certain
    assert doubt in suggestion.doubt


def test_an_instrument_trellis_does_not_score_offers_no_one_click() -> None:
    text = "Client will reduce CAPS-5 severity by 12 points within 16 weeks."
    assert analyze(text).measure == "CAPS-5" and analyze(text).measurable.value
    assert suggest_target(analyze(text), START, known={"PHQ-9", "GAD-7"}) is None


def test_an_uncertain_one_click_opens_the_form_prefilled_and_saves_nothing(signed_in, cast):
    objective = _objective_saying(cast, "Client will reduce PHQ-9 by 5 points.")
    page = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert "Check and track PHQ-9 down by 5 points as a target" in page
    mark = last_id()
    response = signed_in.post(reverse("plans:target_from_text", args=["objective", objective.pk]))
    assert response.status_code == 302
    assert "kind=down_by_points" in response.url and "value=5.0" in response.url
    assert not MeasureTarget.objects.filter(objective=objective).exists()
    assert events_since(mark) == [] or "measuretarget" not in str(summary(events_since(mark)))
    form = signed_in.get(response.url).content.decode()
    assert 'value="5.0"' in form


def test_the_one_click_target_appears_right_after_the_htmx_save(
    signed_in, cast, django_assert_max_num_queries
) -> None:
    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    url = reverse("plans:item_edit", args=["objective", objective.pk])
    text = "Client will show a 5-point decrease on the PHQ-9 by session 8."
    with django_assert_max_num_queries(22):  # the save, its audit row, one item's targets (20)
        response = signed_in.post(
            url,
            {"statement": text, "status": "in_progress", "version": objective.version},
            **HTMX,
        )
    body = response.content.decode()
    assert f'id="objective-{objective.pk}-targets" hx-swap-oob="true"' in body
    assert "Track PHQ-9 down by 5 points by " in body
    assert "at or below" not in body
    assert reverse("plans:target_from_text", args=["objective", objective.pk]) in body


def test_the_feedback_offers_the_deadline_as_the_target_date_and_the_wording(signed_in):
    url = reverse("plans:smart_feedback")
    body = signed_in.post(
        url,
        {
            "statement": "Client will walk 20 minutes a day within 12 weeks",
            "kind": "objective",
            "start": "2026-10-12",
        },
        **HTMX,
    ).content.decode()
    assert 'data-smart-date="2027-01-04"' in body
    assert "Use 2027-01-04 as the target date" in body  # the practice's date style (ISO)
    vague = signed_in.post(
        url, {"statement": "Client will practice grounding.", "problem": "PTSD"}, **HTMX
    ).content.decode()
    assert "Use this wording" in vague
    assert 'data-smart-wording="Client will practice grounding, ' in vague


def test_the_target_date_field_says_it_fills_from_the_deadline(signed_in, cast) -> None:
    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    body = signed_in.get(reverse("plans:item_edit", args=["objective", objective.pk]), **HTMX)
    assert "Filled in from a deadline in the words" in body.content.decode()


def test_the_feedback_says_when_a_target_needs_checking(signed_in) -> None:
    body = signed_in.post(
        reverse("plans:smart_feedback"),
        {"statement": "Client will reduce PHQ-9 by 5 points.", "start": START.isoformat()},
        **HTMX,
    ).content.decode()
    assert "PHQ-9 down by 5 points" in body
    assert "for you to check first: no deadline was read" in body
