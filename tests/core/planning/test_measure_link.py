"""A target's numbers come from the instrument, judged the same way as the measures page."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from trellis.core.measures import builtin_instruments, change
from trellis.core.planning.measure_link import TargetStatistics, target_statistics
from trellis.core.planning.targets import Score, TargetSpec, evaluate_target

INSTRUMENTS = builtin_instruments()


def test_gad7_uses_the_nhs_talking_therapies_numbers() -> None:
    gad7 = INSTRUMENTS["GAD-7"]
    assert target_statistics(gad7) == TargetStatistics(
        higher_is_better=False, reliable_change=4, caseness_cutoff=8, bands=gad7.bands
    )


def test_who5_is_higher_is_better_with_no_caseness() -> None:
    who5 = INSTRUMENTS["WHO-5"]
    assert target_statistics(who5) == TargetStatistics(
        higher_is_better=True, reliable_change=10, caseness_cutoff=None, bands=who5.bands
    )


def test_without_published_points_the_threshold_is_196_sediff() -> None:
    gad7 = INSTRUMENTS["GAD-7"]
    # An RCI basis instead of the 4-point threshold (the shipped file gives only the points).
    rci_only = replace(gad7.change, reliable_change_points=None, sd=3.5, reliability=0.89)
    no_points = replace(gad7, change=rci_only)
    expected = 1.96 * 3.5 * math.sqrt(2) * math.sqrt(1 - 0.89)
    assert target_statistics(no_points).reliable_change == pytest.approx(expected)


@pytest.mark.parametrize(("baseline", "followup"), [(15, 11), (15, 12), (12, 18), (8, 7)])
def test_target_judgements_agree_with_measures_change(baseline: int, followup: int) -> None:
    gad7 = INSTRUMENTS["GAD-7"]
    stats = target_statistics(gad7)
    result = evaluate_target(
        TargetSpec("GAD-7", None, "recovery", None, None),
        baseline=Score(date(2025, 1, 6), baseline),
        scores=[Score(date(2025, 2, 3), followup)],
        today=date(2025, 2, 3),
        higher_is_better=stats.higher_is_better,
        reliable_change=stats.reliable_change,
        caseness_cutoff=stats.caseness_cutoff,
    )
    judged = change(gad7, baseline, followup)
    assert result.reliable_improvement == judged.reliable_improvement
    assert result.reliable_deterioration == judged.reliable_deterioration
    assert result.recovery == judged.recovery
    assert result.reliable_recovery == judged.reliable_recovery


def test_bands_are_the_files_own_and_a_subscales_for_a_subscale() -> None:
    # K10: Andrews & Slade 2001 / ABS 2012; DASS-21: Lovibond & Lovibond 1995 (per subscale;
    # the DASS-21 total has no published bands).
    k10 = target_statistics(INSTRUMENTS["K10"]).bands
    assert [(b.min, b.max, b.label) for b in k10] == [
        (10, 15, "Low"),
        (16, 21, "Moderate"),
        (22, 29, "High"),
        (30, 50, "Very high"),
    ]
    depression = target_statistics(INSTRUMENTS["DASS-21"], "depression").bands
    assert [(b.min, b.max) for b in depression] == [(0, 9), (10, 13), (14, 20), (21, 27), (28, 42)]
    assert target_statistics(INSTRUMENTS["DASS-21"]).bands == ()
