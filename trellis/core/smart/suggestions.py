"""Suggestions: what is missing, and a rewrite built from the goal's own words.

"Be more specific" helps no one. Each suggestion names the missing piece and shows it
added to what the clinician (or client) already wrote: "add a deadline, e.g. 'within 12
weeks'", "name how you'll measure it, e.g. 'GAD-7 below 10'", and a full rewrite.

The rewrite keeps every word the clinician wrote and only adds what is missing; the one
exception is an absolute no one can meet ("never feel anxious again"), which is softened
("feel anxious less often") rather than kept. Taking part in treatment ("attend every
scheduled session") is never offered in place of what the goal is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .concepts import CONCEPTS, GENERIC, Concept, names_in
from .realism import judge_achievable
from .result import SmartResult

DEFAULT_DEADLINE = "within 12 weeks"
_SUBJECT = re.compile(r"^(?P<subject>[A-Z][\w'\u2019 -]{0,30}?)\s+will\b")
_FIRST_PERSON = re.compile(
    r"^(?P<subject>I|We)\b(?:['\u2019]d|\s+would|\s+want|\s+will)", re.IGNORECASE
)
_LESS = re.compile(r"\b(?:reduce|decrease|lower|cut\s+down|limit|fewer|less)\b", re.IGNORECASE)
# A state said to get better has no count to add ("sleep better, 3 times a week" reads
# wrong): the area's own measure says how it shows.
_BETTER = re.compile(r"\b(?:better|improv\w*)\b", re.IGNORECASE)
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
    return suggest_with_rewrite(result, problem)[0]


def suggest_with_rewrite(
    result: SmartResult, problem: str | None = None
) -> tuple[tuple[str, ...], str | None]:
    """The suggestions, and the rewrite alone (for a "use this wording" button)."""
    if _complete(result):
        return (), None
    measures = (result.measure,) if result.measure else ()
    about = set(names_in(problem)) if problem else set()
    parts = _Parts(
        _core(result.text), _subject(result.text), _pick(names_in(result.text, measures), about)
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
    if result.relevant.value is False and result.relevant.reason.startswith("the "):
        out.append(result.relevant.reason)  # a measure of something else: say which
    elif result.relevant.value is False:
        out.append(
            f"say how this helps with '{problem or 'the problem'}', or move it under the "
            "problem it belongs to"
        )
    rewrite = _rewrite(result, parts)
    if rewrite and out:
        out.append(f"for example: '{rewrite}'")
        return tuple(out), rewrite
    return tuple(out), None


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
    """The goal's own words with what is missing added (an absolute softened first)."""
    core = parts.core
    if result.achievable.value is False:
        core = _soften(core)
        if judge_achievable(core).value is False:
            return None
    text = core
    if not result.specific.value and parts.concept is not None:
        shown = parts.concept.measure or _gerund(parts.concept.behavior)
        text = f"{core}, as shown by {shown}"
    elif not result.specific.value and core == parts.core:
        return None  # nothing concrete to add, and nothing to soften
    elif not result.measurable.value and _BETTER.search(core) and _yardstick(parts):
        text = f"{core}, as shown by {_yardstick(parts)}"  # "sleep better": how it shows
    elif not result.measurable.value:
        text = core + _amount(core)
    streak = text.endswith("in a row")
    if not result.time_bound.value and not streak:
        text = f"{text} {DEFAULT_DEADLINE}"
    return None if text == parts.core else text


# Absolutes no one can meet, each with the reachable change it stands for.
_SOFTER = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (
            r"\bnever\s+have\s+(?:another|any(?:\s+more)?)\s+([\w-]+(?:\s+attack)?)s?\b(?:\s+again)?",
            r"have fewer \1s",
        ),
        (r"\bnever\s+(feel|be|get|become)\s+(\w+)(?:\s+(?:again|ever))?\b", r"\1 \2 less often"),
        (r"\bnever\s+(\w+)\s+again\b", r"\1 less often"),
        (
            r"\b(?:not|no\s+longer)\s+(feel|be|get)\s+(\w+)\s+(?:anymore|any\s+more|ever\s+again|again)\b",
            r"\1 \2 less often",
        ),
        (r"\balways\s+(be|feel|stay|remain)\s+(\w+)\b", r"\1 \2 more often"),
        (
            r"\b100\s*(?:%|percent)\s+of\s+the\s+time\b|\bat\s+all\s+times\b|\ball\s+the\s+time\b",
            "most of the time",
        ),
        (r"\bevery\s+single\s+(?:day|moment)\b", "on most days"),
        (
            r"\b(?:completely|totally|entirely|fully)\s+(?:eliminate|eradicate|get\s+rid\s+of|stop)\s+all\b",
            "reduce",
        ),
        (r"\beliminate\s+all\b", "reduce"),
        (r"\b(?:completely|totally|entirely|100\s*%)\s+(\w+)[- ]free\b", r"with less \1"),
        (r"\bzero\s+(anxiety|stress|worry|sadness|fear)\b", r"less \1"),
        (r"\s*\bforever\b", ""),
        (r"\b100\s*%\s+(\w+)", r"\1"),
    )
)


def _soften(core: str) -> str:
    """'never feel anxious again' -> 'feel anxious less often'; 'forever' dropped."""
    for pattern, replacement in _SOFTER:
        core = pattern.sub(replacement, core)
    return " ".join(core.split())


def _gerund(behavior: str) -> str:
    """'do one planned pleasant activity a day' -> 'doing one planned pleasant activity...'."""
    verb, _, rest = behavior.partition(" ")
    if verb.endswith("e") and not verb.endswith("ee"):
        verb = verb[:-1]
    return f"{verb}ing {rest}".strip()


def _core(text: str) -> str:
    return text.strip().rstrip(".!?;:").strip()


def _subject(text: str) -> str:
    if (first := _FIRST_PERSON.match(text.strip())) is not None:
        return first.group("subject").capitalize() if first.group("subject") != "I" else "I"
    found = _SUBJECT.match(text.strip())
    if found and len(found.group("subject").split()) <= 3 and "," not in found.group("subject"):
        return found.group("subject")
    return "Client"


def _pick(concepts: Iterable[str], about: set[str]) -> Concept | None:
    """The goal's main concept: the first clinical one it shares with the problem, else the
    first it names (taking part in treatment is never offered in place of what the goal
    is about). Without a problem the search stops at the first concept found."""
    first = None
    for name in concepts:
        if name in GENERIC:
            continue
        if not about or name in about:
            return CONCEPTS[name]
        first = first or name
    return CONCEPTS[first] if first else None


def _yardstick(parts: _Parts) -> str | None:
    return parts.concept.measure if parts.concept is not None else None
