"""A historical score entered as its total alone, when the item answers are not known
(an old chart, a referral letter, a score read over the phone).

Only what the total itself decides can be worked out: the severity band and the cut-offs
on the total. Critical items, screening rules and symptom patterns are read from the item
answers, so they cannot be checked, and the result says so.
"""

from __future__ import annotations

import math

from .errors import AnswerError
from .schema import Instrument, Respondent
from .scoring import ScoreResult, applicable_cutoffs, band_label, tidy

NOT_CHECKED = (
    "Entered as a total only: the item answers are not known, so no critical item could be checked."
)


def score_total(
    instrument: Instrument, total: float, respondent: Respondent | None = None
) -> ScoreResult:
    """The band and cut-off flags of a known total, or ``AnswerError`` saying why not.

    The total must be one the instrument can produce: inside its range and, on a scale
    that is not prorated, a whole number of its steps (DASS-21 totals are even: each item
    counts twice, Lovibond & Lovibond 1995).
    """
    if instrument.screen:
        raise AnswerError(
            f"The {instrument.id} is read from its answers by a screening rule, not from a "
            "total: enter the answers instead."
        )
    if not math.isfinite(total):
        raise AnswerError("The total must be a number.")
    low, high = instrument.min_score, instrument.max_score
    if not low <= total <= high:
        raise AnswerError(
            f"The {instrument.id} total runs from {tidy(low)} to {tidy(high)}; "
            f"{tidy(total)} is outside it."
        )
    step = instrument.multiplier
    steps = (total - low) / step
    if instrument.missing.kind != "prorate" and abs(steps - round(steps)) > 1e-9:
        raise AnswerError(_step_message(instrument, total))
    cutoffs, notes = applicable_cutoffs(instrument, respondent or Respondent(), total)
    flags = tuple(dict.fromkeys(c.flag for c in cutoffs if c.flag and total >= c.at_least))
    not_checked = _not_checked(instrument)
    return ScoreResult(
        instrument=instrument.id,
        total=tidy(total),
        severity=band_label(instrument.bands, total),
        subscales={},
        flags=flags,
        min=tidy(low),
        max=tidy(high),
        notes=(*notes, not_checked),
    )


def _step_message(instrument: Instrument, total: float) -> str:
    if instrument.multiplier == 1:
        return f"The {instrument.id} total is a whole number; {tidy(total)} is not one."
    return (
        f"Every {instrument.id} total is a multiple of {tidy(instrument.multiplier)} "
        f"(each answer counts {tidy(instrument.multiplier)} times); {tidy(total)} is not."
    )


def _not_checked(instrument: Instrument) -> str:
    """What could not be checked, naming the instrument's critical items if it has any."""
    if not instrument.critical:
        return (
            "Entered as a total only: the item answers are not known, so nothing read from "
            "them (answers, subscales, symptom patterns) could be checked."
        )
    items = ", ".join(str(c.item) for c in instrument.critical)
    word = "item" if len(instrument.critical) == 1 else "items"
    return f"{NOT_CHECKED[:-1]} (critical {word} {items})."
