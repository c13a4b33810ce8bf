"""Measure-linked targets: each status at its boundary, with hand-worked scores.

Sources of the numbers: NHS Talking Therapies Manual (reliable change PHQ-9 6 and GAD-7 4
points, "or more"; caseness PHQ-9 10, GAD-7 8); WHO-5 10 points on the 0-100 score (Psychiatric
Research Unit, WHO Collaborating Centre); K10 bands 10-15 low, 16-21 moderate, 22-29 high,
30-50 very high (Andrews & Slade 2001; ABS 2012); DASS-21 depression bands 0-9 normal, 10-13
mild, 14-20 moderate, 21-27 severe, 28+ extremely severe (Lovibond & Lovibond 1995). The
K10 and DASS-21 have no reliable-change figure in trellis/data/instruments.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from tests.core.target_statistics import DASS21_DEPRESSION, GAD7, K10, NO_STATS, PHQ9, WHO5
from trellis.core.measures.schema import Band
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


def judged_by(stats: TargetStatistics) -> dict[str, Any]:
    """``check_target``'s keyword arguments; ``evaluate_target`` also takes ``bands``."""
    return {
        "higher_is_better": stats.higher_is_better,
        "reliable_change": stats.reliable_change,
        "caseness_cutoff": stats.caseness_cutoff,
    }


def spec(
    kind: str, value: float | None = None, instrument: str = "GAD-7", deadline: date | None = None
) -> TargetSpec:
    return TargetSpec(instrument, None, kind, value, deadline)


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
    return evaluate_target(
        target,
        baseline=first,
        scores=scores,
        today=today,
        bands=stats.bands,
        **judged_by(stats),
    )


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
    # One point short is not deteriorated, but it is worse: never "on track" (issue 10).
    short = run(target, 12, 17, stats=PHQ9)
    assert (short.status, short.reliable_deterioration) == ("worse", False)


def test_no_deterioration_is_claimed_without_a_threshold_or_bands() -> None:
    # The PSWQ file has neither a reliable-change figure nor bands: 50 -> 80 is "worse",
    # and the reason says the instrument cannot tell it from measurement error.
    result = run(spec("at_or_below", 40, "PSWQ"), 50, 80, stats=NO_STATS)
    assert result.status == "worse"
    assert (result.reliable_deterioration, result.band_deterioration) == (None, None)
    assert result.reason == (
        "PSWQ 80 from 50 (+30): worse than baseline (the PSWQ has no reliable-change "
        "threshold or severity bands to tell this from measurement error)"
    )


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


def test_one_score_equal_to_baseline_is_too_early_to_call() -> None:
    result = run(spec("at_or_below", 9, "PHQ-9"), 14, 14, stats=PHQ9)
    assert result.status == "on_track"
    assert result.worse_than_baseline is False
    assert result.reason.endswith("no change yet; too early to judge after one score")


def test_no_net_improvement_over_the_last_three_scores_is_not_improving() -> None:
    # 20 -> 15 is 5 points, short of the PHQ-9's 6: not a response, so 16, 15 is a stall.
    target = spec("at_or_below", 9, "PHQ-9")
    flat = run(target, 20, 17, 15, 16, 15, stats=PHQ9)
    assert flat.status == "not_improving"
    assert flat.reason.endswith("over the last three scores")
    assert run(target, 20, 17, 16, 16, 15, stats=PHQ9).status == "on_track"  # 16 -> 15


# --- worse than baseline (issue 10) -------------------------------------------------------
# PHQ-9: reliable change is 6 points or more (NHS Talking Therapies Manual).

PHQ9_BANDS = replace(
    PHQ9,
    bands=(  # Kroenke, Spitzer & Williams 2001
        Band(0, 4, "Minimal"),
        Band(5, 9, "Mild"),
        Band(10, 14, "Moderate"),
        Band(15, 19, "Moderately severe"),
        Band(20, 27, "Severe"),
    ),
)


def test_phq9_10_to_15_after_one_follow_up_is_worse_not_on_track() -> None:
    result = run(spec("at_or_below", 9, "PHQ-9"), 10, 15, stats=PHQ9)
    assert result.status == "worse"
    assert (result.worse_than_baseline, result.reliable_deterioration) == (True, False)
    assert result.reason == (
        "PHQ-9 15 from 10 (+5): worse than baseline "
        "(less than the 6 points of a reliable change: may be measurement error)"
    )


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        (10, "on_track"),  # no change: too early to judge
        (11, "worse"),  # one point worse: never on track
        (15, "worse"),  # 5 points, one short of the threshold
        (16, "deteriorated"),  # exactly 6 points: reliable deterioration
    ],
)
def test_phq9_worse_from_10_at_each_boundary(latest: float, status: str) -> None:
    assert run(spec("at_or_below", 9, "PHQ-9"), 10, latest, stats=PHQ9).status == status


