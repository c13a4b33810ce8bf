"""Score one administration exactly as the instrument's manual says, or refuse to.

Scoring never guesses: a wrong number of answers, a value that is not one of the item's
options, or a missing answer the manual does not allow to prorate raises ``AnswerError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .errors import AnswerError
from .schema import Band, Cutoff, Instrument, Item, Respondent

Score = int | float


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """The outcome of one administration, shaped for the CLI's JSON and the app."""

    instrument: str
    total: Score
    severity: str | None
    subscales: dict[str, Score]
    flags: tuple[str, ...]
    min: Score
    max: Score
    subscale_severity: dict[str, str | None] = field(default_factory=dict)
    prorated: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """JSON-ready; extra keys only appear when they carry something (DASS-21, prorating)."""
        out: dict[str, object] = {
            "instrument": self.instrument,
            "total": self.total,
            "severity": self.severity,
            "subscales": dict(self.subscales),
            "flags": list(self.flags),
            "min": self.min,
            "max": self.max,
        }
        if self.subscale_severity:
            out["subscale_severity"] = dict(self.subscale_severity)
        if self.prorated:
            out["prorated"] = list(self.prorated)
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def score(
    instrument: Instrument,
    answers: Sequence[int | None],
    respondent: Respondent | None = None,
) -> ScoreResult:
    """Total, subscales, severity label (lower case) and flags for one set of answers.

    ``respondent`` (sex assigned at birth, age on the day) selects the cut-offs published
    for that person; without it, every sex- or age-specific cut-off is applied and the
    result's ``notes`` say which fact was missing, so nobody mistakes it for a choice.
    """
    who = respondent or Respondent()
    raw = _validated(instrument, answers)
    raw, scored, prorated = _complete(instrument, raw)
    total = sum(scored) * instrument.multiplier
    subscales = {
        sub.id: sum(scored[n - 1] for n in sub.items) * instrument.multiplier
        for sub in instrument.subscales
    }
    cutoffs, notes = applicable_cutoffs(instrument, who, total)
    return ScoreResult(
        instrument=instrument.id,
        total=tidy(total),
        severity=_severity(instrument, raw, total),
        subscales={key: tidy(value) for key, value in subscales.items()},
        flags=_flags(instrument, raw, total, cutoffs),
        min=tidy(instrument.min_score),
        max=tidy(instrument.max_score),
        subscale_severity={
            sub.id: band_label(sub.bands, subscales[sub.id])
            for sub in instrument.subscales
            if sub.bands
        },
        prorated=prorated,
        notes=notes,
    )


def critical_answers(instrument: Instrument, answers: Sequence[int | None]) -> tuple[str, ...]:
    """The critical flags the given answers raise, whether or not the form can be scored.

    A positive risk answer must be kept and alert even when other items are blank; an
    answer that is not one of the item's options is still refused (``AnswerError``)."""
    raw = _validated(instrument, answers)
    return tuple(
        dict.fromkeys(
            c.flag
            for c in instrument.critical
            if (value := raw[c.item - 1]) is not None and value >= c.at_least
        )
    )


def applicable_cutoffs(
    instrument: Instrument, respondent: Respondent, total: float | None = None
) -> tuple[tuple[Cutoff, ...], tuple[str, ...]]:
    """The cut-offs that apply to this respondent, and notes on any that could not be chosen.

    A cut-off is dropped only when the record rules it out (a man's cut-off for a woman, a
    65-and-over cut-off for a 40-year-old). When the record lacks the fact (sex unknown or
    not recorded, intersex, age unknown) the cut-off is kept and a note says why, so the
    reader sees every cut-off that might be the right one.
    """
    kept: list[Cutoff] = []
    unsure_sex: list[Cutoff] = []
    unsure_age: list[Cutoff] = []
    for cutoff in instrument.cutoffs:
        rule = cutoff.applies_to
        if rule is None:
            kept.append(cutoff)
            continue
        sex_known = respondent.sex in ("female", "male")
        age = respondent.age
        if rule.sex is not None and sex_known and rule.sex != respondent.sex:
            continue
        has_age_rule = rule.min_age is not None or rule.max_age is not None
        if has_age_rule and age is not None:
            if rule.min_age is not None and age < rule.min_age:
                continue
            if rule.max_age is not None and age > rule.max_age:
                continue
        kept.append(cutoff)
        if rule.sex is not None and not sex_known:
            unsure_sex.append(cutoff)
        if has_age_rule and age is None:
            unsure_age.append(cutoff)
    notes: list[str] = []
    if unsure_sex:
        if respondent.sex == "intersex":
            why = (
                "The published cut-offs were set for women and for men and the client is "
                "recorded as intersex"
            )
        else:
            why = "Sex assigned at birth is not recorded"
        notes.append(f"{why}, so each is applied: {_listed(unsure_sex, total)}.")
    if unsure_age:
        notes.append(
            f"The age on the day is not known, so each is applied: {_listed(unsure_age, total)}."
        )
    return tuple(kept), tuple(notes)


def _listed(cutoffs: Sequence[Cutoff], total: float | None) -> str:
    """'3 or more for women (reached); 4 or more for men (not reached)'."""
    parts = []
    for cutoff in cutoffs:
        who = cutoff.applies_to.describe() if cutoff.applies_to else "everyone"
        part = f"{_number(cutoff.at_least)} or more for {who}"
        if total is not None:
            part += " (reached)" if total >= cutoff.at_least else " (not reached)"
        parts.append(part)
    return "; ".join(parts)


