"""Issue 12: a review's evidence holds each goal's target date and status (overdue by the
same rule as an objective) and shows them; a historical total entered without its answers
is marked "total only" in the evidence, in the recorded review and in the note form's list
of measures given. Dates on these pages follow the practice's style; the stored evidence
keeps ISO dates."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.clock import FROZEN_DAY
from tests.factories import PASSWORD, actor
from trellis.accounts.dates import date_style, format_day
from trellis.accounts.models import PracticeSettings
from trellis.measures import services as measure_services
from trellis.measures.registry import instrument_get
from trellis.plans import services
from trellis.plans.models import Goal, PlanReview, TreatmentPlan
from trellis.plans.reviews.evidence import evidence_summary, review_evidence
from trellis.plans.versions.selectors import plan_tree

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]
TODAY = FROZEN_DAY
GOAL_DUE = TODAY - timedelta(days=5)
PAPER_DAY = TODAY - timedelta(days=20)


@pytest.fixture
def active(cast) -> TreatmentPlan:
    PracticeSettings.objects.create(practice=cast.practice, date_style="long")
    start = TODAY - timedelta(days=60)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(
        start_date=start, review_date=start + timedelta(days=90)
    )
    Goal.objects.filter(problem__plan=cast.plan).update(target_date=GOAL_DUE, status="in_progress")
    plan = TreatmentPlan.objects.get(pk=cast.plan.pk)
    services.plan_activate(actor=actor(cast.clinician), plan=plan, expected_version=plan.version)
    return TreatmentPlan.objects.get(pk=plan.pk)


@pytest.fixture
def paper_total(cast):
    """A PHQ-9 total copied from a referral letter: no answers, so no critical item checked."""
    return measure_services.administration_record_total(
        actor=actor(cast.clinician),
        client=cast.client,
        instrument=instrument_get(cast.practice.pk, "PHQ-9"),
        total=17,
        administered_at=timezone.make_aware(datetime.combine(PAPER_DAY, time(12, 0))),
        notes="From the GP's referral letter.",
    )


def test_the_evidence_keeps_each_goals_target_date_and_status(cast, active) -> None:
    goal = review_evidence(plan_tree(active))["goals"][0]
    assert goal["target_date"] == GOAL_DUE.isoformat()  # stored as ISO, whatever the style
    assert (goal["status"], goal["status_label"], goal["overdue"]) == (
        "in_progress",
        "In progress",
        True,
    )
    Goal.objects.filter(problem__plan=active).update(status="met")
    assert review_evidence(plan_tree(active))["goals"][0]["overdue"] is False


def test_the_review_page_shows_goal_dates_statuses_and_total_only(
    client, cast, active, paper_total
) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("plans:review", args=[active.pk])).content.decode()
    with date_style("long"):
        due, paper = format_day(GOAL_DUE), format_day(PAPER_DAY)
    goal_line = body.split("Mood lifts enough to work.</strong>", 1)[1].split("</p>", 1)[0]
    assert "<strong>In progress</strong>" in goal_line
    assert f"(by {due})" in goal_line and "overdue</span>" in goal_line
    score_row = next(row for row in body.split("<tr>") if f"<td>{paper}</td>" in row)
    assert ">total only</span>" in score_row
    # The summary the clinician starts from says it too, dates in the practice's style.
    assert f"Goal Mood lifts enough to work: In progress, target date {due}, overdue" in body
    assert f"so no critical item was checked): PHQ-9 on {paper}." in body
    assert GOAL_DUE.isoformat() not in body and PAPER_DAY.isoformat() not in body


def test_a_recorded_review_shows_them_as_they_stood(client, cast, active, paper_total) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    data = {
        "reviewed_on": TODAY.isoformat(),
        "decision": "continue",
        "summary": "Going well.",
        "next_review_date": (TODAY + timedelta(days=60)).isoformat(),
        "client_participated": "yes",
    }
    assert client.post(reverse("plans:review", args=[active.pk]), data).status_code == 302
    review = PlanReview.objects.get()
    assert review.evidence["scores"][0]["total_only"] is True
    # Stored as ISO, though recorded in a request written in the long style.
    assert review.evidence["goals"][0]["target_date"] == GOAL_DUE.isoformat()
    assert review.evidence["scores"][0]["on"] == PAPER_DAY.isoformat()
    # The goal moves on after the review; the record keeps what the review saw.
    Goal.objects.filter(problem__plan=active).update(status="met")
    body = client.get(reverse("plans:review_detail", args=[review.pk])).content.decode()
    with date_style("long"):
        assert f"Evidence as it stood (since {format_day(active.start_date)})" in body
        assert f"(by {format_day(GOAL_DUE)})" in body
    assert "<strong>In progress</strong>" in body and ">total only</span>" in body


def test_evidence_recorded_before_goals_had_a_status_still_reads(cast, active) -> None:
    evidence = review_evidence(plan_tree(active))
    for goal in evidence["goals"]:
        for key in ("status", "status_label", "target_date", "overdue"):
            goal.pop(key)
    for score in evidence["scores"]:
        score.pop("total_only")
    assert "Goal Mood lifts" not in evidence_summary(evidence)


def test_the_note_form_marks_a_total_only_score_among_the_measures_given(
    client, cast, active, paper_total
) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("progress:create", args=[cast.client.pk])).content.decode()
    with date_style("long"):
        assert f"PHQ-9 17 (total only) (moderately severe) · {format_day(PAPER_DAY)}" in body
    assert PAPER_DAY.isoformat() not in body
