"""Quantities in a goal and the one that is its target.

A goal is measurable when it counts or scores something: "two social interactions per
week", "60-70%", "from daily to twice a week", "below 10", "7 to 8 hours per night". The
text reaching this module has had instruments, deadlines and non-target numbers blanked
out (see ``spans.mask``), so every number left is a candidate quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from .numbers import NUMBER, TIMES_VALUES, Number, digits_only, parse_number, spells_numbers
from .result import Target
from .spans import DIGIT, Span, word_pattern, words_of

_I = re.IGNORECASE
_COMPARISONS = (
    (
        "at most",
        r"no\s+more\s+than|not\s+more\s+than|at\s+most|at\s+or\s+below|at\s+or\s+under"
        r"|(?:a\s+)?maximum\s+of|up\s+to|<=|≤",
    ),
    (
        "at least",
        r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|(?:a\s+)?minimum\s+of"
        r"|at\s+or\s+above|>=|≥",
    ),
    ("below", r"less\s+than|fewer\s+than|lower\s+than|below|under|<"),
    ("above", r"more\s+than|greater\s+than|higher\s+than|above|over|>"),
)
_COMPARISON = "|".join(f"(?:{pattern})" for _, pattern in _COMPARISONS)
_NAMED_COMPARISONS = tuple((name, re.compile(pattern, _I)) for name, pattern in _COMPARISONS)
# How the comparisons above end: a text ending otherwise has none (outside ASCII, where
# case folding is wider than lower(), the pattern itself decides).
_COMPARISON_ENDS = (
    "than",
    "most",
    "below",
    "under",
    "of",
    "to",
    "least",
    "above",
    "over",
    "=",
    "<",
    ">",
)
_COMPARISON_BEFORE = re.compile(rf"(?:^|\W)(?P<comp>{_COMPARISON})\s*$", _I)
_POST_COMPARISON = re.compile(
    r"^\s*or\s+(?P<post>less|fewer|lower|below|under|more|higher|above|greater)\b", _I
)
_FROM_BEFORE = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|nearly\s+)?$", _I
)
_TO_BEFORE = re.compile(rf"\bto\s+(?:(?:{_COMPARISON})\s+)?$", _I)
_BY_BEFORE = re.compile(rf"\b(?:by|in)\s+(?:(?:{_COMPARISON})\s+)?$", _I)
_RANGE = re.compile(
    rf"^\s*(?:-|\u2013|to)\s*(?P<upper>{NUMBER})(?!\s*(?:-|\u2013)?\s*point\s+scale)", _I
)
_PERCENT = re.compile(r"^\s*(?:%|percent\b|per\s+cent\b)", _I)
_RATIO = re.compile(rf"^\s*(?:out\s+)?of\s+(?:the\s+)?(?P<of>{NUMBER})\b", _I)
_PER = (
    r"(?:(?:times?|x)\s*)?(?:(?:a|an|per|each|every)\s+|/\s*)(?P<per>day|d|night|week|wk|month|mo"
    r"|year|yr|session|weekday|weekend|morning|evening|school\s+day|workday|occasion|meal)\b"
)
_FREQUENCY_AFTER = re.compile(
    rf"^\s*(?:{_PER}|(?:(?:times|x)\s*)?(?P<adverb>daily|nightly|weekly|monthly)\b)", _I
)
_PER_NAMES = {"d": "day", "wk": "week", "mo": "month", "yr": "year"}
_PLUS = re.compile(r"^\s*\+")
# "a 10-minute break", "a 20-minute check-in": the length of one occasion.
_LENGTH = re.compile(
    r"^-(minute|min|hour|hr|point|pt)s?\b|^\s(point|pt)s?\b(?!\s+scale)", _I
)  # "a 10-minute break", "a 5-point decrease", "5 point drop"
_MEASURE_UNITS = {
    "minute": "minutes", "min": "minutes", "mins": "minutes", "hour": "hours", "hr": "hours",
    "hrs": "hours", "point": "points", "pt": "points", "pts": "points", "pound": "pounds",
    "lb": "pounds", "lbs": "pounds",
    "kg": "kg", "cup": "cups", "mg": "mg", "dollar": "dollars", "step": "steps", "x": "times",
}  # fmt: skip
_STOP = frozenset([
    "a", "an", "the", "per", "each", "every", "for", "of", "by", "in", "on", "at", "to",
    "and", "or", "with", "when", "before", "after", "during", "instead", "as", "that",
    "from", "than", "within", "over", "until", "while", "if", "without", "so", "but",
    "into", "about", "daily", "nightly", "weekly", "monthly", "times", "out"
])  # fmt: skip
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'\u2019-]*)")
_CANDIDATE_PATTERN = rf"(?P<dollar>\$)?(?P<num>{NUMBER}|\b(?:once|twice|thrice|none|half)\b)"
_CANDIDATE = re.compile(_CANDIDATE_PATTERN, _I)
_DIGIT_CANDIDATE = re.compile(digits_only(_CANDIDATE_PATTERN), _I)
_COUNT_WORDS = frozenset(["once", "twice", "thrice", "none", "half"])
_CLOCK = word_pattern(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\bmidnight\b", flags=_I)
_FREQUENCY_WORD = word_pattern(
    r"\b(?P<adverb>daily|nightly|weekly|monthly)\b|\b(?:every|each)\s+(?:single\s+)?"
    r"(?P<per>day|night|morning|evening|week|weekday|weekend|session|meal|Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday|other\s+day|(?P<n>\w+)\s+(?P<nper>days|weeks))\b"
    r"|\b(?:on|during)\s+(?P<on>school\s+nights|school\s+days|weeknights|weekdays|weekends"
    r"|workdays)\b",
    flags=_I,
)
# Counted attendance: "every appointment", "all scheduled sessions", "not miss any visits".
_KINDS_OF_VISIT = (
    r"(?:(?:of\s+)?(?:her|his|their|my|the|our)\s+)?(?:(?:scheduled|weekly|monthly|therapy"
    r"|psychiatry|psychiatric|group|individual|family|couples|medical|follow-up|treatment"
    r"|counseling|counselling|DBT|IOP|PHP|AA|NA|prenatal|school|medication)\s+){0,2}"
)
_VISITS = r"(?:sessions?|appointments?|visits?|groups?|classes|class|meetings?|doses?)\b"
_ATTENDANCE = word_pattern(
    rf"\b(?:every|each|all)\s+{_KINDS_OF_VISIT}{_VISITS}",
    rf"\b(?:not|never)\s+miss\s+(?:any|a\s+single|one)\s+{_KINDS_OF_VISIT}{_VISITS}",
    rf"\b(?:no|zero)\s+missed\s+{_KINDS_OF_VISIT}{_VISITS}",
    flags=_I,
)
# The words each family of quantities needs (one of them), so the rest are not searched.
_CLOCK_WORDS = frozenset([DIGIT, "midnight"])
_FREQUENCY_WORDS = frozenset(
    ["daily", "nightly", "weekly", "monthly", "every", "each", "on", "during"]
)
_ATTENDANCE_WORDS = frozenset(["every", "each", "all", "miss", "missed"])
_HOUR_WORDS = frozenset(["hour", "minute"])
_RX_WORDS = frozenset(["q", "bid", "tid", "qid", "qd", "qhs", "qam", "qpm"])


def _rx_frequency(match: re.Match[str]) -> Quantity:
    """'q wk' -> 1 per week; 'bid' -> 2 per day."""
    times = {"bid": 2, "tid": 3, "qid": 4}.get((match.group("rx") or "").lower(), 1)
    per = _RX_PER.get((match.group("q") or "").lower(), "day")
    return Quantity(Span.of(match), times, f"per {per}")


# "for an hour", "at least half an hour": one hour or minute with no digit.
_AN_HOUR = word_pattern(
    r"\b(?:for|in|within|at\s+least|up\s+to|about)\s+(?P<half>half\s+an|an|a|one)\s+"
    r"(?P<unit>hour|minute)\b",
    flags=_I,
)


def _an_hour(match: re.Match[str]) -> Quantity:
    half = match.group("half").lower().startswith("half")
    unit = match.group("unit").lower() + "s"
    return Quantity(Span.of(match), 30 if half else 1, "minutes" if half else unit)


# A letter grade as the level to reach: "a C or better", "B- or higher".
_GRADE = word_pattern(r"\b(?:an?\s+)?(?-i:[ABCD][+-]?)\s+or\s+(?:better|higher|above)\b", flags=_I)
_ONCE_COUNTED = re.compile(
    r"\s*(?:$|[,.;]|(?:by|before|within|during|this|next|in\s+the\s+next)\b)", _I
)
# A percentage of a feeling is not a measure: "be 100% happy".
_FEELING_AFTER = re.compile(
    r"\s*(?:happy|calm|sure|confident|better|okay|ok|fine|healthy|recovered|cured|relaxed"
    r"|certain|positive|stress-free|anxiety-free)\b",
    _I,
)
# Prescription shorthand: "q wk", "q.d.", "bid", "qhs".
_RX_FREQUENCY = word_pattern(
    r"\bq\.?\s*(?P<q>wk|week|d|day|am|pm|hs|night|mo|month)\b\.?|\b(?P<rx>bid|tid|qid|qd|qhs|qam|qpm)\b",
    flags=_I,
)
_RX_PER = {"wk": "week", "week": "week", "mo": "month", "month": "month"}
_ADVERB_PER = {"daily": "day", "nightly": "night", "weekly": "week", "monthly": "month"}
_WEEKDAY_NAMES = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number (or frequency word) read with what it counts; ``span`` covers all of it."""

    span: Span
    value: Number | str
    unit: str | None
    comparison: str | None = None
    upper: Number | None = None
    after_from: bool = False
    after_to: bool = False

    def target(self, *, baseline: Quantity | None = None) -> Target:
        """This quantity as a target, with the level it starts from if there is one."""
        start = None if baseline is None else Target(baseline.value, baseline.unit or "count")
        return Target(self.value, self.unit or "count", self.comparison, self.upper, start)


