"""NHS Talking Therapies outcomes, judged as the programme defines them: on two measures.

Recovery, reliable improvement and reliable recovery are not properties of one score
pair. NHS Talking Therapies (the IAPT Manual, Appendix C) judges them on the depression
measure (PHQ-9) *and* the anxiety measure (GAD-7 or an anxiety disorder-specific measure)
given at the start and the end of a course of treatment:

- *Caseness at the start*: at or above caseness on either measure (PHQ-9 >= 10, GAD-7 >= 8).
- *Recovery*: a case at the start, and below caseness on both measures at the end. A client
  who was not a case at the start cannot recover, so ``recovery`` is False for them (the
  programme leaves them out of its recovery rate; ``caseness_start`` says why).
- *Reliable improvement*: a reliable improvement on at least one measure and a reliable
  deterioration on neither (PHQ-9: a fall of 6 points or more; GAD-7: 4 or more).
- *Reliable deterioration*: a reliable deterioration on either measure, or both. A mixed
  course (one measure reliably better, the other reliably worse) is therefore a reliable
  deterioration and not an improvement: worsening is never hidden behind the other score.
- *Reliable recovery*: recovery and reliable improvement together.

Each measure's own threshold and caseness come from its instrument file; a measure that
lacks either cannot be paired, and that is refused rather than guessed. One measure on its
own gives per-measure figures (``trellis change``), which the app labels as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from .change import change
from .errors import AnswerError
from .schema import Instrument
from .scoring import tidy


@dataclass(frozen=True, slots=True)
class MeasureOutcome:
    """What one of the two measures showed over the course."""

    instrument: str
    baseline: float
    followup: float
    reliable_improvement: bool
    reliable_deterioration: bool
    case_at_start: bool
    case_at_end: bool


@dataclass(frozen=True, slots=True)
class PairedOutcome:
    """The programme's four outcomes, with the per-measure judgements they rest on."""

    caseness_start: bool
    caseness_end: bool
    reliable_improvement: bool
    reliable_deterioration: bool
    recovery: bool
    reliable_recovery: bool
    measures: tuple[MeasureOutcome, MeasureOutcome]

    def as_dict(self) -> dict[str, object]:
        """The CLI's JSON: the four outcomes, caseness, and what each measure showed."""
        return {
            "reliable_improvement": self.reliable_improvement,
            "reliable_deterioration": self.reliable_deterioration,
            "recovery": self.recovery,
            "reliable_recovery": self.reliable_recovery,
            "caseness_start": self.caseness_start,
            "caseness_end": self.caseness_end,
            "measures": {
                m.instrument: {
                    "baseline": tidy(m.baseline),
                    "followup": tidy(m.followup),
                    "reliable_improvement": m.reliable_improvement,
                    "reliable_deterioration": m.reliable_deterioration,
                    "case_at_start": m.case_at_start,
                    "case_at_end": m.case_at_end,
                }
                for m in self.measures
            },
        }


def paired_outcome(
    depression: Instrument,
    depression_scores: tuple[float, float],
    anxiety: Instrument,
    anxiety_scores: tuple[float, float],
) -> PairedOutcome:
    """Judge a course of treatment from (start, end) scores on both measures.

    Raises ``AnswerError`` for a score outside its measure's range, or a measure without a
    published reliable-change threshold and caseness cut-off.
    """
    if depression.id == anxiety.id:
        raise AnswerError(f"paired outcomes need two different measures, not {depression.id} twice")
    measures = (
        _measure(depression, *depression_scores),
        _measure(anxiety, *anxiety_scores),
    )
    case_start = any(m.case_at_start for m in measures)
    case_end = any(m.case_at_end for m in measures)
    improved = any(m.reliable_improvement for m in measures)
    deteriorated = any(m.reliable_deterioration for m in measures)
    recovery = case_start and not case_end
    reliable_improvement = improved and not deteriorated
    return PairedOutcome(
        caseness_start=case_start,
        caseness_end=case_end,
        reliable_improvement=reliable_improvement,
        reliable_deterioration=deteriorated,
        recovery=recovery,
        reliable_recovery=recovery and reliable_improvement,
        measures=measures,
    )


def _measure(instrument: Instrument, baseline: float, followup: float) -> MeasureOutcome:
    """One measure's reliable change and caseness, refusing one that cannot be paired."""
    stats = instrument.change
    if stats.reliable_change_points is None or not stats.has_caseness:
        raise AnswerError(
            f"{instrument.id} has no published reliable-change threshold and caseness "
            "cut-off, so NHS Talking Therapies outcomes cannot be judged on it"
        )
    result = change(instrument, baseline, followup)
    return MeasureOutcome(
        instrument=instrument.id,
        baseline=baseline,
        followup=followup,
        reliable_improvement=bool(result.reliable_improvement),
        reliable_deterioration=bool(result.reliable_deterioration),
        case_at_start=stats.is_case(baseline),
        case_at_end=stats.is_case(followup),
    )
