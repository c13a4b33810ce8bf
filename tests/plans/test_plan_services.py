from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.audit_helpers import events_since, last_id, summary
from tests.factories import actor, grow_plan, make_client, make_plan
from trellis.concurrency import StaleEditError
from trellis.plans import services
from trellis.plans.items import INTERVENTION, OBJECTIVE, PROBLEM
from trellis.plans.models import Goal, Objective, PlanStatus, Problem, TreatmentPlan

pytestmark = pytest.mark.django_db


def test_new_plan_is_a_draft_with_a_90_day_review_and_intake_strengths(cast) -> None:
    mark = last_id()
    plan = make_plan(cast.clinician, cast.client)
    assert plan.status == PlanStatus.DRAFT
    assert plan.review_date == plan.start_date + timedelta(days=90)
    assert plan.strengths == cast.client.strengths
    assert summary(events_since(mark)) == [("create", "treatmentplan", cast.client.pk)]


def test_review_before_start_is_refused(cast) -> None:
    plan = cast.plan
    with pytest.raises(ValidationError) as error:
        make_plan(cast.clinician, cast.client, review_date=plan.start_date - timedelta(days=1))
    assert "review_date" in error.value.message_dict


def test_discharged_client_gets_no_new_plan(cast) -> None:
    cast.client.status = "discharged"
    with pytest.raises(ValidationError):
        make_plan(cast.clinician, cast.client)


def test_items_are_added_in_order_and_audited(cast) -> None:
    mark = last_id()
    who = actor(cast.clinician)
    first = services.plan_item_add(actor=who, kind=PROBLEM, parent=cast.plan, data={"title": "B"})
    second = services.plan_item_add(actor=who, kind=PROBLEM, parent=cast.plan, data={"title": "C"})
    assert first.position < second.position
    assert [p.title for p in cast.plan.problems.all()][-2:] == ["B", "C"]
    events = events_since(mark)
    assert summary(events) == [
        ("create", "problem", cast.client.pk),
        ("create", "problem", cast.client.pk),
    ]
    assert events[0].detail == {"plan": str(cast.plan.pk)}


def test_problem_cannot_link_another_clients_diagnosis(cast) -> None:
    other = make_client(cast.clinician, first_name="Lee", last_name="Park")
    from tests.factories import make_diagnosis

    foreign = make_diagnosis(cast.clinician, other, "F41.1")
    with pytest.raises(ValidationError) as error:
        services.plan_item_add(
            actor=actor(cast.clinician),
            kind=PROBLEM,
            parent=cast.plan,
            data={"title": "Worry", "diagnosis": foreign},
        )
    assert "diagnosis" in error.value.message_dict


