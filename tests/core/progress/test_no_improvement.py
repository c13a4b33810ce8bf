"""Not improving after N weeks (default 8): flagged only where the plan's own status
(``evaluate_target``'s ``not_improving``) says so, once 56 days or more lie between the
baseline and the latest score. A target the plan calls "on track" is never flagged, and a
reliable improvement on track shows as good news. "Reliable" is the GAD-7's 4 points."""

from __future__ import annotations

from datetime import timedelta

from trellis.core.planning import Score
from trellis.core.progress import (
    POSITIVE,
    URGENCY_IMPROVING,
    URGENCY_NO_IMPROVEMENT,
    Settings,
    TargetSnapshot,
    signals_for,
)

from .helpers import TODAY, client, codes, days_ago, gad7_target, only

FLAT = (13, 13)  # two scores between baseline 15 and latest 13: a plateau, 2 points down


def test_exactly_8_weeks_of_a_target_the_plan_calls_not_improving_is_flagged() -> None:
    target = gad7_target(15, 13, weeks_apart=timedelta(days=56), between=FLAT)
    assert target.status == "not_improving"
    signal = only(client(targets=[target]), "no_improvement")
    assert signal.urgency == URGENCY_NO_IMPROVEMENT
    assert signal.subject == "t1"
    assert signal.label == "Not improving"
    assert signal.reason == (
        "Not improving after 8 weeks (GAD-7: a 60% drop): 15 on 2025-01-06 \u2192 13 on 2025-03-03."
    )


def test_55_days_is_not_yet_8_weeks() -> None:
    target = gad7_target(15, 13, weeks_apart=timedelta(days=55), between=FLAT)
    assert target.status == "not_improving"
    assert codes(client(targets=[target])) == []


def test_a_target_the_plan_calls_on_track_is_never_called_unimproved() -> None:
    # One follow-up, 3 points down in 8 weeks: short of reliable, but the plan's rule
    # needs two follow-ups before it calls a target stalled, and so does the dashboard.
    target = gad7_target(15, 12, weeks_apart=timedelta(weeks=10))
    assert (target.status, target.reliable_improvement) == ("on_track", False)
    assert codes(client(targets=[target])) == []


def test_a_reliable_improvement_on_track_is_good_news() -> None:
    # GAD-7 reliable change is 4 points, "4 or more": 15 -> 11 is reliable.
    target = gad7_target(15, 11)
    assert (target.status, target.reliable_improvement) == ("on_track", True)
    signal = only(client(targets=[target]), "improving")
    assert signal.urgency == URGENCY_IMPROVING and signal.positive
    assert signal.label == "Reliable improvement"
    assert signal.reason == (
        "Reliable improvement since baseline (GAD-7: a 60% drop): "
        "15 on 2025-01-06 \u2192 11 on 2025-03-03."
    )
    assert set(POSITIVE) == {"target_met", "improving"}


def test_measured_from_baseline_to_latest_score_not_to_today() -> None:
    # Nine weeks in, but the latest score was at week 2: that says nothing about week 8.
    early = TargetSnapshot(
        target_id="t1",
        measure="GAD-7",
        description="GAD-7: a 60% drop",
        deadline=None,
        status="not_improving",
        baseline=Score(days_ago(63), 15),
        latest=Score(days_ago(49), 14),
        reliable_improvement=False,
        reliable_deterioration=False,
    )
    assert codes(client(targets=[early])) == []


def test_no_score_since_baseline_is_not_called_unimproved() -> None:
    target = gad7_target(15, None, weeks_apart=timedelta(weeks=10))
    assert target.status == "not_yet_measured"
    assert codes(client(targets=[target])) == []


def test_a_met_target_is_met_not_unimproved() -> None:
    # At or below 12 from 15: met at 12, though 3 points is not a reliable change.
    met = gad7_target(15, 12, kind="at_or_below", value=12, weeks_apart=timedelta(weeks=10))
    assert met.reliable_improvement is False
    assert codes(client(targets=[met])) == ["target_met"]


def test_practice_sets_the_number_of_weeks() -> None:
    settings = Settings(no_improvement_weeks=6)
    at_six = gad7_target(15, 13, weeks_apart=timedelta(days=42), between=FLAT)
    assert codes(client(targets=[at_six]), settings=settings) == ["no_improvement"]
    before = gad7_target(15, 13, weeks_apart=timedelta(days=41), between=FLAT)
    assert codes(client(targets=[before]), settings=settings) == []


def test_each_target_is_judged_on_its_own() -> None:
    stalled = gad7_target(15, 13, target_id="a", between=FLAT)
    improving = gad7_target(15, 10, target_id="b")
    signals = signals_for(client(targets=[stalled, improving]), today=TODAY)
    assert [(s.code, s.subject) for s in signals] == [
        ("no_improvement", "a"),
        ("improving", "b"),
    ]
