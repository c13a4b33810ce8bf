"""Deadlines and durations in a goal, normalized ("12 weeks", "8 sessions", "March 1").

A goal is time-bound when it says by when ("within 12 weeks", "by the 8th session", "by
March 1", "by the end of the semester") or for how long ("over the next six weeks", "for
90 consecutive days"). A frequency ("daily", "every two weeks"), the length of an activity
("for 30 minutes"), a clock time ("by 10:30 pm"), the past ("drinking for 20 years") and a
start ("starting this week") are not deadlines; each rule below keeps one of them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .numbers import (
    NUMBER,
    ORDINAL,
    ORDINAL_WORDS,
    digits_only,
    parse_number,
    parse_ordinal,
    spells_numbers,
)
from .spans import DIGIT, SLASH, Span, word_pattern, words_of

_I = re.IGNORECASE
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
]  # fmt: skip
_MONTH_ABBREVIATIONS = {name[:3]: name for name in MONTH_NAMES} | {"Sept": "September"}
# Capitalized only: "may" and "march" are also verbs.
MONTH = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_UNIT = (
    r"(?P<unit>days?|weeks?|wks?|months?|mos?|mths?|years?|yrs?|sessions?|appointments?|visits?"
    r"|quarters?)"
)
_BY = r"(?:by|before|until|till|through|no\s+later\s+than|on\s+or\s+before|prior\s+to)"
_WHOSE = r"(?:the\s+|my\s+|our\s+|your\s+|his\s+|her\s+|their\s+)?"
# Words that make a duration a streak of days of a state: a count as well as a time frame.
_STREAK = re.compile(
    r"\bconsecutive\b|\bstraight\b|\bin\s+a\s+row\b|\bwithout\b|\bfree\b|\bsober|\bclean\b"
    r"|\babstinen|\babstain|\bsobriety\b|\b(?:not|no|never|zero|none)\b",
    _I,
)
# A past-tense clause with no "will"/"to" after it: "who has been drinking for 20 years".
_PAST_BEFORE = re.compile(
    r"(?:\b(?:has|have|had)\s+(?:been|had|struggled|suffered|lived)\b|['\u2019]ve\s+been\b|\bwas\b"
    r"|\bwere\b|\bsince\b)"
    r"(?:(?!\b(?:will|to|want|wants|would|plans?|shall|and|but)\b)[^,.;])*$",
    _I,
)
_PAST_AFTER = re.compile(r"\s*ago\b", _I)  # used with .match(text, end)
_STARTS = re.compile(r"\b(?:starting|beginning|from|as\s+of|since|after)\s+$", _I)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline or duration: the words, their normalized form, and whether days count."""

    span: Span
    text: str
    streak: bool = False