def test_item_update_checks_the_version(cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    who = actor(cast.clinician)
    services.plan_item_update(actor=who, item=goal, data={"statement": "First"}, expected_version=1)
    stale = Goal.objects.get(pk=goal.pk)
    stale.version = 1
    with pytest.raises(StaleEditError):
        services.plan_item_update(
            actor=actor(cast.supervisor),
            item=stale,
            data={"statement": "Second"},
            expected_version=1,
        )
    assert Goal.objects.get(pk=goal.pk).statement == "First"


def test_edits_to_different_items_do_not_conflict(cast) -> None:
    grow_plan(cast.clinician, cast.plan, objectives=2)
    first, second = Objective.objects.filter(goal__problem__plan=cast.plan)[:2]
    services.plan_item_update(
        actor=actor(cast.clinician), item=first, data={"statement": "A"}, expected_version=1
    )
    services.plan_item_update(
        actor=actor(cast.supervisor), item=second, data={"statement": "B"}, expected_version=1
    )
    assert {o.statement for o in Objective.objects.filter(pk__in=[first.pk, second.pk])} == {
        "A",
        "B",
    }


def test_remove_takes_the_subtree_and_is_audited(cast) -> None:
    problem = Problem.objects.get(plan=cast.plan)
    mark = last_id()
    services.plan_item_remove(actor=actor(cast.clinician), item=problem, expected_version=1)
    assert not Goal.objects.filter(problem__plan=cast.plan).exists()
    assert summary(events_since(mark)) == [("delete", "problem", cast.client.pk)]


def test_move_swaps_neighbours(cast) -> None:
    who = actor(cast.clinician)
    goal = Goal.objects.get(problem__plan=cast.plan)
    a = Objective.objects.get(goal=goal)
    b = services.plan_item_add(actor=who, kind=OBJECTIVE, parent=goal, data={"statement": "B"})
    assert services.plan_item_move(actor=who, item=b, direction="up") is True
    assert list(goal.objectives.all()) == [b, a]
    assert services.plan_item_move(actor=who, item=b, direction="up") is False


def test_activate_supersedes_the_previous_active_plan(cast) -> None:
    who = actor(cast.clinician)
    services.plan_activate(actor=who, plan=cast.plan, expected_version=1)
    successor = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client, title="v2"))
    mark = last_id()
    services.plan_activate(actor=who, plan=successor, expected_version=successor.version)
    cast.plan.refresh_from_db()
    successor.refresh_from_db()
    assert (cast.plan.status, successor.status) == (PlanStatus.SUPERSEDED, PlanStatus.ACTIVE)
    assert [e.detail for e in events_since(mark)] == [
        {"status": "superseded"},
        {"status": "active"},
    ]


def test_an_empty_plan_cannot_be_activated(cast) -> None:
    empty = make_plan(cast.clinician, cast.client)
    with pytest.raises(ValidationError):
        services.plan_activate(actor=actor(cast.clinician), plan=empty, expected_version=1)


def test_closed_plans_are_locked(cast) -> None:
    who = actor(cast.clinician)
    services.plan_close(actor=who, plan=cast.plan, expected_version=1)
    plan = TreatmentPlan.objects.get(pk=cast.plan.pk)
    with pytest.raises(services.PlanLockedError):
        services.plan_item_add(actor=who, kind=PROBLEM, parent=plan, data={"title": "Late"})
    with pytest.raises(services.PlanLockedError):
        services.plan_update(actor=who, plan=plan, data={"referrals": "x"}, expected_version=2)


def test_section_fingerprint_lets_two_sections_be_edited_at_once(cast) -> None:
    from trellis.concurrency import fingerprint

    safety_fields = ("warning_signs",)
    supports_fields = ("referrals",)
    safety_print = fingerprint(cast.plan, safety_fields)
    supports_print = fingerprint(cast.plan, supports_fields)
    who = actor(cast.clinician)
    services.plan_update(
        actor=who, plan=cast.plan, data={"referrals": "PCP"}, expected_fingerprint=supports_print
    )
    services.plan_update(
        actor=who,
        plan=cast.plan,
        data={"warning_signs": "Isolating"},
        expected_fingerprint=safety_print,
    )
    with pytest.raises(StaleEditError):
        services.plan_update(
            actor=actor(cast.supervisor),
            plan=cast.plan,
            data={"warning_signs": "Other"},
            expected_fingerprint=safety_print,
        )
    cast.plan.refresh_from_db()
    assert (cast.plan.referrals, cast.plan.warning_signs) == ("PCP", "Isolating")


def test_intervention_fields(cast) -> None:
    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    item = services.plan_item_add(
        actor=actor(cast.clinician),
        kind=INTERVENTION,
        parent=objective,
        data={
            "modality": "erp",
            "description": "Graded exposure",
            "frequency": "2x weekly",
            "delivered_by": "Casey Clinician",
        },
    )
    assert item.get_modality_display().startswith("Exposure and response prevention")
    with pytest.raises(ValidationError):
        services.plan_item_add(
            actor=actor(cast.clinician),
            kind=INTERVENTION,
            parent=objective,
            data={"modality": "astrology", "description": "x"},
        )