def test_worse_comes_before_a_missed_deadline_and_says_both() -> None:
    target = spec("at_or_below", 9, "PHQ-9", deadline=START + timedelta(weeks=1))
    result = run(target, 12, 14, stats=PHQ9)
    assert result.status == "worse"
    assert result.reason.endswith("; the deadline 2025-01-13 has passed")


def test_a_met_target_stays_met_when_worse_within_measurement_error() -> None:
    # At or below 9 from 4: 8 meets it; 4 points worse is short of the PHQ-9's 6.
    result = run(spec("at_or_below", 9, "PHQ-9"), 4, 8, stats=PHQ9)
    assert result.status == "met"
    assert result.reason.endswith("target met, though worse than baseline")


def test_worse_after_several_scores_is_worse_not_not_improving() -> None:
    result = run(spec("at_or_below", 9, "PHQ-9"), 14, 12, 15, stats=PHQ9)
    assert result.status == "worse"


def test_who5_lower_is_worse() -> None:
    # WHO-5: higher is better; 10 points on the 0-100 score is a significant change.
    target = spec("at_or_above", 70, "WHO-5")
    assert run(target, 60, 65, stats=WHO5).status == "on_track"
    assert run(target, 60, 60, stats=WHO5).status == "on_track"  # unchanged, too early
    assert run(target, 60, 56, stats=WHO5).status == "worse"
    assert run(target, 60, 51, stats=WHO5).status == "worse"  # 9 points, one short
    assert run(target, 60, 50, stats=WHO5).status == "deteriorated"  # exactly 10


# --- not improving uses measurement error (issue 10) --------------------------------------


def test_a_reliable_responder_with_a_one_point_uptick_is_not_not_improving() -> None:
    # PHQ-9 20, 9, 10, 9: 20 -> 9 is 11 points, at least NHS Talking Therapies' 6, so a
    # reliable response; the 9 -> 10 -> 9 wobble is inside measurement error.
    scores = (20, 9, 10, 9)
    below_5 = run(spec("at_or_below", 5, "PHQ-9"), *scores, stats=PHQ9)
    assert below_5.status == "on_track"
    assert below_5.reason == (
        "PHQ-9 9 from 20 (\u221211): reliable improvement (6 points or more); "
        "on track toward 5 or below"
    )
    assert run(spec("at_or_below", 9, "PHQ-9"), *scores, stats=PHQ9).status == "met"
    assert run(spec("reliable_improvement", instrument="PHQ-9"), *scores, stats=PHQ9).status == (
        "met"
    )
    # The same uptick the other way round: 9, 9, 10 is on track too.
    assert run(spec("at_or_below", 5, "PHQ-9"), 20, 9, 9, 10, stats=PHQ9).status == "on_track"


@pytest.mark.parametrize(
    ("scores", "status"),
    [
        ((20, 14, 15, 14), "on_track"),  # 6 points down: exactly the threshold, a response
        ((20, 15, 16, 15), "not_improving"),  # 5 points: one short, so 15-16-15 is a stall
    ],
)
def test_the_response_that_excuses_a_plateau_is_exactly_the_threshold(
    scores: tuple[float, ...], status: str
) -> None:
    assert run(spec("at_or_below", 5, "PHQ-9"), *scores, stats=PHQ9).status == status


def test_a_responder_slipping_back_inside_the_threshold_is_not_improving() -> None:
    # 20 -> 15 is 5 points (no longer a response) and 9 -> 15 no gain over the last three.
    result = run(spec("at_or_below", 5, "PHQ-9"), 20, 9, 12, 15, stats=PHQ9)
    assert result.status == "not_improving"
    assert run(spec("at_or_below", 5, "PHQ-9"), 20, 9, 12, 14, stats=PHQ9).status == "on_track"


def test_without_threshold_or_bands_a_flat_run_of_three_is_not_improving() -> None:
    # No finer rule is known (PSWQ): 60 -> 50 is not known to be a response.
    assert run(spec("at_or_below", 40, "PSWQ"), 60, 50, 52, 50, stats=NO_STATS).status == (
        "not_improving"
    )


# --- a severity band worse, where no reliable-change figure exists (issue 10) -------------


@pytest.mark.parametrize(
    ("baseline", "latest", "status", "bands"),
    [
        (14, 15, "worse", ("low", "low")),  # last two scores of the low band
        (15, 16, "deteriorated", ("low", "moderate")),  # last of low, first of moderate
        (21, 22, "deteriorated", ("moderate", "high")),
        (16, 21, "worse", ("moderate", "moderate")),  # 5 points, still moderate
        (29, 30, "deteriorated", ("high", "very high")),
    ],
)
def test_k10_band_boundaries(
    baseline: float, latest: float, status: str, bands: tuple[str, str]
) -> None:
    result = run(spec("at_or_below", 12, "K10"), baseline, latest, stats=K10)
    assert result.status == status
    assert (result.baseline_band, result.latest_band) == bands
    assert result.band_deterioration is (status == "deteriorated")
    assert result.reliable_deterioration is None  # not a reliable change: no figure


