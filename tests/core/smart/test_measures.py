"""Instruments are found and normalized; targets are read; numbers that are not targets are not."""

from __future__ import annotations

import pytest

from trellis.core.smart import analyze, normalize_instrument


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("PHQ-9 below 10", "PHQ-9"),
        ("phq9 below 10", "PHQ-9"),
        ("PHQ 9 below 10", "PHQ-9"),
        ("the Patient Health Questionnaire below 10", "PHQ-9"),
        ("GAD7 under 8", "GAD-7"),
        ("PSWQ by 15 points", "PSWQ"),
        ("PCL5 below 33", "PCL-5"),
        ("Y-BOCS from 28 to 14", "Y-BOCS"),
        ("YBOCS from 28 to 14", "Y-BOCS"),
        ("AUDIT-C below 4", "AUDIT-C"),
        ("AUDIT below 8", "AUDIT"),
        ("K-10 below 20", "K10"),
        ("BDI-II by 50%", "BDI-II"),
        ("EDE-Q global score below 2.5", "EDE-Q"),
        ("C-SSRS negative", "C-SSRS"),
        ("WHO-5 at least 52", "WHO-5"),
        ("DASS-21 depression below 13", "DASS-21"),
    ],
)
def test_instruments_are_normalized(text: str, measure: str) -> None:
    result = analyze(f"Client will reduce symptoms: {text} within 12 weeks.")
    assert result.measure == measure
    assert result.measurable.value is True
    assert result.specific.value is True  # the instrument fixes what is measured


@pytest.mark.parametrize("text", ["Client will audit her spending.", "Child is scared of dogs."])
def test_acronyms_that_are_words_count_only_in_capitals(text: str) -> None:
    assert analyze(text).measure is None


def test_normalize_instrument() -> None:
    assert normalize_instrument("phq9") == "PHQ-9"
    assert normalize_instrument("Gad 7") == "GAD-7"
    assert normalize_instrument("the GAD-7") is None
    assert normalize_instrument("mood") is None


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Client will reduce depression: PHQ-9 below 10.",
            {"value": 10, "unit": "score", "comparison": "below"},
        ),
        (
            "Client will score 5 or lower on the PHQ-9.",
            {"value": 5, "unit": "score", "comparison": "at most"},
        ),
        (
            "Reduce PHQ-9 from 18 to 9.",
            {"value": 9, "unit": "score", "from": {"value": 18, "unit": "score"}},
        ),
        (
            "Reduce PCL-5 by at least 10 points.",
            {"value": 10, "unit": "points", "comparison": "at least"},
        ),
        (
            "Client will have 60-70% fewer panic attacks.",
            {"value": 60, "unit": "percent", "upper": 70},
        ),
        (
            "Client will reduce arguments from daily to twice a week.",
            {"value": 2, "unit": "per week", "from": {"value": 1, "unit": "per day"}},
        ),
        (
            "Client will sleep 7 to 8 hours per night.",
            {"value": 7, "unit": "hours per night", "upper": 8},
        ),
        (
            "Client will limit gambling to $20 per month.",
            {"value": 20, "unit": "dollars per month"},
        ),
        ("Client will use grounding 4 out of 5 times.", {"value": 4, "unit": "out of 5"}),
        ("Client will walk for 20 minutes a day.", {"value": 20, "unit": "minutes per day"}),
        (
            "Veteran will sleep at least 6 hrs/night.",
            {"value": 6, "unit": "hours per night", "comparison": "at least"},
        ),
        ("Pt will practice paced breathing 2x daily.", {"value": 2, "unit": "per day"}),
        (
            "Client will have no more than two drinks per day.",
            {"value": 2, "unit": "per day", "comparison": "at most"},
        ),
        (
            "Client will reduce laxative use from daily to none.",
            {"value": 0, "unit": "per day", "from": {"value": 1, "unit": "per day"}},
        ),
        ("Client will stay sober for 6 months.", {"value": 6, "unit": "months"}),
    ],
)
def test_targets(text: str, target: dict[str, object]) -> None:
    result = analyze(text)
    assert result.measurable.value is True
    assert result.target is not None
    assert result.target.as_dict() == target


@pytest.mark.parametrize(
    "text",
    [
        "Client, 27, will feel more relaxed.",
        "Client (27) will feel more relaxed.",
        "Student, age 9, will be good at school.",
        "A 16-year-old client will feel better.",
        "I'm 19 and I want to feel normal.",
        "Client (DOB 04/12/1988) will feel better.",
        "Client, diagnosed with F41.1 under DSM-5, will feel better.",
        "Client will attend 12-step meetings.",
        "Client will complete step 4 with a sponsor.",
        "Client will use the 5-4-3-2-1 grounding exercise.",
        "Client will call 988 when having suicidal thoughts.",
        "Client, in 10th grade, will be good at school.",
        "Client will rate anxiety on a 0-10 scale.",
        "Client will feel better within 12 weeks.",
    ],
)
def test_numbers_that_are_not_targets_do_not_make_a_goal_measurable(text: str) -> None:
    result = analyze(text)
    assert result.measurable.value is False, result.measurable.evidence
    assert result.target is None


@pytest.mark.parametrize(
    "text",
    [
        "Client will walk daily.",
        "Client will attend a weekly group.",
        "Client will go to bed at the same time every night.",
        "Client will bring the log to each session.",
        "Client will be in bed by 10:30 pm.",
        "Client will reduce GAD-7.",
        "Adolescent will go 60 days without cutting.",
    ],
)
def test_frequencies_clock_times_instruments_and_streaks_are_measurable(text: str) -> None:
    assert analyze(text).measurable.value is True


def test_comparatives_alone_are_not_measurable_and_say_why() -> None:
    result = analyze("I want to drink less.")
    assert result.measurable.value is False
    assert "less" in result.measurable.reason
