"""NHS Talking Therapies' outcomes on the PHQ-9 and the GAD-7 together.

Source: National Collaborating Centre for Mental Health, The IAPT Manual (2018, updated
2019), appendix C, continued by NHS England's NHS Talking Therapies manual: caseness is
PHQ-9 >= 10 or GAD-7 >= 8 at the start; recovery is a case at the start and below caseness
on both at the end; reliable improvement is a fall of >= 6 (PHQ-9) or >= 4 (GAD-7) on at
least one measure with a reliable deterioration on neither; reliable recovery is both.
Reliable deterioration is a rise of >= 6 / >= 4 on either measure; a mixed course counts
as deterioration (our reading, so that worsening is never hidden: see recovery.py).
"""

from __future__ import annotations

import pytest

from trellis.core.measures import AnswerError, paired_outcome

from .helpers import instrument

# (phq9 start, end), (gad7 start, end) -> improvement, deterioration, recovery, rel. recovery
TABLE = [
    ((18, 8), (12, 6), (True, False, True, True)),  # both better, both below caseness
    ((18, 9), (7, 7), (True, False, True, True)),  # PHQ-9 alone improves, GAD-7 steady
    ((12, 9), (9, 7), (False, False, True, False)),  # recovered, but neither fell enough
    ((18, 9), (6, 10), (False, True, False, False)),  # mixed: GAD-7 +4, and 10 is a case
    ((8, 3), (6, 2), (True, False, False, False)),  # GAD-7 -4, but no case at the start
    ((15, 9), (10, 8), (True, False, False, False)),  # GAD-7 ends at 8: still a case
    ((15, 9), (10, 7), (True, False, True, True)),  # ... and at 7 it is not
    ((5, 11), (3, 3), (False, True, False, False)),  # PHQ-9 +6: reliable deterioration
    ((5, 10), (3, 6), (False, False, False, False)),  # +5 and +3: one short on each
    ((9, 9), (8, 7), (False, False, True, False)),  # a case only by GAD-7 8 at the start
    ((18, 13), (12, 12), (False, False, False, False)),  # 18 -> 13 is 5 points: not reliable
    ((18, 12), (12, 12), (True, False, False, False)),  # 18 -> 12 is 6: reliable, still cases
]


@pytest.mark.parametrize(("phq9", "gad7", "expected"), TABLE)
def test_paired_outcomes_hand_worked(
    phq9: tuple[int, int], gad7: tuple[int, int], expected: tuple[bool, bool, bool, bool]
) -> None:
    outcome = paired_outcome(instrument("PHQ-9"), phq9, instrument("GAD-7"), gad7)
    got = (
        outcome.reliable_improvement,
        outcome.reliable_deterioration,
        outcome.recovery,
        outcome.reliable_recovery,
    )
    assert got == expected


def test_the_json_shape_names_both_measures() -> None:
    outcome = paired_outcome(instrument("PHQ-9"), (18, 9), instrument("GAD-7"), (6, 10))
    judged = outcome.as_dict()
    assert judged["caseness_start"] is True and judged["caseness_end"] is True
    assert judged["measures"] == {
        "PHQ-9": {
            "baseline": 18,
            "followup": 9,
            "reliable_improvement": True,
            "reliable_deterioration": False,
            "case_at_start": True,
            "case_at_end": False,
        },
        "GAD-7": {
            "baseline": 6,
            "followup": 10,
            "reliable_improvement": False,
            "reliable_deterioration": True,
            "case_at_start": False,
            "case_at_end": True,
        },
    }


def test_a_measure_without_a_threshold_or_caseness_cannot_be_paired() -> None:
    with pytest.raises(AnswerError, match="PSWQ has no published reliable-change threshold"):
        paired_outcome(instrument("PHQ-9"), (18, 9), instrument("PSWQ"), (60, 40))


def test_the_same_measure_twice_is_refused() -> None:
    with pytest.raises(AnswerError, match="two different measures"):
        paired_outcome(instrument("PHQ-9"), (18, 9), instrument("PHQ-9"), (18, 9))


def test_a_score_outside_the_range_is_refused() -> None:
    with pytest.raises(AnswerError, match="GAD-7: followup 22 is outside the range 0-21"):
        paired_outcome(instrument("PHQ-9"), (18, 9), instrument("GAD-7"), (12, 22))
