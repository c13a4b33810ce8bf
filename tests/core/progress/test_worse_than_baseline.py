"""A target worse than its baseline is always seen: ``worse_than_baseline`` within
measurement error (GAD-7: 4 points or more is reliable, NHS Talking Therapies Manual), and
``deteriorated`` for a severity band worse where no reliable-change figure exists (K10
bands 10-15 low, 16-21 moderate: Andrews & Slade 2001; ABS 2012)."""

from __future__ import annotations

from datetime import timedelta

from tests.core.target_statistics import K10
from trellis.core.planning import Score, TargetSpec, evaluate_target
from trellis.core.progress import (
    URGENCY_DETERIORATED,
    URGENCY_WORSE_THAN_BASELINE,
    InstrumentChange,
    TargetSnapshot,
    signals_for,
)

from .helpers import TODAY, client, codes, days_ago, gad7_target, judged_by, only


def k10_target(baseline: float, latest: float, *, weeks_apart: int = 2) -> TargetSnapshot:
    spec = TargetSpec("K10", None, "at_or_below", 12, None)
    evaluation = evaluate_target(
        spec,
        baseline=Score(TODAY - timedelta(weeks=weeks_apart), baseline),
        scores=[Score(TODAY, latest)],
        today=TODAY,
        **judged_by(K10),
    )
    return TargetSnapshot.from_evaluation("k1", spec, evaluation)


def test_one_point_worse_after_one_follow_up_is_seen() -> None:
    target = gad7_target(15, 16, weeks_apart=timedelta(weeks=1))
    assert target.status == "worse"
    signal = only(client(targets=[target]), "worse_than_baseline")
    assert signal.urgency == URGENCY_WORSE_THAN_BASELINE
    assert signal.subject == "t1"
    assert signal.label == "Worse than baseline"
    assert signal.reason == (
        "Worse than baseline, within measurement error (GAD-7: a 60% drop): "
        "15 on 2025-02-24 \u2192 16 on 2025-03-03."
    )


def test_three_points_worse_is_worse_four_is_deteriorated() -> None:
    assert codes(client(targets=[gad7_target(15, 18)])) == ["worse_than_baseline"]
    assert codes(client(targets=[gad7_target(15, 19)])) == ["deteriorated"]


def test_unchanged_is_not_worse() -> None:
    target = gad7_target(15, 15, weeks_apart=timedelta(weeks=2))
    assert target.worse_than_baseline is False
    assert codes(client(targets=[target])) == []


def test_worse_replaces_no_improvement_but_not_a_missed_deadline() -> None:
    # Eight weeks in and 1 point worse: "no reliable improvement" would say less.
    late = gad7_target(15, 16, deadline=days_ago(1))
    assert codes(client(targets=[late])) == ["target_missed", "worse_than_baseline"]
    assert codes(client(targets=[gad7_target(15, 16)])) == ["worse_than_baseline"]


def test_a_met_target_worse_within_measurement_error_is_met() -> None:
    met = gad7_target(3, 5, kind="at_or_below", value=7, weeks_apart=timedelta(weeks=2))
    assert (met.status, met.worse_than_baseline) == ("met", True)
    assert codes(client(targets=[met])) == ["target_met"]


def test_a_severity_band_worse_is_deteriorated_on_a_measure_without_a_threshold() -> None:
    target = k10_target(15, 16)  # last score of "low", first of "moderate"
    assert (target.status, target.band_deterioration) == ("deteriorated", True)
    signal = only(client(targets=[target]), "deteriorated")
    assert signal.urgency == URGENCY_DETERIORATED
    assert signal.reason == (
        "Worsened by a severity band since baseline, low \u2192 moderate (K10: 12 or below): "
        "15 on 2025-02-17 \u2192 16 on 2025-03-03."
    )


def test_worse_within_a_band_without_a_threshold_says_so_plainly() -> None:
    target = k10_target(14, 15)
    assert target.band_deterioration is False
    signal = only(client(targets=[target]), "worse_than_baseline")
    assert signal.reason == (
        "Worse than baseline (K10: 12 or below): 14 on 2025-02-17 \u2192 15 on 2025-03-03."
    )


def test_a_band_deteriorated_target_is_not_repeated_by_its_instrument() -> None:
    k10 = InstrumentChange(
        instrument="K10",
        first=Score(days_ago(60), 15),
        latest=Score(TODAY, 16),
        reliable_deterioration=True,
    )
    snapshot = client(targets=[k10_target(15, 16)], instrument_changes=[k10])
    signals = signals_for(snapshot, today=TODAY)
    assert [(s.code, s.subject) for s in signals] == [("deteriorated", "k1")]
