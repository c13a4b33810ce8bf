"""Target met (set the next one) and target missed (deadline passed, the day itself in time)."""

from __future__ import annotations

from datetime import timedelta

from trellis.core.planning import Score
from trellis.core.progress import URGENCY_TARGET_MET, URGENCY_TARGET_MISSED, TargetSnapshot

from .helpers import TODAY, client, codes, days_ago, gad7_target, only


def test_a_met_target_says_to_set_the_next_one() -> None:
    target = gad7_target(15, 6, weeks_apart=timedelta(weeks=6))
    signal = only(client(targets=[target]), "target_met")
    assert signal.urgency == URGENCY_TARGET_MET
    assert signal.subject == "t1"
    assert signal.reason == (
        "Target met (GAD-7: a 60% drop): latest 6 on 2025-03-03; time to set the next one."
    )


def test_met_after_its_deadline_is_met_not_missed() -> None:
    target = gad7_target(15, 6, deadline=days_ago(10))
    assert codes(client(targets=[target])) == ["target_met"]


def test_deadline_today_is_still_in_time() -> None:
    target = gad7_target(15, 10, deadline=TODAY, weeks_apart=timedelta(weeks=4))
    assert codes(client(targets=[target])) == ["improving"]  # not missed: good news only


def test_deadline_yesterday_not_met_is_missed() -> None:
    target = gad7_target(15, 10, deadline=days_ago(1), weeks_apart=timedelta(weeks=4))
    signal = only(client(targets=[target]), "target_missed")
    assert signal.urgency == URGENCY_TARGET_MISSED
    assert signal.reason == (
        "Target missed (GAD-7: a 60% drop by 2025-03-02): the deadline has passed; "
        "latest 10 on 2025-03-03."
    )


def test_missed_is_judged_against_the_today_given() -> None:
    # Evaluated while still in time; the dashboard's today is after the deadline.
    target = gad7_target(15, 10, deadline=days_ago(1), today=days_ago(2))
    assert target.status == "on_track"
    assert codes(client(targets=[target])) == ["target_missed"]


def test_missed_without_any_score_since_baseline() -> None:
    target = gad7_target(15, None, deadline=days_ago(3), weeks_apart=timedelta(weeks=4))
    reason = only(client(targets=[target]), "target_missed").reason
    assert reason.endswith("the deadline has passed; no score yet.")


def test_missed_is_said_as_the_plan_says_it() -> None:
    # Past its deadline and flat: the plan's status is "missed", and so is the dashboard's.
    target = gad7_target(
        15, 13, deadline=days_ago(1), weeks_apart=timedelta(weeks=12), between=(13, 13)
    )
    assert target.status == "missed"
    assert codes(client(targets=[target])) == ["target_missed"]


def test_snapshot_built_by_hand_needs_no_evaluation() -> None:
    target = TargetSnapshot(
        target_id="t9",
        measure="WHO-5",
        description="WHO-5: 52 or above",
        deadline=None,
        status="met",
        baseline=Score(days_ago(30), 40),
        latest=Score(TODAY, 56),
    )
    assert only(client(targets=[target]), "target_met").subject == "t9"
