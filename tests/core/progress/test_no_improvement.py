"""No reliable improvement after N weeks (default 8): the boundary is >= 56 days from the
baseline to the latest score; "reliable" is the GAD-7's 4 points, judged by evaluate_target."""

from __future__ import annotations

from datetime import timedelta

from trellis.core.planning import Score
from trellis.core.progress import URGENCY_NO_IMPROVEMENT, Settings, TargetSnapshot, signals_for

from .helpers import TODAY, client, codes, days_ago, gad7_target, only


def test_exactly_8_weeks_without_reliable_improvement_is_flagged() -> None:
    target = gad7_target(15, 12, weeks_apart=timedelta(days=56))
    signal = only(client(targets=[target]), "no_improvement")
    assert signal.urgency == URGENCY_NO_IMPROVEMENT
    assert signal.subject == "t1"
    assert signal.reason == (
        "No reliable improvement after 8 weeks (GAD-7: a 60% drop): "
        "15 on 2025-01-06 \u2192 12 on 2025-03-03."
    )


def test_55_days_is_not_yet_8_weeks() -> None:
    target = gad7_target(15, 12, weeks_apart=timedelta(days=55))
    assert codes(client(targets=[target])) == []


def test_weeks_in_the_reason_are_whole_weeks_since_baseline() -> None:
    target = gad7_target(15, 13, weeks_apart=timedelta(days=69))
    reason = only(client(targets=[target]), "no_improvement").reason
    assert reason.startswith("No reliable improvement after 9 weeks ")


def test_a_drop_of_exactly_the_threshold_is_reliable_improvement() -> None:
    # GAD-7 reliable change is 4 points, "4 or more": 15 -> 11 is reliable, 15 -> 12 is not.
    reliable = gad7_target(15, 11)
    assert reliable.reliable_improvement is True
    assert codes(client(targets=[reliable])) == []
    short = gad7_target(15, 12)
    assert short.reliable_improvement is False
    assert codes(client(targets=[short])) == ["no_improvement"]


def test_measured_from_baseline_to_latest_score_not_to_today() -> None:
    # Nine weeks in, but the only follow-up was at week 2: that says nothing about week 8.
    early = TargetSnapshot(
        target_id="t1",
        measure="GAD-7",
        description="GAD-7: a 60% drop",
        deadline=None,
        status="on_track",
        baseline=Score(days_ago(63), 15),
        latest=Score(days_ago(49), 14),
        reliable_improvement=False,
        reliable_deterioration=False,
    )
    assert codes(client(targets=[early])) == []


def test_no_score_since_baseline_is_not_called_unimproved() -> None:
    target = gad7_target(15, None, weeks_apart=timedelta(weeks=10))
    assert target.reliable_improvement is None
    assert codes(client(targets=[target])) == []


def test_without_a_reliable_change_threshold_nothing_is_claimed() -> None:
    unknown = TargetSnapshot(
        target_id="t1",
        measure="PSWQ",
        description="PSWQ: 45 or below",
        deadline=None,
        status="not_improving",
        baseline=Score(days_ago(70), 60),
        latest=Score(TODAY, 60),
        reliable_improvement=None,
        reliable_deterioration=None,
    )
    assert codes(client(targets=[unknown])) == []


def test_a_met_target_is_met_not_unimproved() -> None:
    # At or below 12 from 15: met at 12, though 3 points is not a reliable change.
    met = gad7_target(15, 12, kind="at_or_below", value=12, weeks_apart=timedelta(weeks=10))
    assert met.reliable_improvement is False
    assert codes(client(targets=[met])) == ["target_met"]


def test_practice_sets_the_number_of_weeks() -> None:
    settings = Settings(no_improvement_weeks=6)
    at_six = client(targets=[gad7_target(15, 12, weeks_apart=timedelta(days=42))])
    assert codes(at_six, settings=settings) == ["no_improvement"]
    before = client(targets=[gad7_target(15, 12, weeks_apart=timedelta(days=41))])
    assert codes(before, settings=settings) == []


def test_each_target_is_judged_on_its_own() -> None:
    stalled = gad7_target(15, 13, target_id="a")
    improving = gad7_target(15, 10, target_id="b")
    signals = signals_for(client(targets=[stalled, improving]), today=TODAY)
    assert [(s.code, s.subject) for s in signals] == [("no_improvement", "a")]
