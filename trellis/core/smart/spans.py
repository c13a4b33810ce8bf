"""Spans of the statement and masking, so one phrase is read for one purpose only.

"PHQ-9" holds a 9 and "within 12 weeks" a 12: once a phrase is read as an instrument,
an age or a deadline, it is blanked out (same length, so offsets stay valid) before the
text is searched for targets. Evidence is always quoted from the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original statement: where it is and what it says."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, match: re.Match[str], group: int | str = 0) -> Span:
        """The span of a regex match (or of one of its groups)."""
        return cls(match.start(group), match.end(group), match.group(group))

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


def mask(text: str, spans: Iterable[Span]) -> str:
    """``text`` with every span replaced by spaces, keeping every offset."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def find_all(pattern: re.Pattern[str], text: str) -> list[Span]:
    """Every match of ``pattern`` in ``text`` as a span."""
    return [Span.of(match) for match in pattern.finditer(text)]


def quote(text: str, spans: Iterable[Span]) -> tuple[str, ...]:
    """The original words under ``spans``, in reading order, without repeats."""
    seen: list[str] = []
    for span in sorted(spans, key=lambda s: s.start):
        words = text[span.start : span.end].strip(" ,.;:")
        if words and words not in seen:
            seen.append(words)
    return tuple(seen)
