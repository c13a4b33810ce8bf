"""Change statistics: Jacobson-Truax RCI, reliable improvement and deterioration (direction
aware), NHS Talking Therapies recovery, and Jacobson-Truax clinically significant change."""

from __future__ import annotations

import math

import pytest
import yaml

from trellis.core.measures import AnswerError, builtin_instruments, change, parse_instrument
from trellis.core.measures.schema import Instrument

from .helpers import instrument


def test_phq9_18_to_9_hand_worked() -> None:
    # Reliable improvement (NHS Talking Therapies manual, appendix C): 18 - 9 = 9 >= 6 -> true
    # Recovery on this measure: 18 >= 10 (a case) and 9 < 10 (not a case) -> true
    # No RCI: the PHQ-9 file gives one basis, the 6-point threshold (issue 10).
    result = change(instrument("PHQ-9"), 18, 9)
    assert result.as_dict() == {
        "rci": None,
        "reliable_improvement": True,
        "reliable_deterioration": False,
        "recovery": True,
        "reliable_recovery": True,
        "clinically_significant": None,  # no clinical norms verified for criterion c
        "reliable_change_points": 6,
    }
    assert result.reliable_change_basis == "points"


@pytest.mark.parametrize(
    ("followup", "improved"),
    [(13, False), (12, True)],  # 18 -> 13 is 5 points, 18 -> 12 is 6 (NHS TT: 6 or more)
)
def test_phq9_18_to_13_and_18_to_12(followup: int, improved: bool) -> None:
    """The issue's case: 18 -> 13 once showed RCI -3.05 beside "no reliable improvement"."""
    result = change(instrument("PHQ-9"), 18, followup)
    assert result.reliable_improvement is improved
    assert result.rci is None  # never a second verdict that could contradict the first


def test_no_shipped_instrument_has_two_bases_for_reliable_change() -> None:
    """|RCI| > 1.96 can never sit beside "not reliable": each file gives one basis."""
    for inst in builtin_instruments().values():
        for stats in (inst.change, *(sub.change for sub in inst.subscales)):
            assert stats.reliable_change_points is None or stats.se_diff is None, inst.id


def test_phq9_five_point_drop_is_not_reliable_by_the_nhs_rule() -> None:
    # 12 -> 7: 5 < 6 points -> no reliable improvement, though 7 < 10 means recovery
    result = change(instrument("PHQ-9"), 12, 7)
    assert result.reliable_improvement is False
    assert result.recovery is True
    assert result.reliable_recovery is False


def test_phq9_reliable_deterioration() -> None:
    # 5 -> 12: +7 >= 6 -> deterioration; 5 was not a case, so no recovery is possible
    result = change(instrument("PHQ-9"), 5, 12)
    assert (result.reliable_improvement, result.reliable_deterioration) == (False, True)
    assert result.recovery is False


def test_phq9_not_a_case_at_baseline_cannot_recover() -> None:
    result = change(instrument("PHQ-9"), 8, 2)  # 8 < 10 at baseline
    assert result.reliable_improvement is True  # 6 points
    assert (result.recovery, result.reliable_recovery) == (False, False)


def test_gad7_thresholds_from_the_nhs_manual() -> None:
    # NHS TT manual: GAD-7 reliable change 4 points, caseness 8.
    # 15 -> 11: 4 points -> reliable; 11 >= 8 still a case -> not recovered
    result = change(instrument("GAD-7"), 15, 11)
    assert result.as_dict() == {
        "rci": None,
        "reliable_improvement": True,
        "reliable_deterioration": False,
        "recovery": False,
        "reliable_recovery": False,
        "clinically_significant": None,
        "reliable_change_points": 4,
    }
    # 10 -> 7: 3 points -> not reliable, but 7 < 8 -> recovered (not reliably)
    result = change(instrument("GAD-7"), 10, 7)
    assert (result.reliable_improvement, result.recovery, result.reliable_recovery) == (
        False,
        True,
        False,
    )


def test_who5_higher_is_better() -> None:
    who5 = instrument("WHO-5")
    up = change(who5, 40, 52)  # +12 >= 10 percentage points
    assert (up.reliable_improvement, up.reliable_deterioration) == (True, False)
    down = change(who5, 52, 40)
    assert (down.reliable_improvement, down.reliable_deterioration) == (False, True)
    small = change(who5, 40, 48)  # +8 < 10
    assert (small.reliable_improvement, small.reliable_deterioration) == (False, False)
    # No SD/reliability, no caseness, no norms: those fields have no basis
    assert (up.rci, up.recovery, up.reliable_recovery, up.clinically_significant) == (
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("baseline", "followup", "improved", "deteriorated"),
    [
        (50, 44, False, False),  # 6 points: reliable on the DSM-IV PCL's 5, not the PCL-5's
        (50, 36, False, False),  # 14 points: one short
        (50, 35, True, False),  # 15 points (Marx et al. 2022, sample 1): reliable
        (20, 35, False, True),  # worse by 15: reliable deterioration
        (20, 34, False, False),
    ],
)
def test_pcl5_reliable_change_is_15_points(
    baseline: int, followup: int, improved: bool, deteriorated: bool
) -> None:
    result = change(instrument("PCL-5"), baseline, followup)
    assert (result.reliable_improvement, result.reliable_deterioration) == (
        improved,
        deteriorated,
    )
    assert result.as_dict()["rci"] is None
    assert result.recovery is None  # no NHS-style caseness for the PCL-5


