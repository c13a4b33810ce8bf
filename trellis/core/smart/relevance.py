"""Relevant: does the goal work on the plan's problem or diagnoses? Unknown without them.

Judged by shared clinical concepts (see ``concepts``), so "reduce nightmares" is relevant
to "PTSD" and "F43.10". When the goal names concepts and none is the problem's, it is
flagged, because a goal about drinking on a plan for an eating disorder needs a reason.
When the goal's words name no concept at all, plain shared words decide, else unknown.
Generic words (sessions, therapy, appointments, work) never make a goal relevant; taking
medication as prescribed serves any problem. A goal that names an instrument the concepts
know to measure something else ("reduce anxiety as shown by the ASQ": the ASQ screens for
suicide risk) is flagged, with or without a problem to compare with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .concepts import ANY_PROBLEM, CONCEPTS, GENERIC, MEASURES, concepts_in
from .result import Verdict
from .spans import quote

_STOPWORDS = frozenset([
    "client", "will", "with", "that", "this", "have", "from", "into", "they", "them",
    "their", "about", "when", "what", "which", "would", "could", "should", "there", "been",
    "more", "less", "than", "over", "under", "each", "week", "weeks", "month", "months",
    "daily", "want", "like", "able", "make", "time", "times", "days", "reduce", "increase",
    "improve", "decrease", "feel", "better", "session", "sessions", "therapy", "therapist",
    "appointment", "appointments", "work", "treatment", "counseling", "counselling", "skills",
    "goal", "goals", "plan", "home", "every", "will", "able", "help", "problem", "problems"
])  # fmt: skip
_WORDS = re.compile(r"[a-z][a-z'-]{3,}")


def judge_relevant(
    text: str, instruments: tuple[str, ...], problem: str | None, diagnoses: Sequence[str]
) -> Verdict:
    """True when the goal shares a concept with the problem or a diagnosis; see module."""
    context = " ; ".join([problem or "", *diagnoses]).strip(" ;")
    plan = concepts_in(context) if context else {}
    if instruments:  # only a named instrument can measure something else
        aims = set(concepts_in(text)) | set(plan)
        if (mismatch := _measure_of_something_else(instruments, aims)) is not None:
            return mismatch
    if not context:
        return Verdict(None, (), "no problem or diagnosis given to judge relevance against")
    goal = concepts_in(text, instruments)
    shared = sorted((set(goal) & (set(plan) | ANY_PROBLEM)) - GENERIC)
    if shared:
        spans = [span for name in shared for span in goal[name]]
        evidence = quote(text, [s for s in spans if s.end > s.start]) or tuple(
            s.text for s in spans
        )
        names = ", ".join(name.replace("_", " ") for name in shared)
        return Verdict(True, evidence, f"works on {names}, as the problem does")
    clinical = {name: found for name, found in goal.items() if name not in GENERIC}
    if clinical and plan:
        return Verdict(
            False,
            (),
            f"speaks to {_names(clinical)}, while the problem is about {_names(plan)}",
        )
    common = _content_words(text) & _content_words(context)
    if common:
        return Verdict(True, tuple(sorted(common)), "shares words with the problem")
    if goal:
        return Verdict(None, (), "taking part in treatment does not say what it changes")
    return Verdict(None, (), "cannot tell how this bears on the problem")


def _measure_of_something_else(instruments: tuple[str, ...], aims: set[str]) -> Verdict | None:
    """'Reduce anxiety, ASQ below 5': the ASQ measures suicide risk, not anxiety."""
    aims = aims - GENERIC - ANY_PROBLEM
    for instrument in instruments:
        measures = {name for name, concept in CONCEPTS.items() if instrument in concept.instruments}
        if not measures or not aims or measures & aims:
            continue
        what = MEASURES.get(instrument, f"a measure of {_names(dict.fromkeys(measures))}")
        wanted = sorted(aims)[0]
        example = CONCEPTS[wanted].measure
        better = f"; name a measure of {wanted.replace('_', ' ')}" + (
            f", e.g. the {example.split()[0]}" if example else ""
        )
        return Verdict(
            False,
            (instrument,),
            f"the {instrument} is {what}, not a measure of {_names(dict.fromkeys(aims))}{better}",
        )
    return None


def _names(found: Mapping[str, object]) -> str:
    return ", ".join(name.replace("_", " ") for name in sorted(found))


def _content_words(text: str) -> set[str]:
    return {word for word in _WORDS.findall(text.lower()) if word not in _STOPWORDS}
