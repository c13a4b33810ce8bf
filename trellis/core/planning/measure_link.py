"""The numbers a target is judged by, taken from an instrument of ``trellis.core.measures``.

``evaluate_target`` takes plain numbers so that it can be tested by hand; this is the one
place that reads them off an instrument, so the measures page and a goal's status judge
change the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from trellis.core.measures import Instrument
from trellis.core.measures.change import RCI_CRITICAL
from trellis.core.measures.schema import Band, ChangeStats


@dataclass(frozen=True, slots=True)
class TargetStatistics:
    """Keyword arguments for ``evaluate_target`` (all four) and ``check_target`` (all but
    ``bands``)."""

    higher_is_better: bool
    reliable_change: float | None
    caseness_cutoff: float | None
    bands: tuple[Band, ...] = ()


def target_statistics(instrument: Instrument, subscale: str | None = None) -> TargetStatistics:
    """Direction, reliable-change threshold, caseness cut-off and severity bands of a total
    or subscale.

    The threshold is the instrument's published one in points where it has one (NHS Talking
    Therapies: PHQ-9 6, GAD-7 4), otherwise 1.96 x SEdiff from its SD and reliability
    (Jacobson & Truax 1991), otherwise None: the order ``measures.change`` uses. The bands
    are the file's own, each cited there (a subscale's for a subscale: DASS-21 depression).
    """
    part = None if subscale is None else instrument.subscale(subscale)
    stats = instrument.change if part is None else part.change
    better = instrument.higher_is_better
    return TargetStatistics(
        higher_is_better=better,
        reliable_change=_reliable_change(stats),
        caseness_cutoff=stats.caseness_at_most if better else stats.caseness_at_least,
        bands=instrument.bands if part is None else part.bands,
    )


def _reliable_change(stats: ChangeStats) -> float | None:
    if stats.reliable_change_points is not None:
        return stats.reliable_change_points
    se_diff = stats.se_diff
    return None if se_diff is None else RCI_CRITICAL * se_diff
