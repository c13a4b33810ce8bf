"""Measure-linked targets on goals and objectives: validated against the instrument,
status computed from the client's scores, shown on the plan page and in print."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.audit_helpers import events_since, last_id, summary
from tests.factories import (
    PASSWORD,
    actor,
    grow_plan,
    make_administration,
    make_plan,
    phq9_answers,
)
from trellis.measures import services as measure_services
from trellis.plans import selectors, services
from trellis.plans.models import Goal, MeasureTarget, Objective, TreatmentPlan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def started_two_months_ago(cast) -> None:
    """Scores can't be in the future, so the plan starts in the past."""
    start = timezone.localdate() - timedelta(days=60)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=start)
    cast.plan.refresh_from_db()


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _goal(cast) -> Goal:
    return Goal.objects.get(problem__plan=cast.plan)


def _add(cast, owner=None, **data):
    values = {"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0}
    values.update(data)
    return services.target_add(actor=actor(cast.clinician), owner=owner or _goal(cast), data=values)


def _score(cast, total: int, on: date):
    return make_administration(cast.clinician, cast.client, phq9_answers(total), on=on)


def _status(cast, today: date | None = None) -> list[str]:
    plan = selectors.plan_with_tree(actor(cast.clinician), cast.plan.pk)
    from trellis.plans.targets import evaluate_all

    targets = MeasureTarget.objects.filter(goal__problem__plan=plan)
    return [v.status for v in evaluate_all(plan, targets, today=today).values()]


def test_adding_a_target_is_audited(cast) -> None:
    mark = last_id()
    target = _add(cast, instrument_id="phq9")
    assert target.instrument_id == "PHQ-9"
    assert summary(events_since(mark)) == [("create", "measuretarget", cast.client.pk)]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"instrument_id": "XYZ-1"}, "instrument_id"),
        ({"value": 40.0}, "value"),
        ({"value": None}, "value"),
        ({"kind": "down_by_percent", "value": 150.0}, "value"),
        ({"instrument_id": "WHO-5", "kind": "at_or_below", "value": 50.0}, "kind"),
        ({"instrument_id": "AUDIT-C", "kind": "recovery", "value": None}, "kind"),
        ({"subscale": "nonsense"}, "subscale"),
        ({"kind": "sometimes"}, "kind"),
    ],
)
def test_a_target_the_instrument_cannot_judge_is_refused(cast, data, field) -> None:
    before = MeasureTarget.objects.count()
    with pytest.raises(ValidationError) as caught:
        _add(cast, **data)
    assert field in caught.value.message_dict
    assert MeasureTarget.objects.count() == before


def test_a_baseline_must_be_this_clients_score_on_the_same_measure(cast) -> None:
    gad = make_administration(cast.clinician, cast.client, [1] * 7, instrument="GAD-7")
    with pytest.raises(ValidationError) as caught:
        _add(cast, baseline=gad)
    assert "baseline" in caught.value.message_dict


def test_status_follows_the_scores(cast) -> None:
    start = cast.plan.start_date
    _score(cast, 18, start - timedelta(days=3))
    _add(cast, kind="reliable_improvement", value=None)
    assert _status(cast) == ["not_yet_measured"]
    _score(cast, 15, start + timedelta(days=14))
    assert _status(cast, today=start + timedelta(days=15)) == ["on_track"]
    _score(cast, 11, start + timedelta(days=28))  # 18 -> 11: down 7 >= 6 (NHS TT threshold)
    assert _status(cast, today=start + timedelta(days=29)) == ["met"]


def test_the_default_baseline_is_the_last_score_before_the_start(cast) -> None:
    start = cast.plan.start_date
    _score(cast, 10, start - timedelta(days=60))
    _score(cast, 20, start - timedelta(days=2))
    _score(cast, 14, start + timedelta(days=7))
    _add(cast, kind="down_by_points", value=5.0)
    plan = selectors.plan_with_tree(actor(cast.clinician), cast.plan.pk)
    (view,) = selectors.attach_target_views(plan)
    assert view.evaluation.baseline.value == 20
    assert view.status == "met"  # 20 -> 14 is 6 points down


def test_a_chosen_baseline_wins_and_voided_scores_do_not_count(cast) -> None:
    start = cast.plan.start_date
    early = _score(cast, 10, start - timedelta(days=60))
    _score(cast, 20, start - timedelta(days=2))
    wrong = _score(cast, 3, start + timedelta(days=7))
    _add(cast, kind="down_by_points", value=5.0, baseline=early)
    measure_services.administration_void(
        actor=actor(cast.clinician), administration=wrong, reason="Another client's form"
    )
    plan = selectors.plan_with_tree(actor(cast.clinician), cast.plan.pk)
    (view,) = selectors.attach_target_views(plan)
    assert view.evaluation.baseline.value == 10
    assert view.evaluation.latest.value == 20
    assert view.status == "deteriorated"  # 10 -> 20: up 10 >= 6


