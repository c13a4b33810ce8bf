"""Suggestions: what is missing, and a rewrite built from the goal's own words.

"Be more specific" helps no one. Each suggestion names the missing piece and shows it
added to what the clinician (or client) already wrote: "add a deadline, e.g. 'within 12
weeks'", "name how you'll measure it, e.g. 'GAD-7 below 10'", and a full rewrite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .concepts import CONCEPTS, Concept, concepts_in
from .result import SmartResult

DEFAULT_DEADLINE = "within 12 weeks"
_SUBJECT = re.compile(r"^(?P<subject>[A-Z][\w'\u2019 -]{0,30}?)\s+will\b")
_FIRST_PERSON = re.compile(
    r"^(?P<subject>I|We)\b(?:['\u2019]d|\s+would|\s+want|\s+will)", re.IGNORECASE
)
_LESS = re.compile(r"\b(?:reduce|decrease|lower|cut\s+down|limit|fewer|less)\b", re.IGNORECASE)
_STOP = re.compile(
    r"\b(?:stop|quit|no\s+longer|eliminate|be\s+\w+-free|get\s+sober|stay\s+clean)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Parts:
    """What a suggestion is made from: the words as written and the goal's concept."""

    core: str
    subject: str
    concept: Concept | None


def suggest(result: SmartResult, problem: str | None = None) -> tuple[str, ...]:
    """The suggestions for ``result``, most useful first; none when nothing is missing."""
    if _complete(result):
        return ()
    measures = (result.measure,) if result.measure else ()
    parts = _Parts(
        _core(result.text), _subject(result.text), _pick(concepts_in(result.text, measures))
    )
    out: list[str] = []
    if not result.specific.value:
        out.append(_specific(parts))
    if not result.measurable.value:
        out.append(_measurable(parts))
    elif result.measure and result.target is None:
        out.append(f"add a target for {result.measure}, e.g. '{result.measure} down by half'")
    if not result.time_bound.value:
        out.append(f"add a deadline, e.g. '{DEFAULT_DEADLINE}'")
    if result.achievable.value is False:
        out.append(_achievable(result, parts))
    if result.relevant.value is False:
        out.append(
            f"say how this helps with '{problem or 'the problem'}', or move it under the "
            "problem it belongs to"
        )
    rewrite = _rewrite(result, parts)
    if rewrite and out:
        out.append(f"for example: '{rewrite}'")
    return tuple(out)


def _complete(result: SmartResult) -> bool:
    """Nothing to suggest: S, M and T met, a measure has its target, nothing flagged."""
    met = result.specific.value and result.measurable.value and result.time_bound.value
    flagged = result.achievable.value is False or result.relevant.value is False
    return bool(met) and not flagged and not (result.measure and result.target is None)


def _specific(parts: _Parts) -> str:
    if parts.concept is None:
        return "name what you would see if this were met: a behavior, a symptom or a skill"
    return f"name a behavior you could see, e.g. '{parts.subject} will {parts.concept.behavior}'"


def _measurable(parts: _Parts) -> str:
    if parts.concept is not None and parts.concept.measure is not None:
        return f"name how you'll measure it, e.g. '{parts.concept.measure}'"
    return f"name how often or how much, e.g. '{_amount(parts.core).strip(', ')}'"


def _amount(core: str) -> str:
    """How much, in the direction the goal already points: less, none, or more."""
    if _LESS.search(core):
        return " by half"
    if _STOP.search(core):
        return " for 30 days in a row"
    return ", at least 3 times a week"


def _achievable(result: SmartResult, parts: _Parts) -> str:
    absolute = result.achievable.evidence[0] if result.achievable.evidence else "the absolute"
    if parts.concept is not None and parts.concept.measure is not None:
        example = parts.concept.measure
    else:
        example = "half as often as now"
    return f"replace '{absolute}' with a change that can happen, e.g. '{example}'"


def _rewrite(result: SmartResult, parts: _Parts) -> str | None:
    """The goal with what is missing added, or a concrete one when it names nothing."""
    text = parts.core
    if not result.specific.value:
        if parts.concept is None:
            return None
        if parts.concept.measure is not None:
            text = f"{parts.core}, as shown by {parts.concept.measure}"
        else:
            text = f"{parts.subject} will {parts.concept.behavior}"
    elif not result.measurable.value:
        text = parts.core + _amount(parts.core)
    streak = text.endswith("in a row")
    if not result.time_bound.value and not streak:
        text = f"{text} {DEFAULT_DEADLINE}"
    return None if text == parts.core else text


def _core(text: str) -> str:
    return text.strip().rstrip(".!?;:").strip()


def _subject(text: str) -> str:
    if (first := _FIRST_PERSON.match(text.strip())) is not None:
        return first.group("subject").capitalize() if first.group("subject") != "I" else "I"
    found = _SUBJECT.match(text.strip())
    if found and len(found.group("subject").split()) <= 3 and "," not in found.group("subject"):
        return found.group("subject")
    return "Client"


def _pick(concepts: Iterable[str]) -> Concept | None:
    """The goal's main concept: the first one named that has an example to offer."""
    for name in concepts:
        if name in CONCEPTS:
            return CONCEPTS[name]
    return None
