"""Plain words for judgements that look as if they disagree.

"No reliable change" beside "recovery" puzzles a reader: the two ask different questions.
Recovery asks whether the score crossed the clinical cut-off; reliable change asks whether
it moved further than the measure's error of measurement (Jacobson & Truax 1991), so a
client who starts just over the cut-off can recover with a change too small to be reliable.
"""

from __future__ import annotations

from collections.abc import Sequence

from .schema import Instrument
from .scoring import tidy


def why_recovery_without_reliable_change(instruments: Sequence[Instrument]) -> str:
    """Why both verdicts hold, with each instrument's own cut-off and threshold."""
    cases = "; ".join(_case_words(i) for i in instruments if i.change.has_caseness)
    steps = "; ".join(_reliable_words(i) for i in instruments)
    return (
        "Both can be true: they ask different questions. Recovery asks only whether the "
        f"score moved out of the clinical range ({cases}), which a small change across the "
        "cut-off can do. Reliable change asks whether the score moved further than the "
        f"measure's error of measurement ({steps}), so that the change is unlikely to be "
        "chance. Starting close to the cut-off, a client can recover without a reliable "
        "change."
    )


def _case_words(instrument: Instrument) -> str:
    stats = instrument.change
    if stats.caseness_at_least is not None:
        return f"{instrument.id}: {tidy(stats.caseness_at_least)} or more is a case"
    return f"{instrument.id}: {tidy(stats.caseness_at_most or 0)} or less is a case"


def _reliable_words(instrument: Instrument) -> str:
    points = instrument.change.reliable_change_points
    if points is not None:
        return f"{instrument.id}: {tidy(points)} points or more"
    return f"{instrument.id}: a reliable change index beyond 1.96"
