"""Shared helpers for the measures tests: the shipped instruments and answer builders."""

from __future__ import annotations

from trellis.core.measures import builtin_instruments
from trellis.core.measures.schema import Instrument

INSTRUMENTS = builtin_instruments()


def instrument(instrument_id: str) -> Instrument:
    """A shipped instrument by id."""
    return INSTRUMENTS[instrument_id]


def spread(raw: int, count: int = 7, top: int = 3) -> list[int]:
    """``count`` answers of at most ``top`` adding up to ``raw`` (3s first, then the rest)."""
    assert 0 <= raw <= count * top
    answers = []
    for _ in range(count):
        value = min(top, raw)
        answers.append(value)
        raw -= value
    return answers


DASS_ITEMS = {
    "depression": (3, 5, 10, 13, 16, 17, 21),
    "anxiety": (2, 4, 7, 9, 15, 19, 20),
    "stress": (1, 6, 8, 11, 12, 14, 18),
}


def dass(depression: int = 0, anxiety: int = 0, stress: int = 0) -> list[int | None]:
    """DASS-21 answers whose raw scale sums are the given numbers (before the x2)."""
    answers: list[int | None] = [None] * 21
    for scale, raw in (("depression", depression), ("anxiety", anxiety), ("stress", stress)):
        for number, value in zip(DASS_ITEMS[scale], spread(raw), strict=True):
            answers[number - 1] = value
    return answers
