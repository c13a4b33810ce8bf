"""Achievable is False only for plainly unrealistic absolutes, otherwise unknown."""

from __future__ import annotations

import pytest

from trellis.core.smart import analyze


@pytest.mark.parametrize(
    ("text", "absolute"),
    [
        ("Client will never feel anxious again.", "never feel anxious again"),
        ("Client will always be happy.", "always be happy"),
        ("Client will use calming skills 100% of the time.", "100% of the time"),
        ("Client will completely eliminate all worry.", "completely eliminate all worry"),
        ("Client will never have another panic attack.", "never have another panic attack"),
        ("Client will not have intrusive thoughts anymore.", "not have intrusive thoughts anymore"),
        ("Client will be completely stress-free.", "completely stress-free"),
        ("Youth will be happy all the time.", "be happy all the time"),
        ("Client will never get angry again.", "never get angry again"),
    ],
)
def test_unrealistic_absolutes(text: str, absolute: str) -> None:
    result = analyze(text)
    assert result.achievable.value is False
    assert result.achievable.evidence[0] == absolute
    assert any(absolute in suggestion for suggestion in result.suggestions)


@pytest.mark.parametrize(
    "text",
    [
        "Client will never drink again.",  # lifelong abstinence is a legitimate goal
        "Client will always take medication as prescribed.",
        "I'd like to stop feeling so down all the time.",  # wants less of it
        "We want to stop fighting all the time.",
        "Client will reduce PHQ-9 below 10 within 12 weeks.",
        "Client will feel better.",
        "I want to feel like myself again.",
    ],
)
def test_everything_else_is_unknown(text: str) -> None:
    assert analyze(text).achievable.value is None
