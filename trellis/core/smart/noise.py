"""Numbers in a goal that are not targets: ages, dates of birth, codes, names with digits.

"Client, 27, will feel more relaxed" has a number and nothing to measure; "attend 12-step
meetings" counts no meetings; "call 988" is a phone number. These are blanked out before
the text is searched for targets, so they never make a vague goal look measurable.
"""

from __future__ import annotations

import re

from .numbers import NUMBER, ORDINAL
from .spans import DIGIT, Span, find_all, word_pattern, words_of

_I = re.IGNORECASE


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_PERIOD = r"(?:days?|weeks?|months?|years?|decades?)\b"
# Past events a client has had, counted: background, not a target ("three prior admissions").
_HISTORY_NOUN = (
    r"(?:admissions?|hospitali[sz]ations?|detox(?:es)?|episodes?|suicide\s+attempts?|attempts?"
    r"|arrests?|relapses?|treatment\s+episodes?|stays?|placements?|DUIs?|overdoses?|rehabs?"
    r"|(?:combat\s+)?tours?(?:\s+of\s+duty)?|deployments?|marriages?|divorces?|miscarriages?"
    r"|pregnancies|surgeries|concussions|seizures)\b"
)
_KIN = (
    r"(?:[a-z-]+\s+)?(?:children|kids|sons|daughters|siblings|brothers"
    r"|sisters|grandchildren|stepchildren|boys|girls)\b"
)
_HISTORY_WORDS = _words("prior previous past earlier lifetime with after had has history following")
_KIN_WORDS = _words(
    "children kids sons daughters siblings brothers sisters grandchildren stepchildren boys"
    " girls family household mother father parent mom dad grandmother grandfather"
)
_DIGIT_ONLY = frozenset([DIGIT])
# (pattern, flags, the words it needs: one of them must be in the text; DIGIT stands
# for any digit).
_TABLE: tuple[tuple[str, int, frozenset[str]], ...] = (
    # Ages: "Client, 27, ...", "Client (27)", "age 9", "a 16-year-old", "I'm 19".
    (r"(?<=[,(])\s*(?:age[ds]?\s+)?\d{1,3}\s*(?=[,)])", _I, _DIGIT_ONLY),
    (rf"\bage[ds]?\s*:?\s*(?:of\s+)?{NUMBER}", _I, frozenset(["age", "aged", "ages"])),
    (rf"{NUMBER}[- ]years?[- ]old\b", _I, frozenset(["old"])),
    (rf"{NUMBER}\s+years?\s+of\s+age\b", _I, frozenset(["age"])),
    (
        r"\b(?:I'm|I\s+am|I\u2019m)\s+\d{1,2}\b(?!\s*(?:%|percent|times|days|weeks|months))",
        _I,
        frozenset(["m", "am"]),
    ),
    # Dates of birth and past years: "DOB 04/12/1988", "born in 1985", "in 2019".
    (
        r"\b(?:DOB|D\.O\.B\.|date\s+of\s+birth|born(?:\s+(?:on|in))?)\s*:?\s*[\d/.\-]+",
        _I,
        _words("dob d birth born"),
    ),
    (
        r"\b(?:since|in|during|from)\s+(?:19|20)\d{2}\b(?=\s*[,;)]|\s+(?:and|when|after))",
        _I,
        _DIGIT_ONLY,
    ),
    # Codes and editions: "F41.1", "Z63.0", "DSM-5", "ICD-10-CM", "COVID-19".
    (r"\b[FZRGT]\d{2}(?:\.[0-9A-Z]{1,4})?\b", 0, _DIGIT_ONLY),
    (
        r"\b(?:DSM|ICD)[- ]?(?:\d+|IV|5)(?:-[A-Z]+)?\b|\bCOVID[- ]?19\b",
        _I,
        frozenset(["dsm", "icd", "covid"]),
    ),
    # Names that hold numbers: "12-step", "the 12 steps", "step 4", "5-4-3-2-1".
    (rf"\b{NUMBER}[- ]step\b|\bthe\s+(?:12|twelve)\s+steps\b", _I, frozenset(["step", "steps"])),
    (rf"\bstep\s+(?:{NUMBER}|{ORDINAL})", _I, frozenset(["step"])),
    (r"\b(?!(?:19|20)\d\d-\d\d?-\d\d?\b)\d+(?:-\d+){2,}\b", 0, _DIGIT_ONLY),
    (
        r"\b(?<!end\sof\s)(?:tier|level|phase|module|stage|section|chapter|room|axis)\s+\d+\b",
        _I,
        _words("tier level phase module stage section chapter room axis"),
    ),
    # Phone numbers and crisis lines: "988", "911", "555-123-4567".
    (r"\b(?:988|911|211|311)\b|\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b", 0, _DIGIT_ONLY),
    # School grades: "10th grade", "grade 9", "third grader".
    (
        rf"(?:{ORDINAL})\s+grade(?:rs?)?\b|\bgrade\s+\d{{1,2}}\b",
        _I,
        frozenset(["grade", "grader", "graders"]),
    ),
    # The scale a rating is on: "on a 0-10 scale", "out of 100 scale".
    (
        r"\b(?:on\s+)?an?\s+\d+\s*(?:-|\u2013|to)\s*\d+(?:[- ]point)?\s+scale\b",
        _I,
        frozenset(["scale"]),
    ),
    (r"\b24/7\b", 0, _DIGIT_ONLY),
    # History, not targets: "in the past 2 weeks", "for the last month", "3 years ago",
    # "has been sober for 2 years", "three prior admissions", "with 11 hospitalizations".
    (
        rf"\b(?:in|over|for|during)\s+the\s+(?:past|last|previous|prior)\s+(?:{NUMBER}\s+)?"
        rf"{_PERIOD}",
        _I,
        _words("past last previous prior"),
    ),
    (rf"\b{NUMBER}\s+{_PERIOD}\s+ago\b", _I, frozenset(["ago"])),
    (
        rf"\b(?:has|have|had)\s+been\b[^,.;]{{0,40}}?\bfor\s+(?:{NUMBER}|a|an)\s+{_PERIOD}",
        _I,
        frozenset(["been"]),
    ),
    (
        rf"\b{NUMBER}\s+(?:prior|previous|past|earlier|lifetime)\s+(?:[\w-]+\s+){{0,2}}?"
        rf"{_HISTORY_NOUN}",
        _I,
        _HISTORY_WORDS,
    ),
    (
        rf"\b(?:with|after|has\s+had|have\s+had|had|history\s+of|following)\s+(?:a\s+history\s+of\s+)?"
        rf"{NUMBER}\s+(?:[\w-]+\s+){{0,2}}?{_HISTORY_NOUN}",
        _I,
        _HISTORY_WORDS,
    ),
    (rf"\bwith\s+{NUMBER}\s+{_PERIOD}\s+(?:of|in)\s+\w+", _I, frozenset(["with"])),
    # A history clause: "who has had panic attacks for 15 years", "who has been sober
    # since May": what the client has lived with, not what the goal asks.
    (
        r"\b(?:who|that)\s+(?:has|have|had)\s+(?:had|been|struggled|suffered|lived|used|drunk"
        r"|smoked|experienced)\b[^,;.]*",
        _I,
        _words("who that"),
    ),
    # Family size: "a family of five", "mother of two", "has 3 kids", "one of four children".
    (
        rf"\b(?:family|household)\s+of\s+{NUMBER}\b|\b(?:mother|father|parent|mom|dad"
        rf"|grandmother|grandfather)\s+of\s+{NUMBER}\b",
        _I,
        _KIN_WORDS,
    ),
    (
        rf"\b(?:has|have|with|of|and|her|his|their|raising)\s+(?:{NUMBER}\s+)?{NUMBER}\s+{_KIN}",
        _I,
        _KIN_WORDS,
    ),
)
_NOT_A_TARGET = tuple(
    (
        re.compile(pattern, flags)
        if pattern.startswith("(?<=")
        else word_pattern(pattern, flags=flags),
        gate,
    )
    for pattern, flags, gate in _TABLE
)
# Four-digit years: blanked out once deadlines ("by June 2027") have been read.
YEAR = re.compile(r"\b(?:19|20)\d{2}\b(?!\s*(?:steps|calories|words|mg))", re.IGNORECASE)


# Every pattern above needs a digit or one of these words; most goals have neither.
_MAY_HAVE_NOISE = frozenset(
    [DIGIT, "dob", "d", "birth", "born"] + [word for _, _, gate in _TABLE for word in gate]
)


# The patterns each word opens: a statement tries only those, in table order, instead of
# testing every pattern's words against it.
_OPENED_BY: dict[str, list[int]] = {}
for _index, (_, _gate) in enumerate(_NOT_A_TARGET):
    for _word in _gate:
        _OPENED_BY.setdefault(_word, []).append(_index)


def non_targets(text: str) -> list[Span]:
    """Spans of ``text`` that hold numbers that are not targets."""
    words = words_of(text)
    if _MAY_HAVE_NOISE.isdisjoint(words):
        return []
    opened = sorted({index for word in words for index in _OPENED_BY.get(word, ())})
    return [span for index in opened for span in find_all(_NOT_A_TARGET[index][0], text)]
