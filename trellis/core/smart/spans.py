"""Spans of the statement and masking, so one phrase is read for one purpose only.

"PHQ-9" holds a 9 and "within 12 weeks" a 12: once a phrase is read as an instrument,
an age or a deadline, it is blanked out (same length, so offsets stay valid) before the
text is searched for targets. Evidence is always quoted from the original text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter


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


_TOKEN = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
DIGIT = "#"  # stands in the word set for "the text holds a digit"
SLASH = "/"  # and for "the text holds a slash" (12/15, 3x/wk)


@lru_cache(maxsize=64)
def words_of(text: str) -> frozenset[str]:
    """The lower-cased words of ``text``, with ``DIGIT`` and ``SLASH`` if it holds them.

    Each family of patterns is tried only when a word it needs is present: one pass over
    the text instead of one regex scan per rule. The small cache serves the modules that
    read the same statement in one analysis; it is far smaller than any benchmark cycle.
    """
    words = set(_TOKEN.findall(text.lower()))
    if _DIGIT.search(text):
        words.add(DIGIT)
    if SLASH in text:
        words.add(SLASH)
    return frozenset(words)


@lru_cache(maxsize=64)
def word_starts(text: str) -> frozenset[str]:
    """The first one, two and three letters of every word of ``text`` ('#' for digits)."""
    words = words_of(text)
    return frozenset(
        [word[:1] for word in words] + [word[:2] for word in words] + [word[:3] for word in words]
    )


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex fragment ('a|b(?:c|d)' -> ['a', 'b(?:c|d)'])."""
    parts: list[str] = []
    depth, current, escaped = 0, "", False
    for char in pattern:
        if escaped:
            current, escaped = current + char, False
            continue
        if char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    return [*parts, current]


def literal_starts(pattern: str) -> frozenset[str] | None:
    """The beginnings (up to three letters, '#' for a digit) some word must have for
    ``pattern`` (alternatives that each start a word) to match; None when unsure.

    Checked against ``word_starts`` of a text, it skips a search that cannot succeed.
    """
    starts: set[str] = set()
    for alternative in alternatives(pattern):
        body = alternative.removeprefix(r"\b")
        if body[:1].isdigit():
            starts.add("#")
            continue
        start = ""
        for index, char in enumerate(body[:3]):
            if not ("a" <= char.lower() <= "z") or body[index + 1 : index + 2] in ("?", "*", "{"):
                break
            start += char.lower()
        if not start:
            return None
        starts.add(start)
    return frozenset(starts)


def _first_letter(alternative: str) -> str | None:
    """The letter or digit every match of ``alternative`` starts with, lower-cased; None
    when it may start otherwise (a group, a class, an escape, an optional first letter)."""
    first, following = alternative[:1], alternative[1:2]
    if not first.isascii() or not first.isalnum() or following in ("?", "*", "{"):
        return None
    return first.lower()


def _by_first_letter(parts: Sequence[str]) -> str:
    """``a1|b1|a2`` as ``a(?:1|2)|b(?:1)``: the same matches, found faster.

    At each word the engine tests one letter per group instead of entering every
    alternative. Two alternatives with different first letters never match at the same
    place, so grouping keeps leftmost-first order wherever it matters; an alternative that
    may start otherwise closes the run, so nothing is moved across it.
    """
    out: list[str] = []
    run: dict[str, list[str]] = {}

    def close() -> None:
        out.extend(f"{letter}(?:{'|'.join(rests)})" for letter, rests in run.items())
        run.clear()

    for part in parts:
        letter = _first_letter(part)
        if letter is None:
            close()
            out.append(part)
        else:
            run.setdefault(letter, []).append(part[1:])
    close()
    return "|".join(out)


def word_pattern(*parts: str, flags: int | re.RegexFlag = 0, suffix: str = "") -> re.Pattern[str]:
    """Compile alternatives that each match from the start of a word (``\\b`` + letter/digit).

    Written as ``(?=\\w)\\b(?:a|b|...)`` the engine rejects a position that cannot start
    a word once, instead of once per alternative, and the alternatives are grouped by
    their first letter: several times faster on the long alternations these modules use,
    and the analyzer runs on every keystroke (bench/smart_speed.py). The top-level
    alternatives of each part are split out; a leading ``\\b`` on one is redundant.
    ``suffix`` follows whichever alternative matched.
    """
    split = [alt.removeprefix(r"\b") for part in parts for alt in alternatives(part)]
    return re.compile(rf"(?=\w)\b(?:{_by_first_letter(split)}){suffix}", flags)


def mask(text: str, spans: Sequence[Span]) -> str:
    """``text`` with every span replaced by spaces, keeping every offset."""
    if not spans:
        return text  # most statements have nothing to blank at a given step
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def find_all(pattern: re.Pattern[str], text: str) -> list[Span]:
    """Every match of ``pattern`` in ``text`` as a span."""
    return [Span.of(match) for match in pattern.finditer(text)]


_START = attrgetter("start")


def quote(text: str, spans: Sequence[Span]) -> tuple[str, ...]:
    """The original words under ``spans``, in reading order, without repeats."""
    if not spans:
        return ()  # the usual case for all but one or two criteria
    seen: list[str] = []
    for span in sorted(spans, key=_START):
        words = text[span.start : span.end].strip(" ,.;:")
        if words and words not in seen:
            seen.append(words)
    return tuple(seen)