def find_quantities(text: str, *, scored: bool = False) -> list[Quantity]:
    """Every quantity in ``text`` (already masked), in reading order.

    ``scored``: an instrument is named, so a bare number ("below 10") is a score.
    """
    words = words_of(text)
    wordy = spells_numbers(words) or not _COUNT_WORDS.isdisjoint(words)
    found: list[Quantity] = []
    if wordy or DIGIT in words:
        candidates = (_CANDIDATE if wordy else _DIGIT_CANDIDATE).finditer(text)
        found += [q for q in (_number_at(m, text, scored) for m in candidates) if q]
    if not _CLOCK_WORDS.isdisjoint(words):
        found += [
            Quantity(Span.of(m), m.group().strip(), "time of day") for m in _CLOCK.finditer(text)
        ]
    if not _FREQUENCY_WORDS.isdisjoint(words):
        found += [_frequency_word(m, text) for m in _FREQUENCY_WORD.finditer(text)]
    if not _ATTENDANCE_WORDS.isdisjoint(words):
        found += [Quantity(Span.of(m), "all", "attendance") for m in _ATTENDANCE.finditer(text)]
    if not _HOUR_WORDS.isdisjoint(words):
        found += [_an_hour(m) for m in _AN_HOUR.finditer(text)]
    if not _RX_WORDS.isdisjoint(words):
        found += [_rx_frequency(m) for m in _RX_FREQUENCY.finditer(text)]
    if "or" in words:
        found += [
            Quantity(Span.of(m), m.group().split()[-3], "grade", "at least")
            for m in _GRADE.finditer(text)
        ]
    return _without_overlaps(found)


