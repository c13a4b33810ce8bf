"""The score that meets a target, as drawn on the chart: a score exactly on the line is
met by evaluate_target, a score just short of it is not."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trellis.core.planning import (
    Score,
    TargetSpec,
    TargetStatistics,
    evaluate_target,
    on_scale,
    target_line,
)

START = date(2025, 1, 6)
# NHS Talking Therapies: GAD-7 reliable change 4 points, caseness 8; PHQ-9 6 and 10.
GAD7 = TargetStatistics(higher_is_better=False, reliable_change=4, caseness_cutoff=8)
PHQ9 = TargetStatistics(higher_is_better=False, reliable_change=6, caseness_cutoff=10)
WHO5 = TargetStatistics(higher_is_better=True, reliable_change=10, caseness_cutoff=28)
PSWQ = TargetStatistics(higher_is_better=False, reliable_change=None, caseness_cutoff=None)


def spec(kind: str, value: float | None = None) -> TargetSpec:
    return TargetSpec("X", None, kind, value, None)  # type: ignore[arg-type]


def status(target: TargetSpec, baseline: float, latest: float, stats: TargetStatistics) -> str:
    """evaluate_target's status for one score a week after the baseline."""
    return evaluate_target(
        target,
        baseline=Score(START, baseline),
        scores=[Score(START + timedelta(weeks=1), latest)],
        today=START + timedelta(weeks=2),
        **asdict(stats),
    ).status


# (target, baseline, stats, the line, a score just short of it)
CASES = [
    pytest.param(spec("at_or_below", 9), 14, PHQ9, 9, 10, id="at_or_below"),
    pytest.param(spec("at_or_above", 52), 40, replace(WHO5, caseness_cutoff=None), 52, 51,
                 id="at_or_above"),
    pytest.param(spec("down_by_points", 5), 14, PHQ9, 9, 10, id="down_by_points"),
    pytest.param(spec("down_by_percent", 60), 15, GAD7, 6, 7, id="down_by_percent"),
    pytest.param(spec("down_by_percent", 50), 15, GAD7, 7.5, 7.6, id="down_by_percent_fraction"),
    pytest.param(spec("reliable_improvement"), 15, GAD7, 11, 12, id="reliable_improvement"),
    pytest.param(spec("reliable_improvement"), 40, WHO5, 50, 49, id="reliable_improvement_up"),
    pytest.param(spec("reliable_improvement"), 20,
                 replace(PHQ9, reliable_change=5.17), 14.83, 14.84, id="reliable_improvement_rci"),
    pytest.param(spec("recovery"), 15, GAD7, 7, 8, id="recovery"),
    pytest.param(spec("recovery"), 20, WHO5, 29, 28, id="recovery_up"),
]  # fmt: skip


@pytest.mark.parametrize(("target", "baseline", "stats", "line", "short"), CASES)
def test_a_score_on_the_line_is_met_and_one_just_short_is_not(
    target: TargetSpec, baseline: float, stats: TargetStatistics, line: float, short: float
) -> None:
    drawn = target_line(target, baseline=baseline, stats=stats)
    assert drawn == pytest.approx(line)
    assert drawn is not None
    assert status(target, baseline, drawn, stats) == "met"
    assert status(target, baseline, short, stats) != "met"


def test_recovery_goes_one_step_of_the_scale_short_of_the_cut_off() -> None:
    """The cut-off itself is a case; on a scale scored in twos the last step below 10 is 8."""
    assert target_line(spec("recovery"), baseline=15, stats=PHQ9) == 9
    assert target_line(spec("recovery"), baseline=15, stats=PHQ9, score_step=2) == 8
    assert status(spec("recovery"), 15, 10, PHQ9) != "met"
    halfway = replace(PHQ9, caseness_cutoff=9.5)
    assert target_line(spec("recovery"), baseline=15, stats=halfway) == 9


def test_a_prorated_score_between_the_line_and_the_cut_off_also_counts() -> None:
    """The documented trade-off: the line is the first whole score that meets recovery."""
    assert status(spec("recovery"), 15, 9.33, PHQ9) == "met"


def test_no_line_without_a_baseline_except_for_a_fixed_score() -> None:
    assert target_line(spec("at_or_below", 9), baseline=None, stats=PHQ9) == 9
    for kind, value in [("down_by_points", 5), ("down_by_percent", 50)]:
        assert target_line(spec(kind, value), baseline=None, stats=PHQ9) is None
    assert target_line(spec("reliable_improvement"), baseline=None, stats=PHQ9) is None
    assert target_line(spec("recovery"), baseline=None, stats=PHQ9) is None


def test_no_line_where_the_target_cannot_be_met() -> None:
    """Recovery needs a case at baseline; a kind needs its statistic."""
    assert target_line(spec("recovery"), baseline=7, stats=GAD7) is None
    assert status(spec("recovery"), 7, 3, GAD7) != "met"
    assert target_line(spec("reliable_improvement"), baseline=50, stats=PSWQ) is None
    assert target_line(spec("recovery"), baseline=50, stats=PSWQ) is None


def test_a_line_off_the_scale_is_reported_for_the_caller_to_leave_out() -> None:
    line = target_line(spec("reliable_improvement"), baseline=3, stats=PHQ9)
    assert line == -3
    assert not on_scale(line, 0, 27)
    assert on_scale(0, 0, 27) and on_scale(27, 0, 27)


def test_the_scale_step_must_be_positive() -> None:
    with pytest.raises(ValueError, match="score_step"):
        target_line(spec("recovery"), baseline=15, stats=PHQ9, score_step=0)


scores = st.integers(min_value=0, max_value=80)


@given(baseline=scores, percent=st.integers(min_value=1, max_value=100))
def test_any_percent_drop_is_met_on_its_line(baseline: int, percent: int) -> None:
    target = spec("down_by_percent", percent)
    line = target_line(target, baseline=baseline, stats=PSWQ)
    assert line is not None
    assert status(target, baseline, line, PSWQ) == "met"


@given(baseline=scores, points=st.integers(min_value=1, max_value=40))
def test_any_point_drop_is_met_on_its_line_and_not_a_point_short(
    baseline: int, points: int
) -> None:
    target = spec("down_by_points", points)
    line = target_line(target, baseline=baseline, stats=PSWQ)
    assert line is not None
    assert status(target, baseline, line, PSWQ) == "met"
    assert status(target, baseline, line + 1, PSWQ) != "met"


@given(
    baseline=scores, cutoff=st.integers(min_value=1, max_value=80), step=st.sampled_from([1, 2, 4])
)
def test_recovery_on_any_scale_is_met_on_its_line_and_not_at_the_cut_off(
    baseline: int, cutoff: int, step: int
) -> None:
    stats = replace(PSWQ, caseness_cutoff=cutoff)
    line = target_line(spec("recovery"), baseline=baseline, stats=stats, score_step=step)
    if baseline < cutoff:
        assert line is None
        return
    assert line is not None and cutoff - step <= line < cutoff and line % step == 0
    assert status(spec("recovery"), baseline, line, stats) == "met"
    assert status(spec("recovery"), baseline, cutoff, stats) != "met"
