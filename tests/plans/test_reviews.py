"""Reviewing the plan in force: the evidence, the decision and what follows from it; and
which plans are due for review."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.audit_helpers import events_since, last_id, summary
from tests.clock import FROZEN_DAY
from tests.factories import (
    PASSWORD,
    SIGN,
    actor,
    grow_plan,
    make_administration,
    phq9_answers,
)
from trellis.measures import services as measure_services
from trellis.plans import services
from trellis.plans.models import Goal, PlanReview, PlanStatus, TreatmentPlan
from trellis.plans.reviews import evidence as evidence_module
from trellis.plans.reviews.due import review_due, review_due_filter
from trellis.plans.reviews.evidence import clip, evidence_summary, review_evidence
from trellis.plans.reviews.selectors import next_review_default
from trellis.plans.reviews.services import review_record
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.selectors import plan_tree

# Reviews are about dates (60 days in, 90 days on, tomorrow refused): every test runs on
# one fixed day, so TODAY, read at import, is still today when the test runs.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]
TODAY = FROZEN_DAY


def _fresh(plan: TreatmentPlan) -> TreatmentPlan:
    return TreatmentPlan.objects.get(pk=plan.pk)


def _score(cast: Any, total: int, days_ago: int) -> Any:
    on = TODAY - timedelta(days=days_ago)
    return make_administration(cast.clinician, cast.client, phq9_answers(total), on=on)


@pytest.fixture
def active(cast) -> TreatmentPlan:
    """The cast's plan, started 60 days ago with a 90-day review, a PHQ-9 target on its
    goal, and in force."""
    start = TODAY - timedelta(days=60)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(
        start_date=start, review_date=start + timedelta(days=90)
    )
    services.target_add(
        actor=actor(cast.clinician),
        owner=Goal.objects.get(problem__plan=cast.plan),
        data={"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0},
    )
    plan = _fresh(cast.plan)
    services.plan_activate(actor=actor(cast.clinician), plan=plan, expected_version=plan.version)
    return _fresh(plan)


def _review(cast: Any, plan: TreatmentPlan, **data: Any) -> PlanReview:
    values = {"decision": "continue", "next_review_date": TODAY + timedelta(days=90), **data}
    return review_record(actor=actor(cast.clinician), plan=_fresh(plan), data=values)


# --- The evidence -----------------------------------------------------------------------


def test_evidence_holds_scores_since_the_start_and_target_and_objective_statuses(
    cast, active
) -> None:
    _score(cast, 20, days_ago=90)  # before the start: the baseline, not evidence
    kept = _score(cast, 16, days_ago=40)
    voided = _score(cast, 22, days_ago=30)
    measure_services.administration_void(
        actor=actor(cast.clinician), administration=voided, reason="Typo"
    )
    latest = _score(cast, 12, days_ago=5)
    evidence = review_evidence(plan_tree(active))
    assert evidence["since"] == active.start_date.isoformat()
    assert [s["id"] for s in evidence["scores"]] == [str(kept.pk), str(latest.pk)]
    assert evidence["instruments"] == [
        {
            "instrument": "PHQ-9",
            "count": 2,
            "first": {
                "on": evidence["scores"][0]["on"],
                "total": 16.0,
                "severity": "moderately severe",
            },
            "last": {"on": evidence["scores"][1]["on"], "total": 12.0, "severity": "moderate"},
            "change": -4.0,
        }
    ]
    (goal,) = evidence["goals"]
    (target,) = goal["targets"]
    assert (target["status"], target["baseline"]["value"], target["latest"]["value"]) == (
        "on_track",
        20.0,
        12.0,
    )
    (objective,) = goal["objectives"]
    assert (objective["status"], objective["status_label"]) == ("not_started", "Not started")
    summary_text = evidence_summary(evidence)
    assert "PHQ-9: 16 (moderately severe)" in summary_text and "On track" in summary_text


def test_the_next_review_looks_only_at_what_came_after_the_last(cast, active) -> None:
    first_score = _score(cast, 16, days_ago=40)
    review = _review(cast, active, reviewed_on=TODAY - timedelta(days=20))
    assert [s["id"] for s in review.evidence["scores"]] == [str(first_score.pk)]
    later = _score(cast, 10, days_ago=2)
    evidence = review_evidence(plan_tree(active))
    assert evidence["since"] == (TODAY - timedelta(days=20)).isoformat()
    assert evidence["previous_review"] == str(review.pk)
    assert [s["id"] for s in evidence["scores"]] == [str(later.pk)]


def test_without_the_progress_app_the_evidence_has_no_notes(cast, active, monkeypatch) -> None:
    monkeypatch.setattr(evidence_module, "_notes_source", None)
    evidence = review_evidence(plan_tree(active))
    assert evidence["notes"] is None
    assert "session note" not in evidence_summary(evidence)


def test_session_notes_since_the_last_review_are_evidence(cast, active) -> None:
    assert evidence_module._notes_source is not None  # registered by the progress app
    from tests.factories import make_note

    note = make_note(cast.clinician, cast.client, session_date=TODAY - timedelta(days=3))
    evidence = review_evidence(plan_tree(active))
    assert [n["id"] for n in evidence["notes"]] == [str(note.pk)]
    assert evidence["notes"][0]["session_date"] == (TODAY - timedelta(days=3)).isoformat()
    assert "- 1 session note." in evidence_summary(evidence)


# --- Decisions --------------------------------------------------------------------------


def test_continue_records_the_review_and_sets_the_next_review_date(cast, active) -> None:
    mark = last_id()
    review = _review(cast, active, summary="Steady", what_changed="")
    assert (review.decision, review.reviewer, review.reviewed_on) == (
        "continue",
        cast.clinician,
        TODAY,
    )
    assert _fresh(active).review_date == TODAY + timedelta(days=90)
    events = events_since(mark)
    assert summary(events) == [
        ("create", "planreview", cast.client.pk),
        ("update", "treatmentplan", cast.client.pk),
    ]
    assert events[0].detail == {
        "plan": str(active.pk),
        "decision": "continue",
        "client_participated": None,
    }
    assert events[1].detail == {"fields": ["review_date"], "review": str(review.pk)}


def test_a_signed_plan_is_still_reviewed_and_rescheduled(cast, active) -> None:
    digest = plan_hash(plan_tree(active))
    plan_sign(
        **SIGN, actor=actor(cast.clinician), plan=active, role="clinician", expected_hash=digest
    )
    _review(cast, active)
    assert _fresh(active).review_date == TODAY + timedelta(days=90)
    assert plan_hash(plan_tree(active)) == digest


def test_revise_makes_a_new_draft_version_with_the_next_review_date(cast, active) -> None:
    mark = last_id()
    review = _review(cast, active, decision="revise", what_changed="Add a sleep goal")
    draft = review.new_version
    assert draft is not None and PlanReview.objects.get(pk=review.pk).new_version == draft
    assert (draft.status, draft.previous_version_id, draft.review_date) == (
        PlanStatus.DRAFT,
        active.pk,
        TODAY + timedelta(days=90),
    )
    assert _fresh(active).status == PlanStatus.ACTIVE
    assert summary(events_since(mark)) == [
        ("create", "planreview", cast.client.pk),
        ("create", "treatmentplan", cast.client.pk),
    ]


def test_discharge_closes_the_plan(cast, active) -> None:
    mark = last_id()
    review = _review(cast, active, decision="discharge", what_changed="Goals met")
    assert review.next_review_date is None
    plan = _fresh(active)
    assert (plan.status, plan.closed_at is not None) == (PlanStatus.CLOSED, True)
    assert [e.detail for e in events_since(mark)][1] == {"status": "closed"}


def test_step_up_with_a_date_reschedules_and_transfer_without_one_does_not(cast, active) -> None:
    _review(
        cast,
        active,
        decision="step_up",
        what_changed="Twice weekly",
        next_review_date=TODAY + timedelta(days=30),
    )
    assert _fresh(active).review_date == TODAY + timedelta(days=30)
    _review(cast, active, decision="transfer", what_changed="IOP", next_review_date=None)
    assert _fresh(active).review_date == TODAY + timedelta(days=30)
    assert _fresh(active).status == PlanStatus.ACTIVE


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"next_review_date": None}, "next_review_date"),
        ({"next_review_date": TODAY}, "next_review_date"),
        ({"reviewed_on": TODAY + timedelta(days=1)}, "reviewed_on"),
        ({"reviewed_on": TODAY - timedelta(days=365)}, "reviewed_on"),
        ({"decision": "revise", "what_changed": " "}, "what_changed"),
        ({"decision": "maybe"}, "decision"),
    ],
)
def test_a_review_that_does_not_add_up_is_refused(cast, active, data, field) -> None:
    mark = last_id()
    with pytest.raises(ValidationError) as error:
        _review(cast, active, **data)
    assert field in error.value.message_dict
    assert not PlanReview.objects.exists() and events_since(mark) == []


def test_only_the_plan_in_force_is_reviewed(cast) -> None:
    with pytest.raises(ValidationError, match="plan in force"):
        _review(cast, cast.plan)


def test_the_next_review_defaults_to_the_same_interval(cast, active) -> None:
    assert next_review_default(active, TODAY) == TODAY + timedelta(days=90)
    _review(cast, active, next_review_date=TODAY + timedelta(days=45))
    assert next_review_default(active, TODAY) == TODAY + timedelta(days=45)


# --- Which plans are due ----------------------------------------------------------------


def _plan(review_date: date | None, status: str = PlanStatus.ACTIVE) -> TreatmentPlan:
    return TreatmentPlan(status=status, review_date=review_date, start_date=TODAY)


def test_review_due_edges() -> None:
    today = date(2026, 3, 1)
    plans = {
        "overdue": _plan(date(2026, 2, 28)),
        "today": _plan(today),
        "window": _plan(today + timedelta(days=14)),
        "later": _plan(today + timedelta(days=15)),
        "missing": _plan(None),
        "draft": _plan(date(2026, 1, 1), PlanStatus.DRAFT),
        "long overdue": _plan(date(2026, 1, 1)),
    }
    due = review_due(plans.values(), today)
    names = {id(p): name for name, p in plans.items()}
    assert [(names[id(d.plan)], d.state, d.days) for d in due] == [
        ("missing", "missing", None),
        ("long overdue", "overdue", -59),
        ("overdue", "overdue", -1),
        ("today", "due", 0),
        ("window", "due", 14),
    ]
    assert [d.reason for d in due] == [
        "No review date is set.",
        "Review overdue by 59 days (2026-01-01).",
        "Review overdue by 1 day (2026-02-28).",
        "Review due today (2026-03-01).",
        "Review due in 14 days (2026-03-15).",
    ]


def test_review_due_filter_selects_the_same_plans_in_the_database(cast, active) -> None:
    soon = TODAY + timedelta(days=10)
    TreatmentPlan.objects.filter(pk=active.pk).update(review_date=soon)
    found = TreatmentPlan.objects.filter(review_due_filter(TODAY))
    assert list(found) == [_fresh(active)]
    assert not TreatmentPlan.objects.filter(review_due_filter(TODAY, window_days=5))


# --- Pages ------------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def test_the_review_form_opens_with_the_evidence(signed_in, cast, active) -> None:
    _score(cast, 14, days_ago=10)
    response = signed_in.get(reverse("plans:review", args=[active.pk]))
    body = response.content.decode()
    form = response.context["form"]
    assert form["summary"].value().startswith(f"Since {active.start_date.isoformat()}:")
    assert "PHQ-9: 14 (moderate)" in form["summary"].value()
    assert form["next_review_date"].value() == TODAY + timedelta(days=90)
    assert "On track" in body or "Not yet measured" in body
    assert "Record the review" in body


def test_posting_a_review_records_it_and_returns_to_the_plan(signed_in, cast, active) -> None:
    url = reverse("plans:review", args=[active.pk])
    data = {
        "reviewed_on": TODAY.isoformat(),
        "client_participated": "no",
        "decision": "continue",
        "summary": "Mood a little better",
        "next_review_date": (TODAY + timedelta(days=60)).isoformat(),
    }
    response = signed_in.post(url, data)
    assert response["Location"] == reverse("plans:detail", args=[active.pk])
    review = PlanReview.objects.get()
    assert review.summary == "Mood a little better"
    assert review.client_participated is False
    detail = signed_in.get(reverse("plans:review_detail", args=[review.pk]))
    assert "Mood a little better" in detail.content.decode()
    assert "did not take part in this review" in detail.content.decode()


def test_a_refused_review_keeps_what_was_typed(signed_in, cast, active) -> None:
    url = reverse("plans:review", args=[active.pk])
    response = signed_in.post(
        url,
        {
            "reviewed_on": TODAY.isoformat(),
            "client_participated": "yes",
            "decision": "revise",
            "summary": "Typed with care",
            "next_review_date": (TODAY + timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Typed with care" in body and "Say what changes" in body
    assert not PlanReview.objects.exists()


def test_revise_from_the_review_page_goes_to_the_new_version(signed_in, cast, active) -> None:
    response = signed_in.post(
        reverse("plans:review", args=[active.pk]),
        {
            "reviewed_on": TODAY.isoformat(),
            "client_participated": "yes",
            "decision": "revise",
            "what_changed": "New goal for sleep",
            "next_review_date": (TODAY + timedelta(days=90)).isoformat(),
        },
    )
    draft = TreatmentPlan.objects.get(previous_version=active)
    assert response["Location"] == reverse("plans:detail", args=[draft.pk])


def test_the_review_page_of_a_draft_says_only_the_plan_in_force_is_reviewed(
    signed_in, cast
) -> None:
    body = signed_in.get(reverse("plans:review", args=[cast.plan.pk])).content.decode()
    assert "Only the plan in force is reviewed" in body
    assert "Record the review" not in body


def test_the_review_page_issues_a_bounded_number_of_queries(signed_in, cast, active) -> None:
    _review(cast, active)
    _score(cast, 14, days_ago=1)
    counts = []
    for objectives in (0, 40):
        grow_plan(cast.clinician, active, objectives=objectives)
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get(reverse("plans:review", args=[active.pk])).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 19


def test_a_long_objective_is_clipped_between_words_in_the_summary() -> None:
    statement = (
        "Harold will do one planned activity outside the house each week "
        "(coffee group, church, Michael's woodshop), marked on his activity chart."
    )
    assert clip(statement, 80) == (
        "Harold will do one planned activity outside the house each week (coffee group…"
    )
    assert clip("Sleep seven hours.", 80) == "Sleep seven hours"
    assert clip("x" * 90, 80) == "x" * 80 + "…"