def _number_at(match: re.Match[str], text: str, scored: bool) -> Quantity | None:
    """Read the quantity that starts at a number: its range, unit, frequency, comparison."""
    word = match.group("num").lower()
    before, end = _tail(text, match.start()), match.end()
    if _CLOCK.match(text, match.start()):
        return None
    value = _value(word, before, text[end:])
    if value is None:
        return None
    comparison = _comparison_before(before)
    upper = None
    after_from = bool(_FROM_BEFORE.search(before))
    if (plus := _PLUS.match(text[end:])) is not None:
        comparison, end = "at least", end + plus.end()  # "7+ hours"
    elif (
        (found := _RANGE.match(text[end:]))
        and not after_from
        and _larger(found.group("upper"), value)
    ):
        upper, end = parse_number(found.group("upper")), end + found.end()
    unit, end = _unit_after(text, end, word, match.group("dollar") is not None)
    if unit == "percent" and _FEELING_AFTER.match(text, end):
        return None  # "100% happy" rates a feeling, it counts nothing
    if word == "half":
        value, unit = 50, "percent"
    if (post := _POST_COMPARISON.match(text[end:])) is not None:
        comparison = (
            "at least"
            if post.group("post").lower() in ("more", "higher", "above", "greater")
            else "at most"
        )
        end += post.end()
        unit, end = (unit, end) if unit else _unit_after(text, end, word, False)
    if unit is None and scored:
        unit = "score"
    start = match.start()
    return Quantity(
        Span(start, end, text[start:end]), value, unit, comparison, upper,
        after_from=after_from, after_to=bool(_TO_BEFORE.search(before)),
    )  # fmt: skip