# The words each rule needs (any one of them): a rule whose words are absent is not tried.
_UNITS = frozenset(
    [
        "day",
        "days",
        "week",
        "weeks",
        "wk",
        "wks",
        "month",
        "months",
        "mo",
        "mos",
        "mth",
        "mths",
        "year",
        "years",
        "yr",
        "yrs",
        "session",
        "sessions",
        "appointment",
        "appointments",
        "visit",
        "visits",
        "quarter",
        "quarters",
        "term",
        "terms",
        "semester",
        "trimester",
    ]
)
_MONTHS = frozenset(
    [name.lower() for name in MONTH_NAMES]
    + ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_EVENTS = frozenset(
    [
        "discharge",
        "graduation",
        "prom",
        "homecoming",
        "midterms",
        "finals",
        "break",
        "vacation",
        "holidays",
        "christmas",
        "thanksgiving",
        "new",
        "easter",
        "ramadan",
        "eid",
        "hanukkah",
        "diwali",
        "birthday",
        "wedding",
        "due",
        "court",
        "release",
        "iep",
        "postpartum",
        "prenatal",
        "follow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_SEASONS = frozenset(["summer", "fall", "autumn", "winter", "spring"])
_ORDINALS = frozenset(["st", "nd", "rd", "th", *ORDINAL_WORDS])
_STREAK_WORDS = frozenset(
    ["without", "free", "sober", "clean", "abstinent", "abstinence", "sobriety", "row"]
)
_PROGRAMS = frozenset(
    [
        "program",
        "group",
        "course",
        "class",
        "treatment",
        "protocol",
        "intensive",
        "curriculum",
        "series",
    ]
)

type _Reader = Callable[[re.Match[str], str], str | None]

_NO_ARTICLE = frozenset(["treatment", "summer", "winter", "spring", "fall", "autumn"])
_UNIT_NAMES = {
    "wk": "week", "mo": "month", "mth": "month", "yr": "year",
    "appointment": "session", "visit": "session",
}  # fmt: skip


def _unit(word: str, count: float) -> str:
    """'week' or 'weeks' as the count needs; a quarter is read as three months."""
    singular = word.lower().rstrip("s")
    singular = _UNIT_NAMES.get(singular, singular)
    if singular == "quarter":
        singular, count = "month", count * 3
    number = int(count) if float(count).is_integer() else count
    return f"{number} {singular}" if number == 1 else f"{number} {singular}s"


def _count(word: str | None) -> float | None:
    if word is None or word.lower() in ("a", "an"):
        return 1
    return parse_number(word)


def _relative(match: re.Match[str], text: str) -> str | None:
    """'within 12 weeks', 'over the next six weeks', 'for a month', 'in 3 months'."""
    if match.group("n") is None and match.group("next") is None:
        return None  # "in session", "during the week": no length given
    count = _count(match.group("n"))
    return None if count is None else _unit(match.group("unit"), count)


def _counted(match: re.Match[str], _text: str) -> str | None:
    """'60 days without cutting', 'by 6 months', '12-week group', 'two weeks from now'."""
    count = _count(match.group("n"))
    return None if count is None else _unit(match.group("unit"), count)


def _nth(match: re.Match[str], _text: str) -> str | None:
    """'by the 8th session', 'by the twelfth week of treatment'."""
    count = parse_ordinal(match.group("ord"))
    return None if count is None else _unit(match.group("unit"), count)


def _review(match: re.Match[str], _text: str) -> str | None:
    """'by the 90-day review' (a length) or 'by the next plan review' (an event)."""
    count = _count(match.group("n")) if match.group("n") else None
    return "next review" if count is None else _unit(match.group("unit"), count)


def _this_or_next(match: re.Match[str], text: str) -> str | None:
    """'twice this month', 'by next week'; 'starting this week' is a start, not a deadline."""
    if _STARTS.search(text[: match.start()][-20:]):
        return None
    which = "this" if match.group("which").lower() == "this" else "next"
    return f"{which} {' '.join(match.group('when').lower().split())}"


def _end_of(match: re.Match[str], _text: str) -> str | None:
    """'by the end of the semester' -> 'end of the semester'; months keep their capital."""
    what = " ".join(match.group("what").split())
    if re.fullmatch(MONTH, what):
        return f"end of {_month_name(what)}"
    what = what.lower()
    if what in _NO_ARTICLE:
        return f"end of {what}"
    determiner = (match.group("det") or "the").lower()
    determiner = "the" if determiner in ("his", "her", "their", "my") else determiner
    return f"end of {determiner} {what}"


def _date(match: re.Match[str], _text: str) -> str | None:
    """'by March 1' -> 'March 1'; 'by 12/15' -> 'December 15'; 'in June 2027'."""
    groups: dict[str, str | None] = match.groupdict()
    if groups.get("mm"):
        month, day = int(groups["mm"] or 0), int(groups["md"] or 0)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        year = groups.get("my")
        year = None if year is None else (f"20{year}" if len(year) == 2 else year)
        return f"{MONTH_NAMES[month - 1]} {day}" + (f", {year}" if year else "")
    name = _month_name(groups["month"] or "")
    written_day, year = groups.get("day"), groups.get("year")
    if written_day is None:
        return f"{name} {year}" if year else name
    if not 1 <= int(written_day) <= 31:
        return None
    return f"{name} {int(written_day)}" + (f", {year}" if year else "")


def _iso_date(match: re.Match[str], _text: str) -> str | None:
    """'by 2027-03-15' -> 'March 15, 2027'."""
    month, day = int(match.group("im")), int(match.group("id"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{MONTH_NAMES[month - 1]} {day}, {match.group('iy')}"


def _ordinal_of(match: re.Match[str], _text: str) -> str | None:
    """'by the 1st of next month' -> '1st of next month'; 'the 15th of March' -> 'March 15'."""
    day = parse_ordinal(match.group("ord"))
    what = match.group("what")
    if day is None or not 1 <= day <= 31:
        return None
    if re.fullmatch(MONTH, what):
        return f"{_month_name(what)} {day}"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix} of {' '.join(what.lower().split())}"


def _week_of_month(match: re.Match[str], _text: str) -> str | None:
    """'by the 2nd week of December' -> 'December 14', the last day of that week."""
    week = parse_ordinal(match.group("ord"))
    if week is None or not 1 <= week <= 5:
        return None
    return f"{_month_name(match.group('month'))} {min(7 * week, 31)}"


def _event(match: re.Match[str], _text: str) -> str | None:
    """'by discharge', 'by his birthday', 'by Christmas', 'by summer', 'by Friday'."""
    event = " ".join(match.group("event").split())
    owner = match.group("owner")
    if event.lower() in ("birthday", "wedding", "due date", "court date", "release"):
        return f"{owner.strip().lower()} {event.lower()}" if owner else event.lower()
    proper = event[:1].isupper() and event.split()[0] not in ("IEP",)
    return event if proper else event.lower()


def _month_name(word: str) -> str:
    word = word.rstrip(".")
    return _MONTH_ABBREVIATIONS.get(word, word)


# Each rule: (pattern, the same for digits only, reader, streak, the words it needs:
# at least one word of each of its one or two sets).
_RULES: tuple[
    tuple[re.Pattern[str], re.Pattern[str], _Reader, bool, tuple[frozenset[str], ...]], ...
] = tuple(
    (
        word_pattern(pattern, flags=flags),
        word_pattern(digits_only(pattern), flags=flags),
        reader,
        streak,
        gate,
    )
    for pattern, flags, reader, streak, gate in (
        (
            rf"(?:\b(?:within|in|over|during|for|across|after|throughout|x)|\bw/in|\bw/i)\s+(?:the\s+)?"
            rf"(?P<next>(?:next|coming|following|upcoming|first)\s+)?(?:(?P<n>{NUMBER}|an?)\s+)?"
            rf"(?:consecutive\s+|straight\s+|full\s+|more\s+)?{_UNIT}\b(?:['\u2019](?!\w))?",
            _I,
            _relative,
            False,
            (_UNITS,),
        ),
        (
            rf"\b(?P<n>{NUMBER}|an?)\s+{_UNIT}\s+(?:from\s+(?:now|today|intake|the\s+start"
            rf"(?:\s+of\s+treatment)?)|later)\b",
            _I,
            _counted,
            False,
            (_UNITS, frozenset({"from", "later"})),
        ),
        (
            rf"\b(?:{_BY}|in|during)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?P<ord>{ORDINAL})"
            rf"\s+week\s+of\s+(?P<month>{MONTH})",
            _I,
            _week_of_month,
            False,
            (frozenset({"week"}), _MONTHS),
        ),
        (
            rf"\b(?:by|before|at|on|until|through|in|during|no\s+later\s+than)\s+(?:the\s+)?"
            rf"(?:end\s+of\s+(?:the\s+)?)?{_WHOSE}(?P<ord>{ORDINAL})\s+"
            rf"(?P<unit>session|week|month|appointment|visit|year|term|semester|trimester|quarter)\b"
            rf"(?!\s+of\s+{MONTH})",
            _I,
            _nth,
            False,
            (_UNITS, _ORDINALS),
        ),
        (
            rf"\b(?:by|before|at|on|until|through|in|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?"
            rf"(?P<unit>session|week|wk|month|visit)\s+(?P<n>{NUMBER})\b",
            _I,
            _counted,
            False,
            (frozenset({"session", "week", "wk", "month", "visit"}),),
        ),
        (
            rf"\b(?:by|at)\s+(?:the\s+)?(?:end\s+of\s+)?(?P<n>{NUMBER})\s+{_UNIT}\b"
            r"(?!\s*(?:per|a|an|each|every)\b)",
            _I,
            _counted,
            False,
            (_UNITS, frozenset({"by", "at"})),
        ),
        (
            rf"\b(?:by|at|before|until|for)\s+{_WHOSE}(?:next\s+)?(?:(?P<n>{NUMBER})[- ]"
            r"(?P<unit>day|week|month)\s+)?(?:treatment[- ]plan\s+|plan\s+|treatment\s+"
            r"|progress\s+|IEP\s+)?review\b",
            _I,
            _review,
            False,
            (frozenset({"review"}),),
        ),
        (
            rf"\b(?:by|at|before|until|in|during|for)\s+{_WHOSE}next\s+"
            r"(?P<when>session|appointment|visit|meeting)\b",
            _I,
            lambda match, _text: (
                "next session"
                if match.group("when").lower() in ("session", "appointment", "visit")
                else f"next {match.group('when').lower()}"
            ),
            False,
            (frozenset({"next"}),),
        ),
        (
            r"\b(?:by\s+the\s+end\s+of|before\s+the\s+end\s+of|at\s+the\s+end\s+of|in|during)"
            r"\s+(?:today['\u2019]?s|this|the\s+current)\s+session\b",
            _I,
            lambda _match, _text: "end of this session",
            False,
            (frozenset({"session"}),),
        ),
        (
            rf"\b(?:by|before|at|until|through|in)\s+(?:the\s+)?end\s+of\s+"
            rf"(?:(?P<det>the|this|next|his|her|their|my)\s+)?(?P<what>(?:(?:{ORDINAL})\s+)?"
            r"(?:school\s+year|academic\s+year|year|semester|term|quarter|month|week|summer"
            r"|winter|spring|fall|autumn|grading\s+period|marking\s+period"
            rf"|program|group|course)\b|{MONTH})",
            _I,
            _end_of,
            False,
            (frozenset({"end"}),),
        ),
        (
            rf"\b{_BY}\s+the\s+(?P<ord>{ORDINAL})\s+of\s+(?P<what>next\s+month|this\s+month"
            rf"|{MONTH})",
            _I,
            _ordinal_of,
            False,
            (_MONTHS | {"month"}, _ORDINALS),
        ),
        (
            r"\b(?:within|over)\s+the\s+(?:coming\s+)?(?P<when>month|week|year|semester|term)\b"
            r"(?!\s+(?:of|after|before)\b)",
            _I,
            lambda match, _text: f"this {match.group('when').lower()}",
            False,
            (
                frozenset({"within", "over"}),
                frozenset({"month", "week", "year", "semester", "term"}),
            ),
        ),
        (
            rf"\b(?:{_BY}|in|on|due)\s+(?P<iy>(?:19|20)\d{{2}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b",
            _I,
            _iso_date,
            False,
            (frozenset({DIGIT}),),
        ),
        (
            rf"\b(?:{_BY}|at|upon|on)\s+(?:the\s+)?(?:end|completion|close)\s+of\s+(?:the\s+)?"
            r"(?P<phase>(?:[\w-]+\s+){0,2}?(?:phase|stage|module|level)(?:\s+(?:\d+|one|two|three"
            r"|four|five|six|I{1,3}|IV|V))?(?:\s+of\s+(?:the\s+|her\s+|his\s+|their\s+)?"
            r"(?:[\w-]+\s+){0,2}?program)?)\b",
            _I,
            lambda match, _text: "end of " + " ".join(match.group("phase").lower().split()),
            False,
            (frozenset({"phase", "stage", "module", "level"}),),
        ),
        (
            rf"\b(?:{_BY}|in|on|due)\s+(?:the\s+)?(?:(?P<mm>\d{{1,2}})/(?P<md>\d{{1,2}})"
            rf"(?:/(?P<my>\d{{4}}|\d{{2}}))?\b|(?P<month>{MONTH})(?:\s+(?P<day>\d{{1,2}})"
            r"(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?)",
            _I,
            _date,
            False,
            (_MONTHS | {SLASH},),
        ),
        (
            r"\b(?<!starting\s)(?:by\s+|within\s+the\s+|in\s+the\s+|over\s+the\s+)?"
            r"(?P<which>this|next|the\s+coming)\s+(?P<when>school\s+year|week|month|year|semester"
            r"|term|quarter|weekend|summer|spring|fall|winter)\b",
            _I,
            _this_or_next,
            False,
            (frozenset({"this", "next", "coming"}),),
        ),
        (
            rf"\b(?:{_BY}|at|upon|in\s+time\s+for)\s+(?:the\s+time\s+of\s+|the\s+)?"
            r"(?:(?P<owner>his|her|their|my|your|the\s+child['\u2019]s|client['\u2019]s)\s+)?"
            r"(?P<event>discharge|graduation|prom|homecoming|midterms|finals|spring\s+break"
            r"|winter\s+break|summer\s+break|summer\s+vacation|the\s+holidays|holidays"
            r"|(?-i:Christmas|Thanksgiving|New\s+Year['\u2019]?s?(?:\s+Day)?|Easter|Ramadan|Eid"
            r"|Hanukkah|Diwali|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
            r"|birthday|wedding|due\s+date|court\s+date|release|IEP\s+meeting"
            r"|(?:(?:\d+|two|four|six|eight)[- ]week\s+)?(?:postpartum|post-partum|prenatal"
            r"|follow-up)\s+(?:visit|appointment|check-?up))\b",
            _I,
            _event,
            False,
            (_EVENTS,),
        ),
        (
            r"\b(?:by|before|until|in|over|during)\s+(?:the\s+)?(?P<event>summer|fall|autumn"
            r"|winter|spring)\b(?!\s+(?:break|vacation|semester|of\s+(?:19|20)\d\d))",
            _I,
            lambda match, _text: match.group("event").lower(),
            False,
            (_SEASONS,),
        ),
        (
            rf"\b(?P<n>{NUMBER})\s+(?:consecutive\s+|straight\s+|full\s+)?"
            r"(?P<unit>days?|weeks?|months?)\s+(?:without|free\s+of|free\s+from|sober|clean"
            r"|abstinent|(?:alcohol|drug|smoke|nicotine|self-harm)[- ]free|of\s+(?:abstinence"
            r"|sobriety)|in\s+a\s+row)\b",
            _I,
            _counted,
            True,
            (_UNITS, _STREAK_WORDS),
        ),
        (
            rf"\b(?P<n>{NUMBER})[- ](?P<unit>day|week|month|session)\b(?=[- ](?:[\w'-]+\s+){{0,3}}?"
            r"(?:program|group|course|class|treatment|protocol|intensive|curriculum|series)\b)",
            _I,
            _counted,
            False,
            (_UNITS, _PROGRAMS),
        ),
    )
)


# The rules each word can open (by their first set of words): a statement tries only the
# rules one of its words opens, in table order, instead of testing every rule's set.
_RULES_NEEDING: dict[str, list[int]] = {}
for _index, (*_, _gate) in enumerate(_RULES):
    for _word in _gate[0]:
        _RULES_NEEDING.setdefault(_word, []).append(_index)


def find_deadlines(text: str) -> list[Deadline]:
    """Every deadline or duration in ``text``, in reading order, overlaps resolved."""
    found: list[Deadline] = []
    words = words_of(text)
    spelled = spells_numbers(words)
    past = not _PAST_WORDS.isdisjoint(words)
    for index in sorted({index for word in words for index in _RULES_NEEDING.get(word, ())}):
        full, digits, reader, streak, gate = _RULES[index]
        if len(gate) > 1 and gate[1].isdisjoint(words):
            continue
        for match in (full if spelled else digits).finditer(text):
            normalized = reader(match, text)
            if normalized is None or _in_the_past(text, match, past):
                continue
            span = Span.of(match)
            length = _is_length(normalized)
            counts = length and (streak or bool(_STREAK.search(_clause_around(text, span))))
            found.append(Deadline(span, normalized, counts))
    return _without_overlaps(found)


# The words a past-tense clause needs ("has been", "was", "since"): without one, only
# "ago" can put a duration in the past.
_PAST_WORDS = frozenset(["has", "have", "had", "ve", "was", "were", "since"])


def _in_the_past(text: str, match: re.Match[str], past: bool = True) -> bool:
    """'was hospitalized in March 2024', 'drinking for 20 years', '2 weeks ago'."""
    if _PAST_AFTER.match(text, match.end()):
        return True
    start = match.start()
    return past and bool(_PAST_BEFORE.search(text, max(0, start - 80), start))


def _clause_around(text: str, span: Span) -> str:
    """The words of the clause a duration sits in: what the days are days of."""
    start = max(text.rfind(",", 0, span.start), text.rfind(";", 0, span.start), 0)
    ends = [i for i in (text.find(",", span.end), text.find(";", span.end)) if i != -1]
    return text[start : min(ends) if ends else len(text)]


_LENGTH = re.compile(r"\d+(?:\.\d+)? (?:days?|weeks?|months?|years?)")


def _is_length(normalized: str) -> bool:
    return bool(_LENGTH.fullmatch(normalized))


def _without_overlaps(found: list[Deadline]) -> list[Deadline]:
    """Longest first wins a contested stretch of text; then back to reading order."""
    if len(found) < 2:
        return found
    kept: list[Deadline] = []
    for item in sorted(found, key=lambda d: (-(d.span.end - d.span.start), d.span.start)):
        if not any(item.span.overlaps(other.span) for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda d: d.span.start)