def _number(value: float) -> str:
    """27, not 27.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def tidy(value: float) -> Score:
    """Two decimals at most, and whole numbers as ints, so JSON shows 14 and not 14.0."""
    rounded = round(value, 2)
    return int(rounded) if rounded.is_integer() else rounded


def band_label(bands: Sequence[Band], value: float) -> str | None:
    """The lower-case label of the band holding ``value``, or None outside every band.

    A prorated score can fall between two whole-number bands (9.33 between 0-9 and 10-13);
    it belongs to the lower one, since it has not reached the next band's minimum.
    """
    for index, band in enumerate(bands):
        if value < band.min:
            return None
        if value <= band.max:
            return band.label.lower()
        if index + 1 < len(bands) and value < bands[index + 1].min:
            return band.label.lower()
    return None


def _validated(instrument: Instrument, answers: Sequence[int | None]) -> list[int | None]:
    """Right count, and each given answer one of its item's options."""
    if isinstance(answers, str | bytes):
        raise AnswerError(f"{instrument.id}: answers must be a list of numbers, not text")
    raw = list(answers)
    if len(raw) != len(instrument.items):
        raise AnswerError(
            f"{instrument.id}: expected {len(instrument.items)} answers, got {len(raw)}"
        )
    for item, value in zip(instrument.items, raw, strict=True):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(
                f"{instrument.id}: item {item.number}: {value!r} is not a whole number"
            )
        if value not in item.values:
            allowed = ", ".join(str(v) for v in sorted(item.values))
            where = f"{instrument.id}: item {item.number}"
            raise AnswerError(f"{where}: {value} is not one of the options ({allowed})")
    return raw


def _complete(
    instrument: Instrument, raw: list[int | None]
) -> tuple[list[int | None], list[float], tuple[int, ...]]:
    """Apply the missing-answer rule; return raw answers, item scores and prorated items.

    Items not asked (a screener's follow-up after "no") count as 0 and are not missing.
    """
    rule = instrument.missing
    if rule.kind == "count_as":
        raw = list(raw)
        # In item order, so a follow-up counts as answered only if it had to be asked given
        # the answers before it (an ASQ refusal of question 1 makes question 5 due).
        for item in instrument.items:
            if raw[item.number - 1] is None and item.number in rule.items and _asked(item, raw):
                raw[item.number - 1] = rule.value
    missing = [
        item.number
        for item, value in zip(instrument.items, raw, strict=True)
        if value is None and _asked(item, raw)
    ]
    scored = [
        0.0 if value is None else float(item.scored(value))
        for item, value in zip(instrument.items, raw, strict=True)
    ]
    if not missing:
        return raw, scored, ()
    for number in missing:
        condition = instrument.items[number - 1].asked_if
        if condition is not None:
            on = ", ".join(map(str, condition.items))
            raise AnswerError(
                f"{instrument.id}: item {number} not answered; it must be asked when any of "
                f"items {on} is {condition.at_least} or more"
            )
    if rule.kind != "prorate":
        listed = ", ".join(str(n) for n in missing)
        noun = "item" if len(missing) == 1 else "items"
        raise AnswerError(
            f"{instrument.id}: {noun} {listed} not answered, and its manual gives no rule "
            "to score a form with missing answers"
        )
    for group, numbers in _prorate_groups(instrument):
        _prorate(instrument, group, numbers, missing, scored)
    return raw, scored, tuple(missing)


def _asked(item: Item, raw: list[int | None]) -> bool:
    """Whether the respondent should have seen this item, given their earlier answers."""
    return item.asked_if is None or item.asked_if.holds(raw)


def _prorate_groups(instrument: Instrument) -> list[tuple[str, tuple[int, ...]]]:
    """The sets of items within which a missing answer is filled from the others."""
    if instrument.missing.per == "subscale":
        return [(f"subscale {sub.id}", sub.items) for sub in instrument.subscales]
    return [("the form", tuple(item.number for item in instrument.items))]


def _prorate(
    instrument: Instrument,
    group: str,
    numbers: tuple[int, ...],
    missing: list[int],
    scored: list[float],
) -> None:
    """Fill missing item scores with the mean of the group's answered items, if allowed."""
    gaps = [n for n in numbers if n in missing]
    if not gaps:
        return
    limit = instrument.missing.max_missing
    if len(gaps) > limit:
        raise AnswerError(
            f"{instrument.id}: {len(gaps)} answers missing in {group} "
            f"(items {', '.join(map(str, gaps))}); its manual allows prorating at most {limit}"
        )
    answered = [scored[n - 1] for n in numbers if n not in gaps]
    mean = sum(answered) / len(answered)
    for number in gaps:
        scored[number - 1] = mean


def _severity(instrument: Instrument, raw: list[int | None], total: float) -> str | None:
    """A screener's decision rule if it has one, otherwise the band the total falls in."""
    for rule in instrument.screen:
        if rule.condition is None or rule.condition.holds(raw):
            return rule.label.lower()
    return band_label(instrument.bands, total)


def _flags(
    instrument: Instrument, raw: list[int | None], total: float, cutoffs: Sequence[Cutoff]
) -> tuple[str, ...]:
    """Critical answers first (they must never be missed), then cut-offs, then patterns."""
    flags: list[str] = []
    for critical in instrument.critical:
        value = raw[critical.item - 1]
        if value is not None and value >= critical.at_least:
            flags.append(critical.flag)
    for cutoff in cutoffs:
        if cutoff.flag is not None and total >= cutoff.at_least:
            flags.append(cutoff.flag)
    flags.extend(rule.flag for rule in instrument.cluster_rules if rule.holds(raw))
    return tuple(dict.fromkeys(flags))