def _tail(text: str, end: int, size: int = 60) -> str:
    """The ``size`` characters before ``end``: all the look-behind rules ever need ("from
    about", "no more than"), so they do not rescan the whole statement. A word cut at the
    edge is replaced by a letter, so it cannot look like a word start."""
    if end <= size:
        return text[:end]
    edge = end - size
    return ("x" if text[edge - 1].isalnum() else " ") + text[edge:end]


_ONE_OF = re.compile(r"\s*(?:of|another|day\s+at\s+a\s+time)\b", _I)
_ONE_AFTER = re.compile(r"\b(?:no|any|some|the|this|that)\s*$", _I)


def _value(word: str, before: str, after: str) -> Number | None:
    """The number's value, or None when the word is not a quantity here."""
    if word in TIMES_VALUES:
        frequency = _FREQUENCY_AFTER.match(after)
        counted = _ONCE_COUNTED.match(after)  # "drive past it once by the next session"
        if word == "once" and not (frequency or counted or _COMPARISON_BEFORE.search(before)):
            return None  # "once she feels ready"
        return TIMES_VALUES[word]
    if word == "none":
        return 0 if _TO_BEFORE.search(before) else None
    if word == "half":
        return 50 if _BY_BEFORE.search(before) else None
    if word == "one" and _ONE_OF.match(after):
        return None  # "one of her friends", "one another"
    if word == "one" and _ONE_AFTER.search(before):
        return None
    return parse_number(word)


def _larger(word: str, value: Number) -> bool:
    upper = parse_number(word)
    return upper is not None and upper > value


def _comparison_before(before: str) -> str | None:
    tail = before[-30:]
    if tail.isascii() and not tail.rstrip().lower().endswith(_COMPARISON_ENDS):
        return None  # every comparison ends in one of these words (a cheap test first)
    found = _COMPARISON_BEFORE.search(tail)
    if found is None:
        return None
    said = found.group("comp").lower()
    for name, pattern in _NAMED_COMPARISONS:
        if pattern.fullmatch(said):
            return name
    return None  # pragma: no cover - every alternative above belongs to one name


