"""Scoring rules: output shape, flags, reverse-scored and multiplied items, missing answers,
and clear refusals for wrong counts and values outside the options."""

from __future__ import annotations

import pytest

from trellis.core.measures import AnswerError, score

from .helpers import dass, instrument


def test_result_serializes_to_the_cli_shape() -> None:
    # 2+2+2+2+2+2+1+0+1 = 14: moderate (10-14), item 9 answered 1 -> flagged
    result = score(instrument("PHQ-9"), [2, 2, 2, 2, 2, 2, 1, 0, 1])
    assert result.as_dict() == {
        "instrument": "PHQ-9",
        "total": 14,
        "severity": "moderate",
        "subscales": {},
        "flags": ["item9_positive"],
        "min": 0,
        "max": 27,
    }
    assert isinstance(result.as_dict()["total"], int)  # JSON shows 14, not 14.0


def test_phq9_item9_flag_whatever_the_total() -> None:
    assert score(instrument("PHQ-9"), [0] * 8 + [1]).flags == ("item9_positive",)
    assert score(instrument("PHQ-9"), [3] * 8 + [0]).flags == ()


@pytest.mark.parametrize("instrument_id", ["PHQ-2", "GAD-2"])
def test_two_item_screens_flag_at_three(instrument_id: str) -> None:
    assert score(instrument(instrument_id), [1, 1]).flags == ()  # 2: below the cut-point
    assert score(instrument(instrument_id), [2, 1]).flags == ("positive_screen",)  # 3
    assert score(instrument(instrument_id), [1, 1]).severity is None  # no bands published


def test_audit_c_sex_specific_cutoffs() -> None:
    audit_c = instrument("AUDIT-C")
    assert score(audit_c, [1, 1, 0]).flags == ()  # 2
    assert score(audit_c, [1, 1, 1]).flags == ("positive_screen_women",)  # 3: women only
    assert score(audit_c, [2, 1, 1]).flags == ("positive_screen_women", "positive_screen_men")


def test_audit_items_9_and_10_only_take_0_2_4() -> None:
    audit = instrument("AUDIT")
    assert score(audit, [0] * 8 + [2, 4]).total == 6
    with pytest.raises(
        AnswerError, match=r"AUDIT: item 9: 1 is not one of the options \(0, 2, 4\)"
    ):
        score(audit, [0] * 8 + [1, 0])


def test_pswq_reverse_scored_items() -> None:
    pswq = instrument("PSWQ")
    # All 1s: items 1, 3, 8, 10, 11 reverse to 5 -> 5 x 5 + 11 x 1 = 36
    assert score(pswq, [1] * 16).total == 36
    # All 5s: reversed items give 1 -> 5 x 1 + 11 x 5 = 60
    assert score(pswq, [5] * 16).total == 60
    # Least worry: 5 on the reversed items, 1 on the others -> 5 x 1 + 11 x 1 = 16 (minimum)
    least = [5 if n in (1, 3, 8, 10, 11) else 1 for n in range(1, 17)]
    assert score(pswq, least).total == 16
    most = [1 if n in (1, 3, 8, 10, 11) else 5 for n in range(1, 17)]
    assert score(pswq, most).total == 80
    assert (score(pswq, most).min, score(pswq, most).max) == (16, 80)


def test_who5_multiplier_turns_raw_into_percent() -> None:
    # raw 3+3+3+3+2 = 14, x 4 = 56
    result = score(instrument("WHO-5"), [3, 3, 3, 3, 2])
    assert (result.total, result.min, result.max) == (56, 0, 100)


def test_dass21_scales_are_doubled() -> None:
    # depression raw 7 -> 14 moderate; anxiety raw 4 -> 8 mild; stress raw 9 -> 18 mild
    result = score(instrument("DASS-21"), dass(depression=7, anxiety=4, stress=9))
    assert result.subscales == {"depression": 14, "anxiety": 8, "stress": 18}
    assert result.subscale_severity == {
        "depression": "moderate",
        "anxiety": "mild",
        "stress": "mild",
    }
    assert result.total == 40  # (7 + 4 + 9) x 2
    assert result.severity is None  # the total has no published bands
    assert result.as_dict()["subscale_severity"] == result.subscale_severity


