"""Reliable deterioration: on a target (exactly the GAD-7's 4 points counts, judged by
evaluate_target) or on an instrument's latest vs first score in the plan (flag given)."""

from __future__ import annotations

from datetime import timedelta

from trellis.core.planning import Score
from trellis.core.progress import URGENCY_DETERIORATED, InstrumentChange, signals_for

from .helpers import TODAY, client, codes, days_ago, gad7_target, only


def phq9_change(first: float, latest: float, *, worse: bool | None) -> InstrumentChange:
    return InstrumentChange(
        instrument="PHQ-9",
        first=Score(days_ago(28), first),
        latest=Score(TODAY, latest),
        reliable_deterioration=worse,
    )


def test_a_rise_of_exactly_the_threshold_is_reliable_deterioration() -> None:
    target = gad7_target(15, 19, weeks_apart=timedelta(weeks=2))
    assert target.reliable_deterioration is True
    signal = only(client(targets=[target]), "deteriorated")
    assert signal.urgency == URGENCY_DETERIORATED
    assert signal.subject == "t1"
    assert signal.reason == (
        "Reliable deterioration since baseline (GAD-7: a 60% drop): "
        "15 on 2025-02-17 \u2192 19 on 2025-03-03."
    )


def test_a_rise_one_point_short_of_the_threshold_is_not() -> None:
    # Not "deteriorated"; still worse than baseline, so it is seen (worse_than_baseline).
    target = gad7_target(15, 18, weeks_apart=timedelta(weeks=2))
    assert target.reliable_deterioration is False
    assert codes(client(targets=[target])) == ["worse_than_baseline"]


def test_deterioration_is_flagged_before_8_weeks() -> None:
    target = gad7_target(15, 19, weeks_apart=timedelta(days=7))
    assert codes(client(targets=[target])) == ["deteriorated"]


def test_deterioration_supersedes_met_missed_and_no_improvement() -> None:
    # At or below 19 is "met" at 19, the deadline has passed and 8 weeks are up: a client
    # reliably worse is shown as that alone, as evaluate_target does.
    target = gad7_target(15, 19, kind="at_or_below", value=19, deadline=days_ago(1))
    assert target.status == "deteriorated"
    assert codes(client(targets=[target])) == ["deteriorated"]


def test_an_instrument_reliably_worse_in_the_plan() -> None:
    signal = only(client(instrument_changes=[phq9_change(12, 20, worse=True)]), "deteriorated")
    assert signal.subject == "PHQ-9"
    assert signal.reason == (
        "Reliable deterioration on the PHQ-9 in this plan: "
        "12 on 2025-02-03 \u2192 20 on 2025-03-03."
    )


def test_an_instrument_not_reliably_worse_or_unknown_raises_nothing() -> None:
    changes = [phq9_change(12, 16, worse=False), phq9_change(12, 20, worse=None)]
    assert codes(client(instrument_changes=changes)) == []


def test_instrument_already_reported_by_its_target_is_not_repeated() -> None:
    target = gad7_target(15, 19)
    gad7 = InstrumentChange(
        instrument="GAD-7",
        first=Score(days_ago(60), 14),
        latest=Score(TODAY, 19),
        reliable_deterioration=True,
    )
    signals = signals_for(client(targets=[target], instrument_changes=[gad7]), today=TODAY)
    assert [(s.code, s.subject) for s in signals] == [("deteriorated", "t1")]


def test_instrument_without_a_deteriorated_target_is_reported() -> None:
    target = gad7_target(15, 16)  # GAD-7 target not reliably worse: PHQ-9 still reported
    changes = [phq9_change(12, 20, worse=True)]
    signals = signals_for(client(targets=[target], instrument_changes=changes), today=TODAY)
    assert [(s.code, s.subject) for s in signals] == [
        ("deteriorated", "PHQ-9"),
        ("worse_than_baseline", "t1"),  # 15 -> 16: worse, which replaces no_improvement
    ]


def test_an_instrument_a_severity_band_worse_in_the_plan() -> None:
    """The K10 has no reliable-change figure; its bands (Andrews & Slade 2001) are the one
    published step that shows worsening, so the caseload sees low -> moderate."""
    change = InstrumentChange(
        instrument="K10",
        first=Score(days_ago(28), 15),
        latest=Score(TODAY, 16),
        reliable_deterioration=None,
        band_worsening=("low", "moderate"),
    )
    signal = only(client(instrument_changes=[change]), "deteriorated")
    assert signal.subject == "K10"
    assert signal.reason == (
        "Worse by a severity band on the K10 in this plan (low \u2192 moderate): "
        "15 on 2025-02-03 \u2192 16 on 2025-03-03."
    )
