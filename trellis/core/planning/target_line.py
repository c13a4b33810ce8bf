"""The score that meets a measure-linked target: where its line goes on the score chart.

``target_line(spec, baseline=..., stats=..., score_step=...)`` returns the score a chart
draws the target's dashed line at, such that a score exactly on the line is met by
``evaluate_target`` and every score on the far side of it (better) is too:

- ``at_or_below`` / ``at_or_above``: the value itself.
- ``down_by_points``: baseline - value (lower is better).
- ``down_by_percent``: baseline x (1 - value / 100).
- ``reliable_improvement``: baseline -/+ the reliable-change threshold (minus when lower
  scores are better, plus when higher are), as ``target_statistics`` gives it.
- ``recovery``: the last score the instrument can give on the recovered side of the
  caseness cut-off. A score at the cut-off itself is a case, so the line cannot go there:
  it goes one step of the instrument's scale short of it (PHQ-9, cut-off 10: the line is
  at 9; a scale scored in twos, cut-off 10: at 8). ``score_step`` is that step: 1 for
  instruments summed from whole item scores, the multiplier where totals are multiplied.
  A prorated total can fall between the line and the cut-off (9.33 on the PHQ-9); it counts
  as recovered too, so there the line is the first full score that meets the target
  rather than the exact boundary.

There is no line (None) where ``evaluate_target`` could not call the target met from any
score: no baseline for a kind that is measured from one (all but at_or_below/above), a
kind whose statistic the instrument lacks, or recovery from a baseline that was not a case.
The line may fall outside the instrument's range (reliable improvement from a baseline of
3 on the PHQ-9): the caller decides whether it can be drawn (``on_scale``).
"""

from __future__ import annotations

import math

from .measure_link import TargetStatistics
from .targets import TargetSpec

_EPSILON = 1e-9  # as in ``targets``: absorbs float rounding, never a real difference


def target_line(
    spec: TargetSpec,
    *,
    baseline: float | None,
    stats: TargetStatistics,
    score_step: float = 1,
) -> float | None:
    """The score a chart draws ``spec``'s line at, or None (see the module docstring)."""
    if not score_step > 0:
        raise ValueError(f"score_step must be positive, not {score_step!r}")
    if spec.kind in ("at_or_below", "at_or_above"):
        return spec.value
    if baseline is None:
        return None
    better = 1 if stats.higher_is_better else -1
    if spec.kind == "down_by_points" and spec.value is not None:
        return baseline - spec.value
    if spec.kind == "down_by_percent" and spec.value is not None:
        return baseline * (1 - spec.value / 100)
    if spec.kind == "reliable_improvement" and stats.reliable_change is not None:
        return baseline + better * stats.reliable_change
    if spec.kind == "recovery" and stats.caseness_cutoff is not None:
        return _recovered(baseline, stats.caseness_cutoff, better, score_step)
    return None


def on_scale(line: float, low: float, high: float) -> bool:
    """Whether a line can be drawn on an axis from ``low`` to ``high`` (ends included)."""
    return low - _EPSILON <= line <= high + _EPSILON


def _recovered(baseline: float, cutoff: float, better: int, step: float) -> float | None:
    """The nearest score on the scale's steps that is not a case; None unless the baseline
    is one (recovery needs a case at baseline, as ``evaluate_target`` judges it)."""
    if (baseline - cutoff) * better > _EPSILON:
        return None
    if better < 0:  # a case at or above the cut-off: the last step below it
        return (math.ceil(cutoff / step - _EPSILON) - 1) * step
    return (math.floor(cutoff / step + _EPSILON) + 1) * step
