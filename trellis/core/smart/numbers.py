"""Numbers as people write them in goals: digits, words ("twelve", "twenty-one"), "twice".

Clinicians and clients spell numbers out ("two social interactions per week", "over the
next six weeks"); a target or a deadline must read the same whichever way it is written.
The patterns here are regex fragments the other modules build on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

type Number = int | float

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen"
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_UNITS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth"
]  # fmt: skip
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"

WORD_VALUES: Mapping[str, int] = MappingProxyType(
    {
        **{word: value for value, word in enumerate(_UNITS)},
        **{word: 20 + 10 * i for i, word in enumerate(_TENS)},
        "hundred": 100,
        "dozen": 12,
    }
)
ORDINAL_VALUES: Mapping[str, int] = MappingProxyType(
    {
        **{word: value for value, word in enumerate(_ORDINAL_UNITS)},
        **{word: 20 + 10 * i for i, word in enumerate(_ORDINAL_TENS.split())},
    }
)
# "once a week", "twice daily": counts of times, not quantities of things.
TIMES_VALUES: Mapping[str, int] = MappingProxyType({"once": 1, "twice": 2, "thrice": 3})


def _alternation(words: list[str]) -> str:
    """Longest first, so "fourteen" wins over "four"."""
    return "|".join(sorted(words, key=len, reverse=True))


_TENS_ALT = _alternation(_TENS)
_UNITS_ALT = _alternation(_UNITS[1:10])
_WORD_NUMBER = (
    rf"(?:(?:{_TENS_ALT})(?:[- ](?:{_UNITS_ALT}))?|(?:{_alternation(_UNITS)})"
    r"|a\s+dozen|one\s+hundred)"
)
DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
# A cardinal number, digits or words, as a regex fragment (use with re.IGNORECASE).
NUMBER = rf"(?:(?<![\w.]){DIGITS}(?!\d|\.\d|(?:st|nd|rd|th)\b)|\b{_WORD_NUMBER}\b)"
WORD_NUMBER = _WORD_NUMBER
# An ordinal, "8th" or "eighth" or "twenty-first".
ORDINAL = (
    rf"(?:\d+(?:st|nd|rd|th)\b|\b(?:(?:{_TENS_ALT})-(?:{_alternation(_ORDINAL_UNITS[1:10])})"
    rf"|{_alternation([*_ORDINAL_UNITS[1:], *_ORDINAL_TENS.split()])})\b)"
)

# The same fragments for a text that spells no number out: the long alternation of
# number words costs most of the time of the patterns that hold it, so a statement that
# writes its numbers in digits is searched with these instead (see ``digits_only``).
DIGIT_NUMBER = rf"(?:(?<![\w.]){DIGITS}(?!\d|\.\d|(?:st|nd|rd|th)\b))"
DIGIT_ORDINAL = r"(?:\d+(?:st|nd|rd|th)\b)"
ORDINAL_WORDS: frozenset[str] = frozenset([*_ORDINAL_UNITS, *_ORDINAL_TENS.split()])
NUMBER_WORDS: frozenset[str] = frozenset([*WORD_VALUES, *ORDINAL_WORDS])


def digits_only(pattern: str) -> str:
    """``pattern`` with NUMBER and ORDINAL read as digits only (for a text with no number words)."""
    return pattern.replace(NUMBER, DIGIT_NUMBER).replace(ORDINAL, DIGIT_ORDINAL)


def spells_numbers(words: frozenset[str]) -> bool:
    """True when the words of a text include a number or ordinal word ("six", "eighth")."""
    return not NUMBER_WORDS.isdisjoint(words)


_NUMBER_RE = re.compile(rf"^{NUMBER}$", re.IGNORECASE)
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)


def parse_number(text: str) -> Number | None:
    """The value of a cardinal ("12", "1.5", "twelve", "twenty-one"), else None."""
    words = text.strip().lower()
    if words.isascii() and words.isdecimal() and len(words) < 16:
        return int(words)  # plain digits, the usual case; below 16 digits float() is exact
    if not _NUMBER_RE.match(words):
        return None
    if words[0].isdigit():
        value = float(words.replace(",", ""))
        return int(value) if value.is_integer() else value
    if words.startswith("a ") or words.startswith("one "):
        return WORD_VALUES[words.split()[-1]]
    return sum(WORD_VALUES[part] for part in re.split(r"[- ]", words))


def parse_ordinal(text: str) -> int | None:
    """The value of an ordinal ("8th", "eighth", "twenty-first"), else None."""
    words = text.strip().lower()
    digits = _ORDINAL_DIGITS.match(words)
    if digits:
        return int(digits.group(1))
    parts = words.split("-")
    if len(parts) == 2 and parts[0] in WORD_VALUES and parts[1] in ORDINAL_VALUES:
        return WORD_VALUES[parts[0]] + ORDINAL_VALUES[parts[1]]
    return ORDINAL_VALUES.get(words)
