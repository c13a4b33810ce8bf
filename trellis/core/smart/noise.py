"""Numbers in a goal that are not targets: ages, dates of birth, codes, names with digits.

"Client, 27, will feel more relaxed" has a number and nothing to measure; "attend 12-step
meetings" counts no meetings; "call 988" is a phone number. These are blanked out before
the text is searched for targets, so they never make a vague goal look measurable.
"""

from __future__ import annotations

import re

from .numbers import NUMBER, ORDINAL
from .spans import Span, find_all

_I = re.IGNORECASE
_PERIOD = r"(?:days?|weeks?|months?|years?|decades?)\b"
_NOT_A_TARGET = tuple(
    re.compile(pattern, flags)
    for pattern, flags in (
        # Ages: "Client, 27, ...", "Client (27)", "age 9", "a 16-year-old", "I'm 19".
        (r"(?<=[,(])\s*(?:age[ds]?\s+)?\d{1,3}\s*(?=[,)])", _I),
        (rf"\bage[ds]?\s*:?\s*(?:of\s+)?{NUMBER}", _I),
        (rf"{NUMBER}[- ]years?[- ]old\b", _I),
        (rf"{NUMBER}\s+years?\s+of\s+age\b", _I),
        (r"\b(?:I'm|I\s+am|I\u2019m)\s+\d{1,2}\b(?!\s*(?:%|percent|times|days|weeks|months))", _I),
        # Dates of birth and past years: "DOB 04/12/1988", "born in 1985", "in 2019".
        (r"\b(?:DOB|D\.O\.B\.|date\s+of\s+birth|born(?:\s+(?:on|in))?)\s*:?\s*[\d/.\-]+", _I),
        (r"\b(?:since|in|during|from)\s+(?:19|20)\d{2}\b(?=\s*[,;)]|\s+(?:and|when|after))", _I),
        # Codes and editions: "F41.1", "Z63.0", "DSM-5", "ICD-10-CM", "COVID-19".
        (r"\b[FZRGT]\d{2}(?:\.[0-9A-Z]{1,4})?\b", 0),
        (r"\b(?:DSM|ICD)[- ]?(?:\d+|IV|5)(?:-[A-Z]+)?\b|\bCOVID[- ]?19\b", _I),
        # Names that hold numbers: "12-step", "the 12 steps", "step 4", "5-4-3-2-1".
        (rf"\b{NUMBER}[- ]step\b|\bthe\s+(?:12|twelve)\s+steps\b", _I),
        (rf"\bstep\s+(?:{NUMBER}|{ORDINAL})", _I),
        (r"\b\d+(?:-\d+){2,}\b", 0),
        (r"\b(?:tier|level|phase|module|stage|section|chapter|room|axis)\s+\d+\b", _I),
        # Phone numbers and crisis lines: "988", "911", "555-123-4567".
        (r"\b(?:988|911|211|311)\b|\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b", 0),
        # School grades: "10th grade", "grade 9", "third grader".
        (rf"(?:{ORDINAL})\s+grade(?:rs?)?\b|\bgrade\s+\d{{1,2}}\b", _I),
        # The scale a rating is on: "on a 0-10 scale", "out of 100 scale".
        (r"\b(?:on\s+)?an?\s+\d+\s*(?:-|\u2013|to)\s*\d+(?:[- ]point)?\s+scale\b", _I),
        (r"\b24/7\b", 0),
        # History, not targets: "in the past 2 weeks", "for the last month", "3 years ago",
        # "has been sober for 2 years".
        (
            rf"\b(?:in|over|for|during)\s+the\s+(?:past|last|previous|prior)\s+(?:{NUMBER}\s+)?"
            rf"{_PERIOD}",
            _I,
        ),
        (rf"\b{NUMBER}\s+{_PERIOD}\s+ago\b", _I),
        (rf"\b(?:has|have|had)\s+been\b[^,.;]{{0,40}}?\bfor\s+(?:{NUMBER}|a|an)\s+{_PERIOD}", _I),
    )
)
# Four-digit years: blanked out once deadlines ("by June 2027") have been read.
YEAR = re.compile(r"\b(?:19|20)\d{2}\b(?!\s*(?:steps|calories|words|mg))", re.IGNORECASE)


# Every pattern above needs a digit or one of these words; most goals have neither.
_MAY_HAVE_NOISE = re.compile(
    r"\d|\b(?:age[ds]?|years?|old|DOB|D\.O\.B|birth|born|step|grade|graders?|tier|level|phase"
    r"|module|stage|section|chapter|room|axis|scale|past|last|previous|prior|ago|been)\b",
    re.IGNORECASE,
)


def non_targets(text: str) -> list[Span]:
    """Spans of ``text`` that hold numbers that are not targets."""
    if not _MAY_HAVE_NOISE.search(text):
        return []
    return [span for pattern in _NOT_A_TARGET for span in find_all(pattern, text)]
