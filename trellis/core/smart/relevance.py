"""Relevant: does the goal work on the plan's problem or diagnoses? Unknown without them.

Judged by shared clinical concepts (see ``concepts``), so "reduce nightmares" is relevant
to "PTSD" and "F43.10". When the goal names concepts and none is the problem's, it is
flagged, because a goal about drinking on a plan for an eating disorder needs a reason.
When the goal's words name no concept at all, plain shared words decide, else unknown.
Taking part in treatment (medication, attending sessions) is relevant to any problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .concepts import concepts_in
from .result import Verdict
from .spans import quote

_STOPWORDS = frozenset([
    "client", "will", "with", "that", "this", "have", "from", "into", "they", "them",
    "their", "about", "when", "what", "which", "would", "could", "should", "there", "been",
    "more", "less", "than", "over", "under", "each", "week", "weeks", "month", "months",
    "daily", "want", "like", "able", "make", "time", "times", "days", "reduce", "increase",
    "improve", "decrease", "feel", "better"
])  # fmt: skip
_WORDS = re.compile(r"[a-z][a-z'-]{3,}")
# Taking part in treatment (medication, sessions) serves whatever problem the plan is for.
TREATMENT = "treatment"


def judge_relevant(
    text: str, instruments: tuple[str, ...], problem: str | None, diagnoses: Sequence[str]
) -> Verdict:
    """True when the goal shares a concept with the problem or a diagnosis; see module."""
    context = " ; ".join([problem or "", *diagnoses]).strip(" ;")
    if not context:
        return Verdict(None, (), "no problem or diagnosis given to judge relevance against")
    goal = concepts_in(text, instruments)
    plan = concepts_in(context)
    shared = sorted(set(goal) & (set(plan) | {TREATMENT}))
    if shared:
        spans = [span for name in shared for span in goal[name]]
        words = quote(text, [s for s in spans if s.end > s.start]) or tuple(s.text for s in spans)
        names = ", ".join(name.replace("_", " ") for name in shared)
        return Verdict(True, words, f"works on {names}, as the problem does")
    if goal and plan:
        return Verdict(
            False,
            (),
            f"speaks to {_names(goal)}, while the problem is about {_names(plan)}",
        )
    common = _content_words(text) & _content_words(context)
    if common:
        return Verdict(True, tuple(sorted(common)), "shares words with the problem")
    return Verdict(None, (), "cannot tell how this bears on the problem")


def _names(found: Mapping[str, object]) -> str:
    return ", ".join(name.replace("_", " ") for name in sorted(found))


def _content_words(text: str) -> set[str]:
    return {word for word in _WORDS.findall(text.lower()) if word not in _STOPWORDS}