def test_pcl5_cluster_subscales() -> None:
    # B items 1-5 = 4 each (20); C 6-7 = 2 each (4); D 8-14 = 1 each (7); E 15-20 = 0
    answers = [4] * 5 + [2] * 2 + [1] * 7 + [0] * 6
    result = score(instrument("PCL-5"), answers)
    assert result.subscales == {"B": 20, "C": 4, "D": 7, "E": 0}
    assert result.total == 31
    assert result.severity is None  # no empirically derived severity bands
    assert result.flags == ()  # the 31-33 cut-point is a range: recorded, not flagged


def test_missing_answer_rejected_when_the_manual_has_no_rule() -> None:
    with pytest.raises(AnswerError, match="PHQ-9: item 4 not answered"):
        score(instrument("PHQ-9"), [1, 1, 1, None, 1, 1, 1, 1, 1])
    with pytest.raises(AnswerError, match="items 1, 2 not answered"):
        score(instrument("GAD-7"), [None, None, 1, 1, 1, 1, 1])


def test_dass21_prorates_one_missing_item_per_scale() -> None:
    answers = dass(depression=4, anxiety=4, stress=4)
    answers[20] = None  # item 21, depression; its other six items hold 3 + 1 + 0... = 4
    depression_items = [answers[n - 1] for n in (3, 5, 10, 13, 16, 17)]
    assert sum(v for v in depression_items if v is not None) == 4
    result = score(instrument("DASS-21"), answers)
    # mean of six answered = 4 / 6; scale = 4 + 4/6 = 4.667; x 2 = 9.33
    assert result.subscales["depression"] == 9.33
    # 9.33 lies between bands 0-9 and 10-13: it has not reached mild, so it stays normal
    assert result.subscale_severity["depression"] == "normal"
    assert result.prorated == (21,)
    assert result.as_dict()["prorated"] == [21]


def test_dass21_refuses_two_missing_in_one_scale() -> None:
    answers = dass(depression=4)
    answers[2] = answers[4] = None  # items 3 and 5, both depression
    with pytest.raises(AnswerError, match="2 answers missing in subscale depression"):
        score(instrument("DASS-21"), answers)


def test_asq_refusal_counts_as_yes_and_an_unanswered_item5_as_acute() -> None:
    """NIMH ASQ toolkit: a refusal of 1-4 is a yes, and question 5 is then asked. Issue 10:
    yes to 1-4 with question 5 blank was refused whole; it is a positive screen, read as
    acute (the conservative reading of a refused acuity question)."""
    asq = instrument("ASQ")
    assert score(asq, [0, 0, 0, 0, None]).severity == "negative screen"
    for answers in ([0, 0, 0, None, None], [1, 0, 0, 0, None], [1, 1, 1, 1, None]):
        blank5 = score(asq, answers)
        assert blank5.severity == "acute positive screen", answers
        assert "item5_positive" in blank5.flags
    refused = score(asq, [0, 0, 0, None, 0])
    assert refused.severity == "non-acute positive screen"
    assert refused.flags == ("item4_positive",)


def test_asq_screen_results() -> None:
    asq = instrument("ASQ")
    assert score(asq, [1, 0, 0, 0, 0]).severity == "non-acute positive screen"
    acute = score(asq, [1, 1, 0, 0, 1])
    assert acute.severity == "acute positive screen"
    assert acute.flags == ("item1_positive", "item2_positive", "item5_positive")
    # A yes to item 5 is never ignored, even when items 1-4 were all no
    assert score(asq, [0, 0, 0, 0, 1]).severity == "acute positive screen"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([0] * 8, r"PHQ-9: expected 9 answers, got 8"),
        ([0] * 10, r"PHQ-9: expected 9 answers, got 10"),
        ([0] * 8 + [4], r"PHQ-9: item 9: 4 is not one of the options \(0, 1, 2, 3\)"),
        ([-1] + [0] * 8, r"PHQ-9: item 1: -1 is not one of the options"),
        ([True] + [0] * 8, r"PHQ-9: item 1: True is not a whole number"),
        ([1.0] + [0] * 8, r"PHQ-9: item 1: 1.0 is not a whole number"),
        ("000000000", r"PHQ-9: answers must be a list of numbers, not text"),
    ],
)
def test_invalid_answers_are_refused_with_a_clear_message(answers: object, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        score(instrument("PHQ-9"), answers)  # type: ignore[arg-type]


def test_k10_values_start_at_one() -> None:
    with pytest.raises(AnswerError, match=r"K10: item 1: 0 is not one of the options \(1, 2"):
        score(instrument("K10"), [0] + [1] * 9)