def test_targets_on_objectives_and_a_missed_deadline(cast) -> None:
    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    start = cast.plan.start_date
    _score(cast, 16, start - timedelta(days=1))
    _score(cast, 14, start + timedelta(days=20))
    _add(cast, owner=objective, deadline=start + timedelta(days=30))
    plan = selectors.plan_with_tree(actor(cast.clinician), cast.plan.pk)
    views = selectors.attach_target_views(plan)
    assert [v.status for v in views] == ["missed"]  # today is after the deadline
    from trellis.plans.targets import evaluate_all

    before = evaluate_all(plan, [views[0].target], today=start + timedelta(days=30))
    assert [v.status for v in before.values()] == ["on_track"]
    later = evaluate_all(plan, [views[0].target], today=start + timedelta(days=31))
    assert [v.status for v in later.values()] == ["missed"]


def test_the_plan_page_and_print_show_status_and_latest_score(signed_in, cast) -> None:
    start = cast.plan.start_date
    _score(cast, 18, start - timedelta(days=1))
    _score(cast, 8, start + timedelta(days=7))
    _add(cast)
    for name in ("plans:detail", "pages:plan_print"):
        body = signed_in.get(reverse(name, args=[cast.plan.pk])).content.decode()
        assert "PHQ-9: 9 or below" in body
        assert "Met" in body
        assert "latest 8 on " + (start + timedelta(days=7)).isoformat() in body


def test_the_plan_page_shows_a_client_worse_than_baseline(signed_in, cast) -> None:
    # PHQ-9 10 -> 15 after one follow-up: 5 points, short of NHS Talking Therapies' 6 for
    # reliable change, but worse; it must never read "On track" (issue 10).
    start = cast.plan.start_date
    _score(cast, 10, start - timedelta(days=1))
    _score(cast, 15, start + timedelta(days=7))
    _add(cast)
    body = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert '<div class="target status-worse">' in body
    assert '<span class="badge target-status status-worse">Worse than baseline</span>' in body
    assert "On track" not in body
    reason = (
        "PHQ-9 15 from 10 (+5): worse than baseline "
        "(less than the 6 points of a reliable change: may be measurement error)"
    )
    assert f'<div class="small muted target-reason">{reason}</div>' in body
    printed = signed_in.get(reverse("pages:plan_print", args=[cast.plan.pk])).content.decode()
    assert "<strong>Worse than baseline</strong>" in printed
    css = Path(finders.find("trellis/app.css")).read_text()
    assert ".target-status.status-worse {" in css and ".target.status-worse {" in css


def _queries(http, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert http.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["plans:detail", "pages:plan_print"])
def test_targets_do_not_add_queries_per_target(signed_in, cast, page) -> None:
    small = make_plan(cast.clinician, cast.client, title="Small")
    grow_plan(cast.clinician, small, objectives=1)
    large = make_plan(cast.clinician, cast.client, title="Large")
    grow_plan(cast.clinician, large, objectives=40)
    for plan in (small, large):
        for objective in Objective.objects.filter(goal__problem__plan=plan):
            _add(cast, owner=objective)
    for n in range(10):
        _score(cast, 10 + n % 5, timezone.localdate() - timedelta(days=n))
    small_count = _queries(signed_in, reverse(page, args=[small.pk]))
    assert _queries(signed_in, reverse(page, args=[large.pk])) == small_count


def test_a_stale_target_edit_is_told_and_keeps_the_input(signed_in, cast) -> None:
    target = _add(cast)
    url = reverse("plans:target_edit", args=[target.pk])
    services.target_update(
        actor=actor(cast.clinician), target=target, data={"value": 7.0}, expected_version=1
    )
    response = signed_in.post(
        url, {"instrument_id": "PHQ-9", "kind": "at_or_below", "value": "5", "version": "1"}
    )
    assert response.status_code == 409
    assert 'value="5' in response.content.decode()
    target.refresh_from_db()
    assert target.value == 7.0


def test_the_add_form_prefills_from_the_query_and_saves(signed_in, cast) -> None:
    goal = _goal(cast)
    url = reverse("plans:target_add", args=["goal", goal.pk])
    page = signed_in.get(url, {"instrument_id": "GAD-7", "kind": "at_or_below", "value": "5"})
    assert 'value="5"' in page.content.decode()
    response = signed_in.post(url, {"instrument_id": "GAD-7", "kind": "at_or_below", "value": "5"})
    assert response.status_code == 302
    assert goal.targets.get().instrument_id == "GAD-7"