def test_k10_band_deterioration_names_the_bands() -> None:
    result = run(spec("at_or_below", 12, "K10"), 15, 16, stats=K10)
    assert result.reason == "K10 16 from 15 (+1): worsened by a severity band: low \u2192 moderate"
    same = run(spec("at_or_below", 12, "K10"), 14, 15, stats=K10)
    assert same.reason == (
        "K10 15 from 14 (+1): worse than baseline (still low; the K10 has no reliable-change "
        "threshold)"
    )


def test_band_deterioration_is_shown_even_when_the_target_is_still_met() -> None:
    result = run(spec("at_or_below", 21, "K10"), 12, 16, stats=K10)
    assert result.status == "deteriorated"
    assert result.reason.endswith("low \u2192 moderate; target still met")


def test_dass21_depression_band_boundary() -> None:
    # DASS-21 subscale scores are doubled (Lovibond & Lovibond 1995), so 12 is the last
    # possible mild score and 14 the first moderate one.
    target = TargetSpec("DASS-21", "depression", "at_or_below", 9, None)
    worse = run(target, 10, 12, stats=DASS21_DEPRESSION)
    assert (worse.status, worse.latest_band) == ("worse", "mild")
    moved = run(target, 12, 14, stats=DASS21_DEPRESSION)
    assert moved.status == "deteriorated"
    assert moved.reason == (
        "DASS-21 depression 14 from 12 (+2): worsened by a severity band: mild \u2192 moderate"
    )


def test_bands_are_not_used_where_a_reliable_change_threshold_exists() -> None:
    # PHQ-9 9 -> 10 crosses mild -> moderate but is 1 point, far short of 6: noise.
    result = run(spec("at_or_below", 9, "PHQ-9"), 9, 10, stats=PHQ9_BANDS)
    assert result.status == "worse"
    assert (result.baseline_band, result.latest_band) == ("mild", "moderate")
    assert result.band_deterioration is None


def test_a_band_better_than_baseline_excuses_a_plateau() -> None:
    # K10 30 (very high) -> 20 (moderate): better by two bands, so 20, 21, 20 is held.
    held = run(spec("at_or_below", 15, "K10"), 30, 20, 21, 20, stats=K10)
    assert held.status == "on_track"
    assert held.reason.endswith(
        "a severity band better: very high \u2192 moderate; on track toward 15 or below"
    )
    # 25 -> 23 stays high: no response, so 23, 24, 23 is a stall.
    stalled = run(spec("at_or_below", 15, "K10"), 25, 23, 24, 23, stats=K10)
    assert stalled.status == "not_improving"


def test_band_direction_follows_the_scale_when_higher_is_better() -> None:
    # A higher-is-better scale without a threshold, with the WHO-5 file's bands (Topp 2015):
    # down from 29 (poor well-being) to 28 (likely depression) is a band worse.
    stats = TargetStatistics(
        higher_is_better=True,
        reliable_change=None,
        caseness_cutoff=None,
        bands=(Band(0, 28, "Likely depression"), Band(29, 50, "Poor well-being")),
    )
    target = spec("at_or_above", 52, "WHO-5")
    assert run(target, 29, 28, stats=stats).status == "deteriorated"
    up = run(target, 28, 29, stats=stats)
    assert (up.status, up.band_deterioration) == ("on_track", False)


def test_a_score_outside_every_band_is_not_band_judged() -> None:
    stats = TargetStatistics(
        higher_is_better=True,
        reliable_change=None,
        caseness_cutoff=None,
        bands=(Band(0, 28, "Likely depression"), Band(29, 50, "Poor well-being")),
    )
    result = run(spec("at_or_above", 52, "WHO-5"), 60, 40, stats=stats)
    assert (result.status, result.baseline_band, result.band_deterioration) == (
        "worse",
        None,
        None,
    )


def test_a_prorated_score_between_bands_belongs_to_the_lower_one() -> None:
    # As measures.scoring.band_label: 15.5 has not reached the moderate band's 16.
    result = run(spec("at_or_below", 12, "K10"), 15, 15.5, stats=K10)
    assert (result.status, result.latest_band) == ("worse", "low")


# --- not yet measured ---------------------------------------------------------------------


def test_no_score_after_the_baseline_is_not_yet_measured() -> None:
    same_day = evaluate_target(
        spec("down_by_percent", 60),
        baseline=Score(START, 15),
        scores=[Score(START - timedelta(days=3), 16), Score(START, 15), Score(START, 14)],
        today=TODAY,
        **judged_by(GAD7),
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
        **judged_by(GAD7),
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
        check_target(target, **judged_by(stats))
    with pytest.raises(ValueError, match=message):
        run(target, 15, 10, stats=stats)
