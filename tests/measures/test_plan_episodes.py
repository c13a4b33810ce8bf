"""The measures page judges change per plan episode (issue 10): each score from the
baseline of the plan it belongs to (the baseline rule, or a target's chosen baseline), not
from the first score ever; scores outside any plan from the first of their stretch."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, actor, grow_plan, make_administration, make_plan, phq9_answers
from trellis.core.planning.baseline import day_text
from trellis.plans import services as plan_services
from trellis.plans.measure_history import measure_histories
from trellis.plans.models import Goal, TreatmentPlan

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _score(cast, total: int, days_ago: int):
    return make_administration(
        cast.clinician, cast.client, phq9_answers(total), on=TODAY - timedelta(days=days_ago)
    )


def _closed_plan(cast, plan: TreatmentPlan, *, start: int, closed: int) -> TreatmentPlan:
    """``plan`` run from ``start`` days ago and closed ``closed`` days ago."""
    who = actor(cast.clinician)
    TreatmentPlan.objects.filter(pk=plan.pk).update(start_date=TODAY - timedelta(days=start))
    plan.refresh_from_db()
    plan_services.plan_activate(actor=who, plan=plan, expected_version=plan.version)
    plan.refresh_from_db()
    plan_services.plan_close(actor=who, plan=plan, expected_version=plan.version)
    when = timezone.now() - timedelta(days=closed)
    TreatmentPlan.objects.filter(pk=plan.pk).update(closed_at=when)
    return plan


def _active_plan(cast, *, start: int, title: str = "Second plan") -> TreatmentPlan:
    plan = grow_plan(
        cast.clinician,
        make_plan(cast.clinician, cast.client, title=title, start_date=TODAY - timedelta(start)),
    )
    plan_services.plan_activate(actor=actor(cast.clinician), plan=plan, expected_version=1)
    return plan


def _two_episodes(cast) -> TreatmentPlan:
    _closed_plan(cast, cast.plan, start=200, closed=120)
    _score(cast, 20, 205)  # 5 days before the first plan: its baseline
    _score(cast, 14, 170)
    _score(cast, 12, 140)
    _score(cast, 16, 100)  # after the first plan closed, before the second's window
    _score(cast, 18, 62)  # 2 days before the second plan: its baseline
    _score(cast, 11, 20)
    _score(cast, 10, 5)
    return _active_plan(cast, start=60)


def test_each_score_is_judged_from_its_own_plans_baseline(cast) -> None:
    _two_episodes(cast)
    (history,) = measure_histories(actor(cast.clinician), cast.client)
    assert [(r.is_baseline, r.since_baseline) for r in history.rows] == [
        (True, None),  # 20: the first plan's baseline
        (False, -6.0),
        (False, -8.0),
        (True, None),  # 16: in no plan, the first of its stretch
        (True, None),  # 18: the second plan's baseline
        (False, -7.0),
        (False, -8.0),  # 18 -> 10, not 20 -> 10
    ]
    assert [r.segment.plan_title for r in history.rows] == [
        "Plan for Alex",
        "Plan for Alex",
        "Plan for Alex",
        None,
        "Second plan",
        "Second plan",
        "Second plan",
    ]
    assert history.baseline.total == 18
    assert history.latest_change.reliable_improvement  # 8 >= 6 (NHS Talking Therapies)


def test_the_page_says_which_baseline_it_uses(signed_in, cast) -> None:
    _two_episodes(cast)
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    start = day_text(TODAY - timedelta(days=60))
    on = day_text(TODAY - timedelta(days=62))
    assert (
        "Change is judged from the baseline of the plan each score belongs to. Latest: "
        f"Second plan, started {start}: baseline PHQ-9 18 on {on}, 2 days before the plan "
        "started."
    ) in body
    assert "from baseline 18 on" in body
    assert 'baseline <span class="muted small">of Plan for Alex</span>' in body
    assert 'baseline <span class="muted small">(no plan)</span>' in body


def test_a_targets_chosen_baseline_is_the_episodes_baseline(signed_in, cast) -> None:
    plan = _active_plan(cast, start=60, title="Chosen plan")
    early = _score(cast, 22, 90)
    _score(cast, 18, 62)
    _score(cast, 12, 10)
    goal = Goal.objects.get(problem__plan=plan)
    plan_services.target_add(
        actor=actor(cast.clinician),
        owner=goal,
        data={"instrument_id": "PHQ-9", "kind": "reliable_improvement", "baseline": early},
    )
    (history,) = measure_histories(actor(cast.clinician), cast.client)
    assert history.baseline == early
    assert [r.since_baseline for r in history.rows] == [None, -4.0, -10.0]
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert "30 days before the plan started: chosen by Casey Clinician" in body


def test_a_client_without_a_plan_is_judged_from_the_first_score(cast) -> None:
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=date(2099, 1, 1))
    plan_services.plan_close(actor=actor(cast.clinician), plan=cast.plan, expected_version=1)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(closed_at=timezone.now())
    _score(cast, 18, 30)
    _score(cast, 9, 1)
    (history,) = measure_histories(actor(cast.clinician), cast.client)
    assert [r.since_baseline for r in history.rows] == [None, -9.0]
    assert history.baseline_reason.startswith("no plan at the time: change from the first score")


def _queries(http, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert http.get(url).status_code == 200
    return len(captured)


def _chosen_target(cast, plan: TreatmentPlan, chosen) -> None:
    plan_services.target_add(
        actor=actor(cast.clinician),
        owner=Goal.objects.get(problem__plan=plan),
        data={"instrument_id": "PHQ-9", "kind": "reliable_improvement", "baseline": chosen},
    )


def test_more_plans_and_chosen_baselines_add_no_queries(signed_in, cast) -> None:
    url = reverse("plans:measures", args=[cast.client.pk])
    first = _active_plan(cast, start=290, title="First")
    _chosen_target(cast, first, _score(cast, 18, 300))
    _score(cast, 12, 280)
    few = _queries(signed_in, url)
    for n in range(3):  # each new plan supersedes the one before: four episodes
        plan = _active_plan(cast, start=240 - 60 * n, title=f"Plan {n}")
        _chosen_target(cast, plan, _score(cast, 15 + n, 242 - 60 * n))
        _score(cast, 10, 230 - 60 * n)
    assert _queries(signed_in, url) == few
