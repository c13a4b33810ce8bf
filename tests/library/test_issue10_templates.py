"""Issue 10 template corrections, checked on the plan a template makes when applied."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import actor
from trellis.core.library import builtin_templates
from trellis.library import services
from trellis.library.registry import Entry
from trellis.plans.models import Goal, Intervention, MeasureTarget, Objective, TreatmentPlan

pytestmark = pytest.mark.django_db


def _apply(cast, key: str) -> TreatmentPlan:
    entry = Entry(key, builtin_templates()[key])
    return services.template_apply(
        actor=actor(cast.clinician),
        client=cast.client,
        entry=entry,
        start_date=timezone.localdate(),
    )


def _objectives(plan: TreatmentPlan) -> list[str]:
    return [
        " ".join(o.statement.split()) for o in Objective.objects.filter(goal__problem__plan=plan)
    ]


def _interventions(plan: TreatmentPlan) -> str:
    rows = Intervention.objects.filter(objective__goal__problem__plan=plan)
    return " ".join(" ".join(i.description.split()) for i in rows)


def test_bipolar_pairs_the_phq9_target_with_a_mood_chart_objective(cast) -> None:
    plan = _apply(cast, "bipolar-adjunctive")
    phq9 = MeasureTarget.objects.get(goal__problem__plan=plan, instrument_id="PHQ-9")
    siblings = [" ".join(o.statement.split()) for o in phq9.goal.objectives.all()]
    assert any("0 days rated +2 or above" in s and "mood chart" in s for s in siblings)
    objective = phq9.goal.objectives.get(statement__contains="rated +2 or above")
    assert objective.target_date is not None
    assert "switch" in " ".join(phq9.goal.statement.split())


def test_alcohol_goal_is_measured_by_the_diary_and_has_no_audit_c_target(cast) -> None:
    plan = _apply(cast, "alcohol-use-mi-cbt")
    targets = MeasureTarget.objects.filter(goal__problem__plan=plan) | MeasureTarget.objects.filter(
        objective__goal__problem__plan=plan
    )
    assert not targets.filter(instrument_id="AUDIT-C").exists()
    audit = targets.get(instrument_id="AUDIT")
    assert audit.value == 6  # under the women's and 65+ cut-off of 7 (WHO manual)
    goal = Goal.objects.get(problem__plan=plan, statement__contains="drinking diary")
    assert "3 is still a positive screen for a woman" in " ".join(goal.statement.split())


@pytest.mark.parametrize("key", ["older-adult-anxiety", "insomnia-cbti"])
def test_sedative_objectives_follow_the_prescribers_schedule(cast, key) -> None:
    plan = _apply(cast, key)
    objectives = [s for s in _objectives(plan) if "dose-reduction schedule" in s]
    assert len(objectives) == 1
    assert "from their prescriber" in objectives[0]
    assert "no more than 2" not in " ".join(_objectives(plan))
    text = _interventions(plan)
    assert "never sets or changes a dose" in text or "never advise the client to change" in text


def test_complex_trauma_makes_stabilisation_optional_and_cites_current_guidelines(cast) -> None:
    template = builtin_templates()["complex-trauma-phased"]
    assert {"istss2018", "vadod-ptsd-2023"} <= {r.id for r in template.references}
    assert "optional, not a precondition" in " ".join(template.summary.split())
    plan = _apply(cast, "complex-trauma-phased")
    assert any("begin trauma-focused work now" in s for s in _objectives(plan))
    assert not any("readiness criteria" in s for s in _objectives(plan))
    sources = {
        i.source
        for p in template.problems
        for g in p.goals
        for o in g.objectives
        for i in o.interventions
    }
    assert {"istss2018", "vadod-ptsd-2023"} <= sources


def test_suicidal_ideation_states_the_asqs_validated_ages(cast) -> None:
    template = builtin_templates()["suicidal-ideation-safety"]
    assert {"horowitz2012", "horowitz2020"} <= {r.id for r in template.references}
    plan = _apply(cast, "suicidal-ideation-safety")
    text = _interventions(plan)
    assert "aged 10 to 24" in text and "adult medical inpatients" in text
