"""Achievable: flag only the plainly unrealistic absolute, and otherwise say "unknown".

Whether a goal is achievable depends on the client, which text cannot show; but a goal
that no one could meet ("never feel anxious again", "always be happy", "100% of the
time", "completely eliminate all worry") sets the client up to fail, and the words show
it. Absolutes about behavior are different: lifelong abstinence ("never drink again")
and full adherence ("always take medication") are legitimate targets, so only absolutes
about feelings and ordinary experience count.
"""

from __future__ import annotations

import re

from .result import Verdict
from .spans import Span, word_pattern, words_of

_I = re.IGNORECASE
# Feelings and experiences everyone has sometimes: an absolute about them cannot be met.
EXPERIENCE = (
    r"(?:feel\w*|anxi\w*|sad\w*|worr\w*|stress\w*|angry|anger|upset|afraid|fear\w*|scared"
    r"|nervous|down|depress\w*|lonely|panic\w*|crav\w*|urges?|intrusive|obsess\w*|flashbacks?"
    r"|nightmares?|manic|episodes?|pain|hurt|cry|bad\s+days?|negative\s+thoughts?|think\w*"
    r"|thoughts?|happy|calm|relaxed|positive)"
)
_NEGATED_BEFORE = re.compile(r"\b(?:stop|not|less|no\s+longer|fewer|reduce)\b[\w\s]{0,20}$", _I)
_ABSOLUTES = tuple(
    word_pattern(pattern, flags=_I)
    for pattern in (
        rf"\bnever\b(?:\s+\w+){{0,4}}?\s+{EXPERIENCE}\b[^.;]*",
        rf"\b(?:no\s+longer|not|no\s+more)\b(?:\s+\w+){{0,4}}?\s+{EXPERIENCE}\b"
        r"[^.;]{0,30}?\b(?:again|anymore|any\s+more|ever)\b",
        r"\balways\s+(?:be|feel|stay|remain|agree|get\s+along)\b(?:\s+\w+){0,2}",
        r"\b100\s*(?:%|percent)\s+of\s+the\s+time\b|\bevery\s+single\s+(?:time|day|moment)\b",
        rf"\b100\s*(?:%|percent)\s+{EXPERIENCE}\b",
        r"\b(?:completely|totally|entirely|fully)\s+(?:eliminate|eradicate|get\s+rid\s+of|stop"
        r"|free\s+of|free\s+from)\b[^.;]{0,20}?\ball\b(?:\s+\w+)?",
        r"\b(?:completely|totally|entirely|100\s*%)\s+(?:stress|anxiety|worry|fear|symptom|pain"
        r"|sadness)[- ]free\b",
        r"\beliminate\s+all\s+(?:anxiety|worry|stress|sadness|fear|negative\s+thoughts|symptoms)\b",
        r"\b(?:be|feel)\s+(?:\w+\s+)?perfect(?:ly)?\b|\bforever\b",
        r"\bzero\s+(?:anxiety|stress|worry|sadness|fear)\b",
    )
)
_ALL_THE_TIME = word_pattern(
    rf"\b(?:be|feel|stay)\s+(?:\w+\s+)?{EXPERIENCE}\s+(?:all\s+the\s+time|all\s+day|at\s+all\s+times"
    r"|every\s+(?:single\s+)?moment|every\s+single\s+day|24/7)\b",
    flags=_I,
)


# Every absolute above needs one of these words; most goals have none, so skip the rest.
_MAY_BE_ABSOLUTE = frozenset(
    [
        "never",
        "longer",
        "not",
        "more",
        "always",
        "single",
        "completely",
        "totally",
        "entirely",
        "fully",
        "eliminate",
        "perfect",
        "perfectly",
        "forever",
        "zero",
        "all",
        "every",
    ]
)


def judge_achievable(text: str) -> Verdict:
    """False with the absolute quoted when one is found; otherwise unknown (None)."""
    if _MAY_BE_ABSOLUTE.isdisjoint(words_of(text)) and not ("100" in text or "24/7" in text):
        return Verdict(None, (), "whether this is achievable depends on the client")
    found = [span for pattern in _ABSOLUTES for span in _matches(pattern, text)]
    found += [span for span in _matches(_ALL_THE_TIME, text) if not _negated(text, span)]
    if not found:
        return Verdict(None, (), "whether this is achievable depends on the client")
    outer = [
        s for s in found if not any(o != s and o.start <= s.start and s.end <= o.end for o in found)
    ]
    words = sorted({span.text.strip() for span in outer}, key=text.find)
    return Verdict(
        False,
        tuple(words),
        f"'{words[0]}' is an absolute no one can meet; aim for a change that can happen",
    )


def _matches(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [Span.of(match) for match in pattern.finditer(text)]


def _negated(text: str, span: Span) -> bool:
    """'stop feeling so down all the time' wants less of it: not an absolute target."""
    return bool(_NEGATED_BEFORE.search(text[: span.start]))