def test_no_basis_means_none_everywhere() -> None:
    result = change(instrument("PSWQ"), 70, 40)
    assert set(result.as_dict().values()) == {None}


def test_subscale_change_and_unknown_subscale() -> None:
    dass = instrument("DASS-21")
    assert set(change(dass, 20, 10, subscale="depression").as_dict().values()) == {None}
    with pytest.raises(AnswerError, match="DASS-21 has no subscale 'mood'"):
        change(dass, 20, 10, subscale="mood")
    with pytest.raises(AnswerError, match="outside the range 0-42"):
        change(dass, 50, 10, subscale="depression")


@pytest.mark.parametrize(
    ("baseline", "followup", "message"),
    [
        (30, 10, "PHQ-9: baseline 30 is outside the range 0-27"),
        (10, -1, "PHQ-9: followup -1 is outside the range 0-27"),
        (math.nan, 10, "PHQ-9: baseline nan is not a number"),
    ],
)
def test_scores_outside_the_range_are_refused(
    baseline: float, followup: float, message: str
) -> None:
    with pytest.raises(AnswerError, match=message):
        change(instrument("PHQ-9"), baseline, followup)


SYNTHETIC = """
id: TEST-10
name: Synthetic test instrument
references:
  - {{id: made_up, year: 2026, citation: Synthetic figures for testing only}}
licence: {{status: test only, text: Not an instrument, source: made_up}}
scoring:
  source: made_up
  higher_is: {direction}
  range: [0, 40]
  options: [{{value: 0, text: a}}, {{value: 1, text: b}}, {{value: 2, text: c}},
            {{value: 3, text: d}}, {{value: 4, text: e}}]
items: [{{text: q1}}, {{text: q2}}, {{text: q3}}, {{text: q4}}, {{text: q5}},
        {{text: q6}}, {{text: q7}}, {{text: q8}}, {{text: q9}}, {{text: q10}}]
change:
  sd: {{value: 5, source: made_up}}
  reliability: {{value: 0.84, source: made_up}}
  norms:
    source: made_up
    clinical: {{mean: {clinical}, sd: 6}}
    nonclinical: {{mean: {nonclinical}, sd: 4}}
"""


def _synthetic(direction: str, clinical: float, nonclinical: float) -> Instrument:
    text = SYNTHETIC.format(direction=direction, clinical=clinical, nonclinical=nonclinical)
    return parse_instrument(yaml.safe_load(text), "synthetic.yaml")


@pytest.mark.parametrize(
    ("baseline", "followup", "expected"),
    [
        (24, 12, True),  # RCI -12/2.828 = -4.24, crosses c = 14.8
        (20, 14, True),  # RCI -6/2.828 = -2.12, 14 < 14.8
        (24, 16, False),  # reliable, but 16 is still above c
        (16, 13, False),  # crosses c, but RCI -1.06 is not reliable
        (12, 2, False),  # reliable, but started on the well side of c
    ],
)
def test_jacobson_truax_clinically_significant(
    baseline: float, followup: float, expected: bool
) -> None:
    # SEdiff = 5 * sqrt(2) * sqrt(1 - 0.84) = 5 * 1.41421 * 0.4 = 2.82843
    # c = (SD_clin * M_nonclin + SD_nonclin * M_clin) / (SD_clin + SD_nonclin)
    #   = (6 * 8 + 4 * 25) / (6 + 4) = 148 / 10 = 14.8
    synthetic = _synthetic("worse", clinical=25, nonclinical=8)
    assert synthetic.change.norms is not None
    assert math.isclose(synthetic.change.norms.criterion_c, 14.8)
    result = change(synthetic, baseline, followup)
    assert result.clinically_significant is expected
    assert result.reliable_change_basis == "rci"  # no points threshold: RCI decides
    assert result.reliable_improvement is ((followup - baseline) / 2.8284271 < -1.96)


def test_jacobson_truax_when_higher_is_better() -> None:
    # clinical mean 15, non-clinical 32 -> c = (6 * 32 + 4 * 15) / 10 = 25.2
    synthetic = _synthetic("better", clinical=15, nonclinical=32)
    up = change(synthetic, 14, 28)  # RCI +14/2.828 = +4.95, ends above c
    assert (up.reliable_improvement, up.clinically_significant) == (True, True)
    down = change(synthetic, 28, 14)
    assert (down.reliable_deterioration, down.clinically_significant) == (True, False)