def _unit_after(text: str, end: int, word: str, dollars: bool) -> tuple[str | None, int]:
    """What the number counts and how often: ('per week', end), ('minutes per day', end)."""
    rest = text[end:]
    if (percent := _PERCENT.match(rest)) is not None:
        return "percent", end + percent.end()
    if (ratio := _RATIO.match(rest)) is not None:
        _, noun_end = _noun_after(text, end + ratio.end())  # "4 of 5 school days"
        return f"out of {parse_number(ratio.group('of'))}", noun_end
    unit = "dollars" if dollars else None
    noun_end = end
    if word in TIMES_VALUES:
        unit = "times"
    elif (length := _LENGTH.match(rest)) is not None:
        unit = _MEASURE_UNITS[(length.group(1) or length.group(2)).lower()]
        noun_end = end + length.end()
    elif not dollars:
        noun, noun_end = _noun_after(text, end)
        unit = _MEASURE_UNITS.get(noun.lower(), noun.lower()) if noun else None
        if (ratio := _RATIO.match(text[noun_end:])) is not None:  # "4 days out of 5"
            return f"out of {parse_number(ratio.group('of'))}", noun_end + ratio.end()
    frequency = _FREQUENCY_AFTER.match(text[noun_end:])
    if frequency is None:
        return unit, noun_end
    per = frequency.group("per") or _ADVERB_PER[frequency.group("adverb").lower()]
    per = " ".join(per.lower().split())
    per = _PER_NAMES.get(per, per)
    keeps_unit = unit in _MEASURE_UNITS.values() and unit != "times"
    return (f"{unit} per {per}" if keeps_unit else f"per {per}"), noun_end + frequency.end()


def _noun_after(text: str, end: int) -> tuple[str | None, int]:
    """The head noun after a number: '3 early warning signs of relapse' -> 'signs'."""
    noun, position = None, end
    for _ in range(4):
        word = _WORD.match(text, position)
        if word is None or word.group(1).lower() in _STOP:
            break
        noun, position = word.group(1), word.end()
    return noun, position


def _frequency_word(match: re.Match[str], text: str) -> Quantity:
    """'daily' -> 1 per day; 'every Monday' -> 1 per week; 'every two weeks' -> 1 per 2 weeks."""
    before = _tail(text, match.start())
    return Quantity(
        Span.of(match), 1, f"per {_per(match)}",
        after_from=bool(_FROM_BEFORE.search(before)), after_to=bool(_TO_BEFORE.search(before)),
    )  # fmt: skip


def _per(match: re.Match[str]) -> str:
    if match.group("adverb"):
        return _ADVERB_PER[match.group("adverb").lower()]
    if match.group("on"):
        return match.group("on").lower().rstrip("s")
    if match.group("nper"):
        count = parse_number(match.group("n"))
        return f"{count} {match.group('nper').lower()}" if count else match.group("nper").lower()
    per = match.group("per").lower()
    return "week" if per.capitalize() in _WEEKDAY_NAMES else per


def _without_overlaps(found: list[Quantity]) -> list[Quantity]:
    if len(found) < 2:
        return found  # nothing can overlap (most statements hold one quantity or none)
    kept: list[Quantity] = []
    for item in sorted(found, key=lambda q: (-(q.span.end - q.span.start), q.span.start)):
        if not any(item.span.overlaps(other.span) for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda q: q.span.start)


def choose_target(quantities: list[Quantity], *, scored: bool) -> Target | None:
    """The goal's target: a change's end point first, then a score or percent, then the rest.

    Within a rank the first in reading order wins, which is where people put the target.
    """
    change = _change(quantities)
    if change is not None:
        return change
    ranked = sorted(
        enumerate(quantities), key=lambda pair: (_rank(pair[1], scored=scored), pair[0])
    )
    return ranked[0][1].target() if ranked else None


def _change(quantities: list[Quantity]) -> Target | None:
    """'from 18 to 9 or lower', 'from daily to twice a week', 'to zero'."""
    for earlier, later in pairwise(quantities):
        if earlier.after_from and later.after_to:
            unit = later.unit or earlier.unit
            baseline = replace(earlier, unit=earlier.unit or unit)
            return replace(later, unit=unit).target(baseline=baseline)
    for quantity in quantities:
        if quantity.after_to:
            return quantity.target()
    return None


def _rank(quantity: Quantity, *, scored: bool) -> int:
    unit = quantity.unit or ""
    if scored and unit in ("score", "points"):
        return 0
    if unit == "percent":
        return 1
    if quantity.comparison is not None:
        return 2
    if unit.startswith("per ") or " per " in unit:
        return 3
    if unit == "time of day":
        return 5
    return 4
