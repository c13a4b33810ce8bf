"""Spelled-out numbers read the same as digits, in targets and in deadlines."""

from __future__ import annotations

import pytest

from trellis.core.smart import analyze
from trellis.core.smart.numbers import parse_number, parse_ordinal


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("12", 12),
        ("2.5", 2.5),
        ("1,000", 1000),
        ("two", 2),
        ("twelve", 12),
        ("Fourteen", 14),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("ninety", 90),
        ("a dozen", 12),
        ("zero", 0),
    ],
)
def test_cardinals(written: str, value: float) -> None:
    assert parse_number(written) == value


@pytest.mark.parametrize("written", ["", "many", "several", "a few", "8th"])
def test_words_that_are_not_cardinals(written: str) -> None:
    assert parse_number(written) is None


@pytest.mark.parametrize(
    ("written", "value"),
    [("8th", 8), ("1st", 1), ("22nd", 22), ("third", 3), ("twelfth", 12), ("twenty-first", 21)],
)
def test_ordinals(written: str, value: int) -> None:
    assert parse_ordinal(written) == value


def test_spelled_out_count_and_frequency_is_the_target() -> None:
    result = analyze("Client will initiate two social interactions per week.")
    assert result.measurable.value is True
    assert result.target is not None
    assert result.target.as_dict() == {"value": 2, "unit": "per week"}


def test_spelled_out_deadline_is_normalized_to_digits() -> None:
    assert analyze("Client will walk daily over the next six weeks.").deadline == "6 weeks"
    assert analyze("Client will walk daily for twelve weeks.").deadline == "12 weeks"
    assert analyze("Client will walk daily for twenty-one days.").deadline == "21 days"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Client will call a friend twice a week.", {"value": 2, "unit": "per week"}),
        (
            "Client will check the stove no more than once.",
            {"value": 1, "unit": "times", "comparison": "at most"},
        ),
        ("Client will eat three meals a day.", {"value": 3, "unit": "per day"}),
        ("Client will reduce PHQ-9 by half.", {"value": 50, "unit": "percent"}),
        ("Client will have zero hospitalizations.", {"value": 0, "unit": "hospitalizations"}),
    ],
)
def test_word_quantities(text: str, target: dict[str, object]) -> None:
    result = analyze(text)
    assert result.target is not None
    assert result.target.as_dict() == target


@pytest.mark.parametrize(
    "text",
    [
        "Client will go back to therapy once she feels ready.",
        "Client will call one of her friends.",
        "No one will have to remind client to shower.",
    ],
)
def test_number_words_that_count_nothing(text: str) -> None:
    assert analyze(text).measurable.value is False
