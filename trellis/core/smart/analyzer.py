"""analyze(): read one goal or objective and say which SMART criteria it meets, and why.

Deterministic and local (regular expressions and word lists; no network, no model), so
it can run on every keystroke and give the same answer in the app, the CLI and a test.
The order matters: instruments, non-target numbers and deadlines are read and blanked
out first, so the 9 of "PHQ-9" or the 12 of "within 12 weeks" is never taken for a target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .dates import deadline_to_date
from .deadlines import Deadline, find_deadlines
from .lexicon import concrete_terms, feeling_terms
from .measures import InstrumentMention, find_instruments
from .noise import YEAR, non_targets
from .realism import judge_achievable
from .relevance import judge_relevant
from .result import SmartResult, Target, Verdict
from .spans import Span, find_all, mask, quote, word_pattern
from .suggestions import suggest_with_rewrite
from .targets import Quantity, choose_target, find_quantities

_I = re.IGNORECASE
_VAGUE_TIME = word_pattern(
    r"\b(?:soon|eventually|someday|one\s+day|over\s+time|in\s+time|as\s+soon\s+as\s+possible"
    r"|ASAP|in\s+the\s+(?:near\s+)?future|(?:next\s+)?(?:few|several|couple(?:\s+of)?)\s+"
    r"(?:days|weeks|months))\b",
    flags=_I,
)
_ANY_DAY = date(2000, 1, 3)  # only asks whether a deadline can become a date at all
_VAGUE_AMOUNT = word_pattern(
    r"\b(?:more|less|fewer|better|regularly|consistently|often|frequently|as\s+needed"
    r"|every\s+time|whenever|all|a\s+lot|so\s+much)\b",
    flags=_I,
)


def analyze(text: str, *, problem: str | None = None, diagnoses: Sequence[str] = ()) -> SmartResult:
    """The SMART analysis of ``text``; ``problem``/``diagnoses`` let it judge relevance."""
    instruments = find_instruments(text)
    base = mask(text, [m.span for m in instruments] + non_targets(text))
    deadlines = find_deadlines(base)
    timed = [d.span for d in deadlines]
    untimed = mask(base, timed)
    rest = _without_years(untimed)
    quantities = find_quantities(rest, scored=bool(instruments))
    target = choose_target(quantities, scored=bool(instruments)) or _streak_target(deadlines)
    ids = tuple(dict.fromkeys(m.id for m in instruments))
    parts = (
        text,
        _specific(text, instruments, concrete_terms(untimed)),
        _measurable(text, instruments, quantities, deadlines, target),
        judge_achievable(text),
        judge_relevant(text, ids, problem, diagnoses),
        _time_bound(text, deadlines, quantities),
        ids[0] if ids else None,
        target,
        _deadline(deadlines),
    )
    # Built twice rather than through dataclasses.replace, which costs more than the
    # whole verdict on a keystroke: the suggestions read the verdicts they complete.
    suggestions, rewrite = suggest_with_rewrite(SmartResult(*parts), problem)
    return SmartResult(*parts, suggestions, rewrite)


def _without_years(text: str) -> str:
    """``text`` with four-digit years blanked; one needs "19" or "20", which most lack."""
    if "19" not in text and "20" not in text:
        return text
    return mask(text, find_all(YEAR, text))


def _specific(text: str, instruments: list[InstrumentMention], concrete: list[Span]) -> Verdict:
    evidence = quote(text, [m.span for m in instruments] + concrete)
    if evidence:
        return Verdict(True, evidence, f"names what will change: {_listed(evidence)}")
    feelings = quote(text, feeling_terms(text))
    if feelings:
        return Verdict(
            False, feelings, f"names only a feeling or general state ({_listed(feelings)})"
        )
    return Verdict(False, (), "names no behavior, symptom, skill or measure")


def _measurable(
    text: str,
    instruments: list[InstrumentMention],
    quantities: list[Quantity],
    deadlines: list[Deadline],
    target: Target | None,
) -> Verdict:
    streaks = [d.span for d in deadlines if d.streak]
    spans = [m.span for m in instruments] + [q.span for q in quantities] + streaks
    evidence = quote(text, spans)
    if evidence:
        named = [instruments[0].id] if instruments else []
        what = [_describe(target)] if target else ["days in a row"] if streaks else []
        return Verdict(True, evidence, f"counts or scores it: {', '.join(named + what)}")
    vague = quote(text, find_all(_VAGUE_AMOUNT, text))
    if vague:
        return Verdict(False, vague, f"'{vague[0]}' says which way, not how much or how often")
    return Verdict(False, (), "nothing is counted, rated or scored")


def _time_bound(text: str, deadlines: list[Deadline], quantities: list[Quantity]) -> Verdict:
    if deadlines:
        evidence = quote(text, [d.span for d in deadlines])
        return Verdict(True, evidence, f"sets a time frame: {deadlines[0].text}")
    vague = quote(text, find_all(_VAGUE_TIME, text))
    if vague:
        return Verdict(False, vague, f"'{vague[0]}' names no date")
    frequencies = [q for q in quantities if str(q.unit).startswith("per ")]
    if frequencies:
        said = text[frequencies[0].span.start : frequencies[0].span.end]
        return Verdict(False, (), f"'{said}' says how often, not by when")
    return Verdict(False, (), "no deadline or time frame")


def _deadline(deadlines: list[Deadline]) -> str | None:
    """The first deadline that can become a date, else the first one written."""
    for found in deadlines:
        if deadline_to_date(found.text, _ANY_DAY) is not None:
            return found.text
    return deadlines[0].text if deadlines else None


def _streak_target(deadlines: list[Deadline]) -> Target | None:
    """'sober for 6 months' counts days of a state: the target is the length of the streak."""
    for found in deadlines:
        if found.streak:
            value, unit = found.text.split(" ", 1)
            number = float(value)
            return Target(int(number) if number.is_integer() else number, unit.rstrip("s") + "s")
    return None


def _describe(target: Target) -> str:
    comparison = f"{target.comparison} " if target.comparison else ""
    upper = f"-{target.upper}" if target.upper is not None else ""
    return f"{comparison}{target.value}{upper} {target.unit}"


def _listed(words: tuple[str, ...]) -> str:
    return ", ".join(f"'{word}'" for word in words[:4])
