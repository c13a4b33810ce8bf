"""Measure-linked targets: each status at its boundary, with hand-worked scores."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, timedelta

import pytest

from trellis.core.planning.measure_link import TargetStatistics
from trellis.core.planning.targets import (
    Score,
    TargetEvaluation,
    TargetSpec,
    check_target,
    describe_target,
    evaluate_target,
)

START = date(2025, 1, 6)
TODAY = date(2025, 2, 3)
# NHS Talking Therapies: GAD-7 reliable change 4 points, caseness 8; PHQ-9 6 and 10.
GAD7 = TargetStatistics(higher_is_better=False, reliable_change=4, caseness_cutoff=8)
PHQ9 = TargetStatistics(higher_is_better=False, reliable_change=6, caseness_cutoff=10)
WHO5 = TargetStatistics(higher_is_better=True, reliable_change=10, caseness_cutoff=None)
NO_STATS = TargetStatistics(higher_is_better=False, reliable_change=None, caseness_cutoff=None)


def spec(
    kind: str, value: float | None = None, instrument: str = "GAD-7", deadline: date | None = None
) -> TargetSpec:
    return TargetSpec(instrument, None, kind, value, deadline)  # type: ignore[arg-type]


def run(
    target: TargetSpec,
    baseline: float | None,
    *follow_ups: float,
    stats: TargetStatistics = GAD7,
    today: date = TODAY,
) -> TargetEvaluation:
    """Baseline on START, one follow-up a week after it."""
    scores = [Score(START + timedelta(weeks=n + 1), v) for n, v in enumerate(follow_ups)]
    first = None if baseline is None else Score(START, baseline)
    return evaluate_target(target, baseline=first, scores=scores, today=today, **asdict(stats))


# --- met, at each kind's boundary -------------------------------------------------------


def test_gad7_down_60_percent_from_15_is_met_at_6() -> None:
    result = run(spec("down_by_percent", 60), 15, 6)
    assert result.status == "met"
    assert result.reason == "GAD-7 6 from 15 (\u221260%): target met"
    assert result.change == -9
    assert result.percent_change == pytest.approx(-60)
    assert result.progress_fraction == 1.0


def test_gad7_down_60_percent_from_15_is_not_met_at_7() -> None:
    result = run(spec("down_by_percent", 60), 15, 7)
    assert result.status == "on_track"
    assert result.progress_fraction == pytest.approx(8 / 9)
    assert "(\u221253.3%)" in result.reason


def test_phq9_at_or_below_9_is_met_at_9_and_not_at_10() -> None:
    target = spec("at_or_below", 9, "PHQ-9")
    assert run(target, 14, 9, stats=PHQ9).status == "met"
    not_yet = run(target, 14, 10, stats=PHQ9)
    assert not_yet.status == "on_track"
    assert not_yet.progress_fraction == pytest.approx(4 / 5)
    assert not_yet.reason == "PHQ-9 10 from 14 (\u22124): on track toward 9 or below"


def test_who5_higher_is_better_at_or_above_52() -> None:
    target = spec("at_or_above", 52, "WHO-5")
    assert run(target, 40, 52, stats=WHO5).status == "met"
    below = run(target, 40, 48, stats=WHO5)
    assert below.status == "on_track"
    assert below.progress_fraction == pytest.approx(8 / 12)


def test_down_by_points_is_met_at_exactly_the_drop() -> None:
    target = spec("down_by_points", 5, "PHQ-9")
    assert run(target, 14, 9, stats=PHQ9).status == "met"
    assert run(target, 14, 10, stats=PHQ9).status == "on_track"


def test_reliable_improvement_is_a_drop_of_at_least_the_threshold() -> None:
    met = run(spec("reliable_improvement"), 15, 11)
    assert met.status == "met"
    assert met.reliable_improvement is True
    short = run(spec("reliable_improvement"), 15, 12)
    assert short.status == "on_track"
    assert short.reliable_improvement is False
    assert short.progress_fraction == pytest.approx(0.75)


def test_recovery_is_a_case_at_baseline_and_below_caseness_at_the_latest() -> None:
    recovered = run(spec("recovery"), 15, 7)
    assert (recovered.status, recovered.recovery, recovered.reliable_recovery) == (
        "met",
        True,
        True,
    )
    still_a_case = run(spec("recovery"), 15, 8)
    assert still_a_case.status == "on_track"
    assert still_a_case.recovery is False
    assert still_a_case.progress_fraction is None


def test_recovery_without_reliable_improvement_is_not_reliable_recovery() -> None:
    result = run(spec("recovery"), 8, 7)  # a case at 8, not at 7, but only 1 point
    assert (result.status, result.recovery, result.reliable_recovery) == ("met", True, False)


def test_recovery_on_a_higher_is_better_scale_crosses_upward() -> None:
    stats = replace(WHO5, caseness_cutoff=28)
    assert run(spec("recovery", instrument="WHO-5"), 28, 29, stats=stats).status == "met"
    assert run(spec("recovery", instrument="WHO-5"), 28, 28, stats=stats).status != "met"


def test_recovery_cannot_be_judged_when_the_baseline_was_not_a_case() -> None:
    result = run(spec("recovery"), 7, 3)
    assert result.status == "not_yet_measured"
    assert "recovery does not apply" in result.reason


# --- deteriorated -------------------------------------------------------------------------


def test_reliable_deterioration_at_exactly_the_threshold() -> None:
    target = spec("at_or_below", 9, "PHQ-9")
    worse = run(target, 12, 18, stats=PHQ9)
    assert worse.status == "deteriorated"
    assert worse.reliable_deterioration is True
    assert worse.reason == "PHQ-9 18 from 12 (+6): reliable deterioration (6 points or more)"
    assert run(target, 12, 17, stats=PHQ9).status == "on_track"  # one score, too early


def test_no_deterioration_is_claimed_without_a_threshold() -> None:
    result = run(spec("at_or_below", 40, "PSWQ"), 50, 80, stats=NO_STATS)
    assert result.status == "on_track"
    assert result.reliable_deterioration is None


def test_deterioration_is_shown_even_when_the_target_is_still_met() -> None:
    result = run(spec("at_or_above", 52, "WHO-5"), 80, 70, stats=WHO5)
    assert result.status == "deteriorated"
    assert result.reason.endswith("target still met")


def test_deterioration_comes_before_a_missed_deadline() -> None:
    target = spec("at_or_below", 9, "PHQ-9", deadline=START + timedelta(weeks=1))
    result = run(target, 12, 18, stats=PHQ9, today=TODAY)
    assert result.status == "deteriorated"


# --- missed -------------------------------------------------------------------------------


def test_not_missed_on_the_deadline_day_missed_the_day_after() -> None:
    deadline = date(2025, 3, 31)
    target = spec("down_by_percent", 60, deadline=deadline)
    assert run(target, 15, 10, today=deadline).status == "on_track"
    missed = run(target, 15, 10, today=deadline + timedelta(days=1))
    assert missed.status == "missed"
    assert "deadline 2025-03-31 passed without reaching a 60% drop" in missed.reason


def test_a_target_met_after_its_deadline_is_met() -> None:
    target = spec("at_or_below", 7, deadline=START)
    assert run(target, 15, 6).status == "met"


def test_missed_comes_before_not_improving() -> None:
    target = spec("at_or_below", 7, deadline=START + timedelta(days=1))
    assert run(target, 15, 15, 15).status == "missed"


# --- not improving ------------------------------------------------------------------------


def test_two_scores_no_better_than_baseline_is_not_improving() -> None:
    target = spec("at_or_below", 9, "PHQ-9")
    result = run(target, 14, 12, 14, stats=PHQ9)
    assert result.status == "not_improving"
    assert result.reason.endswith("no better than baseline")
    assert run(target, 14, 12, 13, stats=PHQ9).status == "on_track"


def test_one_score_no_better_than_baseline_is_too_early_to_call() -> None:
    result = run(spec("at_or_below", 9, "PHQ-9"), 14, 15, stats=PHQ9)
    assert result.status == "on_track"
    assert "too early to judge" in result.reason


def test_no_net_improvement_over_the_last_three_scores_is_not_improving() -> None:
    target = spec("at_or_below", 9, "PHQ-9")
    flat = run(target, 20, 15, 12, 14, 12, stats=PHQ9)
    assert flat.status == "not_improving"
    assert flat.reason.endswith("over the last three scores")
    assert run(target, 20, 15, 12, 14, 11, stats=PHQ9).status == "on_track"


# --- not yet measured ---------------------------------------------------------------------


def test_no_score_after_the_baseline_is_not_yet_measured() -> None:
    same_day = evaluate_target(
        spec("down_by_percent", 60),
        baseline=Score(START, 15),
        scores=[Score(START - timedelta(days=3), 16), Score(START, 15), Score(START, 14)],
        today=TODAY,
        **asdict(GAD7),
    )
    assert same_day.status == "not_yet_measured"
    assert same_day.latest is None
    assert same_day.reason == "GAD-7 baseline 15: no score since baseline yet"


def test_not_yet_measured_says_when_the_deadline_has_passed() -> None:
    result = run(spec("down_by_percent", 60, deadline=START), 15)
    assert result.status == "not_yet_measured"
    assert "deadline 2025-01-06 has passed" in result.reason


def test_a_kind_that_needs_a_baseline_has_none() -> None:
    result = run(spec("down_by_percent", 60), None, 6)
    assert result.status == "not_yet_measured"
    assert result.latest == Score(START + timedelta(weeks=1), 6)
    assert "no baseline" in result.reason


def test_an_absolute_target_is_met_or_missed_without_a_baseline() -> None:
    target = spec("at_or_below", 9, "PHQ-9", deadline=START + timedelta(weeks=1))
    assert run(target, None, 9, stats=PHQ9).status == "met"
    assert run(target, None, 10, stats=PHQ9).status == "missed"
    in_time = run(target, None, 10, stats=PHQ9, today=START)
    assert in_time.status == "not_yet_measured"
    assert "choose a baseline" in in_time.reason
    assert run(target, None, stats=PHQ9).status == "not_yet_measured"


# --- the numbers --------------------------------------------------------------------------


def test_latest_is_the_last_by_date_whatever_the_order_given() -> None:
    result = evaluate_target(
        spec("at_or_below", 7),
        baseline=Score(START, 15),
        scores=[Score(date(2025, 2, 1), 6), Score(date(2025, 1, 20), 12)],
        today=TODAY,
        **asdict(GAD7),
    )
    assert result.latest == Score(date(2025, 2, 1), 6)
    assert result.status == "met"


def test_percent_change_is_none_from_a_zero_baseline() -> None:
    result = run(spec("at_or_below", 4), 0, 3)
    assert result.percent_change is None
    assert result.change == 3


def test_progress_is_zero_when_the_baseline_met_it_and_the_latest_does_not() -> None:
    assert run(spec("at_or_below", 9), 5, 11, stats=NO_STATS).progress_fraction == 0.0


def test_describe_target() -> None:
    target = spec("down_by_percent", 60, deadline=date(2025, 3, 31))
    assert describe_target(target) == "GAD-7: a 60% drop by 2025-03-31"
    depression = TargetSpec("DASS-21", "depression", "at_or_below", 9, None)
    assert describe_target(depression) == "DASS-21 depression: 9 or below"


# --- what cannot be judged ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("at_or_below", None, "needs a number"),
        ("down_by_points", 0, "positive number of points"),
        ("down_by_percent", 0, "from 1 to 100"),
        ("down_by_percent", 120, "from 1 to 100"),
        ("recovery", 5, "takes no value"),
        ("shrink", 5, "Unknown target kind"),
    ],
)
def test_a_target_spec_rejects_a_value_its_kind_cannot_use(
    kind: str, value: float | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        spec(kind, value)


def test_a_target_spec_needs_an_instrument() -> None:
    with pytest.raises(ValueError, match="needs an instrument"):
        TargetSpec(" ", None, "recovery", None, None)


def test_a_score_must_be_a_number() -> None:
    with pytest.raises(ValueError, match="not a number"):
        Score(START, float("nan"))


@pytest.mark.parametrize(
    ("target", "stats", "message"),
    [
        (spec("down_by_percent", 50, "WHO-5"), WHO5, "higher scores are better"),
        (spec("at_or_below", 60, "WHO-5"), WHO5, "higher scores are better"),
        (spec("at_or_above", 5, "PHQ-9"), PHQ9, "lower scores are better"),
        (
            spec("reliable_improvement", instrument="PSWQ"),
            replace(GAD7, reliable_change=None),
            "no reliable-change threshold",
        ),
        (
            spec("recovery", instrument="PCL-5"),
            replace(GAD7, caseness_cutoff=None),
            "no caseness cut-off",
        ),
    ],
)
def test_targets_that_cannot_be_judged_say_why(
    target: TargetSpec, stats: TargetStatistics, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        check_target(target, **asdict(stats))
    with pytest.raises(ValueError, match=message):
        run(target, 15, 10, stats=stats)
