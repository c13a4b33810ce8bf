"""Applying templates: every shipped one makes a complete plan with dates, baselines and
audit events; a selection keeps only what was ticked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.audit_helpers import events_since, last_id
from tests.factories import actor, make_administration, make_diagnosis, phq9_answers
from trellis.core.library import builtin_templates
from trellis.core.planning import resolve_deadline
from trellis.library import services
from trellis.library.registry import Entry
from trellis.plans.models import Goal, Intervention, MeasureTarget, Objective, Problem
from trellis.plans.targets import evaluate_all

pytestmark = pytest.mark.django_db
SHIPPED = sorted(builtin_templates())


def _apply(cast, key: str, **kwargs):
    entry = Entry(key, builtin_templates()[key])
    return entry, services.template_apply(
        actor=actor(cast.clinician), client=cast.client, entry=entry, **kwargs
    )


@pytest.mark.parametrize("key", SHIPPED)
def test_every_shipped_template_makes_a_whole_plan(cast, key) -> None:
    template = builtin_templates()[key]
    start = timezone.localdate() - timedelta(days=7)
    for code in template.icd10[:1]:
        if not cast.client.diagnoses.filter(code=code).exists():
            make_diagnosis(cast.clinician, cast.client, code)
    instruments = {
        t.instrument
        for p in template.problems
        for g in p.goals
        for t in [g.target, *(o.target for o in g.objectives)]
        if t is not None
    }
    baseline = None
    if "PHQ-9" in instruments:
        baseline = make_administration(
            cast.clinician, cast.client, phq9_answers(16), on=start - timedelta(days=1)
        )
    mark = last_id()
    _, plan = _apply(cast, key, start_date=start)

    counts = template.counts
    assert Problem.objects.filter(plan=plan).count() == counts["problems"]
    assert Goal.objects.filter(problem__plan=plan).count() == counts["goals"]
    assert Objective.objects.filter(goal__problem__plan=plan).count() == counts["objectives"]
    assert (
        Intervention.objects.filter(objective__goal__problem__plan=plan).count()
        == counts["interventions"]
    )
    assert plan.status == "draft" and plan.start_date == start
    assert plan.review_date == start + timedelta(days=template.review_interval_days)

    objectives = list(
        Objective.objects.filter(goal__problem__plan=plan).order_by("goal", "position")
    )
    expected_dates = [
        resolve_deadline(o.deadline, start=start) if o.deadline else None
        for p in template.problems
        for g in p.goals
        for o in g.objectives
    ]
    assert sorted(map(str, (o.target_date for o in objectives))) == sorted(map(str, expected_dates))

    targets = MeasureTarget.objects.filter(models_q_goal_or_objective(plan))
    assert targets.count() == len(
        [
            t
            for p in template.problems
            for g in p.goals
            for t in [g.target, *(o.target for o in g.objectives)]
            if t is not None
        ]
    )
    phq9 = list(targets.filter(instrument_id="PHQ-9"))
    for target in phq9:
        assert target.baseline is None  # not pinned: the rule chooses, from the scores
    if phq9:
        views = evaluate_all(plan, phq9)
        for view in views.values():
            assert view.baseline.score.value == baseline.total  # the day before the start
            assert "1 day before the plan started" in view.baseline.reason

    events = events_since(mark)
    assert all(e.client_id == cast.client.pk for e in events)
    assert [e.detail.get("template") for e in events if e.object_type == "treatmentplan"][-1] == key
    created = {e.object_type for e in events if e.action == "create"}
    assert {"treatmentplan", "problem", "goal", "objective", "intervention"} <= created


def models_q_goal_or_objective(plan):
    from django.db.models import Q

    return Q(goal__problem__plan=plan) | Q(objective__goal__problem__plan=plan)


def test_a_selection_keeps_only_what_was_ticked(cast) -> None:
    key = SHIPPED[0]
    template = builtin_templates()[key]
    keep = {"p0", "p0.g0", "p0.g0.o0"}
    _, plan = _apply(cast, key, keep=keep)
    assert Problem.objects.filter(plan=plan).count() == 1
    assert Goal.objects.filter(problem__plan=plan).count() == 1
    objective = Objective.objects.get(goal__problem__plan=plan)
    assert objective.statement == template.problems[0].goals[0].objectives[0].statement


def test_an_objective_without_its_goal_is_not_kept(cast) -> None:
    _, plan = _apply(cast, SHIPPED[0], keep={"p0", "p0.g0.o0"})
    assert Problem.objects.filter(plan=plan).count() == 1
    assert not Objective.objects.filter(goal__problem__plan=plan).exists()


def test_keeping_nothing_is_refused_and_makes_nothing(cast) -> None:
    before = cast.client.plans.count()
    with pytest.raises(ValidationError):
        _apply(cast, SHIPPED[0], keep=set())
    assert cast.client.plans.count() == before


def test_a_problem_is_linked_to_the_clients_diagnosis(cast) -> None:
    key = next(k for k in SHIPPED if builtin_templates()[k].problems[0].icd10)
    code = builtin_templates()[key].problems[0].icd10
    diagnosis = make_diagnosis(cast.clinician, cast.client, code)
    _, plan = _apply(cast, key)
    assert Problem.objects.filter(plan=plan, diagnosis=diagnosis).exists()


def test_the_templates_measures_become_the_plans_schedule(cast) -> None:
    key = next(k for k in SHIPPED if builtin_templates()[k].measures)
    _, plan = _apply(cast, key)
    expected = {(m.instrument, m.every_weeks) for m in builtin_templates()[key].measures}
    assert set(plan.measure_schedule.values_list("instrument_id", "every_weeks")) == expected
