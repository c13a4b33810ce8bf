"""The measures page's "PHQ-9 and GAD-7 together" card: NHS Talking Therapies' outcomes.

The programme judges recovery and reliable improvement on both measures at once
(``trellis.core.measures.recovery``), here from the baseline of the current plan episode
(``episodes``) to the latest score; each measure's own card judges that measure alone and
says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trellis.core.measures import AnswerError, Instrument, PairedOutcome, paired_outcome
from trellis.core.measures.explain import why_recovery_without_reliable_change
from trellis.core.measures.recovery import MeasureOutcome
from trellis.measures.models import Administration
from trellis.plans.measure_history import InstrumentHistory

DEPRESSION, ANXIETY = "PHQ-9", "GAD-7"


@dataclass(frozen=True, slots=True)
class PairedCourse:
    """The outcome, or why there is none yet, with the four scores it was judged from."""

    outcome: PairedOutcome | None
    reason: str
    scores: tuple[Administration, ...] = ()
    instruments: tuple[Instrument, ...] = ()

    @property
    def why_both(self) -> str:
        """Why "recovery" stands beside "no reliable improvement", when it does."""
        outcome = self.outcome
        if outcome is None or not outcome.recovery or outcome.reliable_improvement:
            return ""
        return why_recovery_without_reliable_change(self.instruments)

    @property
    def rows(self) -> list[tuple[MeasureOutcome, Administration, Administration]]:
        """Each measure's judgement with its first and latest administration."""
        if self.outcome is None:
            return []
        return [
            (measure, self.scores[2 * i], self.scores[2 * i + 1])
            for i, measure in enumerate(self.outcome.measures)
        ]


def paired_course(histories: Sequence[InstrumentHistory]) -> PairedCourse | None:
    """None when the client has neither measure; otherwise the outcome or what is missing."""
    by_id = {history.instrument_id: history for history in histories}
    depression, anxiety = by_id.get(DEPRESSION), by_id.get(ANXIETY)
    if depression is None and anxiety is None:
        return None
    missing = [
        name
        for name, history in ((DEPRESSION, depression), (ANXIETY, anxiety))
        if history is None or history.baseline.pk == history.latest.pk
    ]
    if missing or depression is None or anxiety is None:
        return PairedCourse(
            None,
            "Needs a first and a later score on both the PHQ-9 and the GAD-7 "
            f"(missing: {' and '.join(missing)}).",
        )
    if depression.instrument is None or anxiety.instrument is None:
        return PairedCourse(None, "The PHQ-9 or the GAD-7 is no longer available.")
    pairs = [(h.baseline, h.latest) for h in (depression, anxiety)]
    totals: list[float] = []
    for administration in (a for pair in pairs for a in pair):
        if administration.total is None:
            return PairedCourse(None, "A score in the pair could not be scored.")
        totals.append(administration.total)
    try:
        outcome = paired_outcome(
            depression.instrument,
            (totals[0], totals[1]),
            anxiety.instrument,
            (totals[2], totals[3]),
        )
    except AnswerError as exc:
        return PairedCourse(None, str(exc))
    scores = tuple(a for pair in pairs for a in pair)
    return PairedCourse(outcome, "", scores, (depression.instrument, anxiety.instrument))
