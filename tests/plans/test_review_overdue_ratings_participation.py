"""Issue 12: a review shows objectives past their target date as overdue (so does the plan),
counts the session notes' per-goal ratings as evidence, and records whether the client took
part."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.clock import FROZEN_DAY
from tests.factories import PASSWORD, actor, make_note
from trellis.plans import services
from trellis.plans.models import Goal, Objective, PlanReview, TreatmentPlan
from trellis.plans.reviews.evidence import evidence_summary, review_evidence
from trellis.plans.versions.selectors import plan_tree

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]
TODAY = FROZEN_DAY


@pytest.fixture
def active(cast) -> TreatmentPlan:
    start = TODAY - timedelta(days=60)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(
        start_date=start, review_date=start + timedelta(days=90)
    )
    plan = TreatmentPlan.objects.get(pk=cast.plan.pk)
    services.plan_activate(actor=actor(cast.clinician), plan=plan, expected_version=plan.version)
    return TreatmentPlan.objects.get(pk=plan.pk)


def _overdue(plan: TreatmentPlan) -> Objective:
    objective = Objective.objects.get(goal__problem__plan=plan)
    # Set as it stood: the target date was reached ten days ago and the work goes on.
    Objective.objects.filter(pk=objective.pk).update(
        target_date=TODAY - timedelta(days=10), status="in_progress"
    )
    return objective


def test_an_objective_past_its_date_is_overdue_in_the_review_and_on_the_plan(
    client, cast, active
) -> None:
    _overdue(active)
    evidence = review_evidence(plan_tree(active))
    objective = evidence["goals"][0]["objectives"][0]
    assert objective["overdue"] is True
    assert "overdue since" in evidence_summary(evidence)
    client.login(username=cast.clinician.email, password=PASSWORD)
    review_page = client.get(reverse("plans:review", args=[active.pk])).content.decode()
    assert "overdue</span>" in review_page
    plan_page = client.get(reverse("plans:detail", args=[active.pk])).content.decode()
    assert "overdue</span>" in plan_page


def test_a_met_objective_past_its_date_is_not_overdue(cast, active) -> None:
    objective = _overdue(active)
    Objective.objects.filter(pk=objective.pk).update(status="met")
    assert review_evidence(plan_tree(active))["goals"][0]["objectives"][0]["overdue"] is False


def test_the_notes_ratings_per_goal_are_evidence(cast, active) -> None:
    make_note(cast.clinician, cast.client, session_date=TODAY - timedelta(days=7), signed=True)
    goal = Goal.objects.get(problem__plan=active)
    evidence = review_evidence(plan_tree(active))
    ratings = evidence["goals"][0]["ratings"]
    assert ratings == [
        {"on": (TODAY - timedelta(days=7)).isoformat(), "rating": 3, "label": "Some progress"}
    ]
    assert evidence["notes"][0]["ratings"][0]["goal_lineage"] == str(goal.lineage)
    assert "rated 3 on" in evidence_summary(evidence)


def test_the_review_form_asks_whether_the_client_took_part(client, cast, active) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("plans:review", args=[active.pk])
    data = {
        "reviewed_on": TODAY.isoformat(),
        "decision": "continue",
        "summary": "Typed with care",
        "next_review_date": (TODAY + timedelta(days=60)).isoformat(),
    }
    refused = client.post(url, data)
    assert refused.status_code == 422 and "Typed with care" in refused.content.decode()
    assert not PlanReview.objects.exists()
    assert client.post(url, {**data, "client_participated": "yes"}).status_code == 302
    review = PlanReview.objects.get()
    assert review.client_participated is True
    body = client.get(reverse("plans:review_detail", args=[review.pk])).content.decode()
    assert "took part in this review" in body
