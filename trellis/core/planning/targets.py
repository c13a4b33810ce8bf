"""Measure-linked targets: is the goal's score target met, and how is it going?

A target names an instrument (or one of its subscales), a kind and, for most kinds, a
value: "GAD-7 down 60 % within 12 weeks", "PHQ-9 at or below 9", "WHO-5 at or above 52",
"reliable improvement on the PHQ-9", "recovery on the GAD-7". Its status is computed from
the client's scores, never typed.

Status: the first rule that applies wins.

1. ``not_yet_measured`` no score after the baseline; or no baseline where the kind needs
   one (every kind needs one except at_or_below / at_or_above, which can be met without).
2. ``deteriorated`` reliable worsening from baseline: the change in the bad direction is
   at least the reliable-change threshold. Never claimed when no threshold is known.
   Checked before "met" so that a client getting reliably worse is never hidden behind a
   target that was already met at baseline ("WHO-5 at or above 52" from 80 down to 60).
   After it, a recovery target whose baseline was not a case is ``not_yet_measured``:
   recovery needs a baseline at caseness, so it cannot be judged.
3. ``met`` the latest score satisfies the target, whether on time or late.
4. ``missed`` the deadline has passed (today is after it; the deadline day itself is
   still in time) and the target is not met.
5. ``not_improving`` at least two scores after baseline, and the latest is no better than
   the baseline or no better than the score two measurements before it (no net
   improvement over the last three).
6. ``on_track`` measured, not met, in time and not stalled. After one score since baseline
   that is no better, the reason says it is too early to judge rather than alarming.

Reliable change follows ``trellis.core.measures``: a change counts as reliable when it is
*at least* the threshold in points. NHS Talking Therapies states its thresholds that way
("a decrease of 4 or more" on the GAD-7); for a threshold from the RCI (1.96 x SEdiff) the
difference between "at least" and "more than" never matters, since it is not a whole
number. Recovery as NHS Talking Therapies defines it: a case at baseline (at or beyond
the caseness cut-off) and not a case at the latest score; reliable recovery adds reliable
improvement.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

TargetKind = Literal[
    "at_or_below",
    "at_or_above",
    "down_by_points",
    "down_by_percent",
    "reliable_improvement",
    "recovery",
]
TargetStatus = Literal[
    "not_yet_measured", "deteriorated", "met", "missed", "not_improving", "on_track"
]

KINDS: tuple[str, ...] = get_args(TargetKind)
STATUSES: tuple[str, ...] = get_args(TargetStatus)
_VALUED = frozenset({"at_or_below", "at_or_above", "down_by_points", "down_by_percent"})
_EPSILON = 1e-9  # scores are sums of small integers; this only absorbs float rounding
_MINUS = "\u2212"


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """What a goal or objective aims at on a standardized measure."""

    instrument: str
    subscale: str | None
    kind: TargetKind
    value: float | None
    deadline: date | None

    def __post_init__(self) -> None:
        if not self.instrument.strip():
            raise ValueError("A target needs an instrument, e.g. 'GAD-7'.")
        if self.kind not in KINDS:
            raise ValueError(f"Unknown target kind {self.kind!r}; use one of {', '.join(KINDS)}.")
        _check_value(self.kind, self.value, self.label)

    @property
    def label(self) -> str:
        """The measure as a clinician names it: 'GAD-7' or 'DASS-21 depression'."""
        return self.instrument if self.subscale is None else f"{self.instrument} {self.subscale}"


@dataclass(frozen=True, slots=True)
class Score:
    """One administration's total (or subscale score) on the day it was given."""

    on: date
    value: float

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not math.isfinite(self.value):
            raise ValueError(f"Score on {self.on.isoformat()} is not a number: {self.value!r}")


@dataclass(frozen=True, slots=True)
class TargetEvaluation:
    """A target's computed status, the numbers behind it and one line saying why.

    ``change`` is latest minus baseline in points (signed as the scores go);
    ``percent_change`` the same relative to the baseline (None when the baseline is 0);
    ``progress_fraction`` how far from baseline toward the score that meets the target,
    0 to 1 (None where the kind has no such score, i.e. recovery, or nothing to compare).
    The four change judgements are None where their statistics are unknown.
    """

    status: TargetStatus
    baseline: Score | None
    latest: Score | None
    change: float | None
    percent_change: float | None
    progress_fraction: float | None
    reason: str
    reliable_improvement: bool | None = None
    reliable_deterioration: bool | None = None
    recovery: bool | None = None
    reliable_recovery: bool | None = None


def check_target(
    spec: TargetSpec,
    *,
    higher_is_better: bool,
    reliable_change: float | None,
    caseness_cutoff: float | None,
) -> None:
    """Raise ValueError if the target cannot be judged on this instrument, saying why.

    A form calls this before saving a target; ``evaluate_target`` calls it too.
    """
    name = spec.label
    if higher_is_better and spec.kind in ("at_or_below", "down_by_points", "down_by_percent"):
        raise ValueError(
            f"On the {name} higher scores are better: aim at or above a score instead."
        )
    if not higher_is_better and spec.kind == "at_or_above":
        raise ValueError(f"On the {name} lower scores are better: aim at or below a score.")
    if spec.kind == "reliable_improvement" and reliable_change is None:
        raise ValueError(f"The {name} has no reliable-change threshold to judge this target.")
    if spec.kind == "recovery" and caseness_cutoff is None:
        raise ValueError(f"The {name} has no caseness cut-off, so recovery cannot be judged.")
    if reliable_change is not None and not reliable_change > 0:
        raise ValueError(f"The {name} reliable-change threshold must be positive.")


def evaluate_target(
    spec: TargetSpec,
    *,
    baseline: Score | None,
    scores: Sequence[Score],
    today: date,
    higher_is_better: bool,
    reliable_change: float | None,
    caseness_cutoff: float | None,
) -> TargetEvaluation:
    """The target's status from the baseline and the scores (see the module docstring).

    ``scores`` may hold the baseline and earlier scores too: only those dated after the
    baseline count as follow-ups, the last of them (by date, then by order given) as the
    latest. ``reliable_change`` is the smallest change in points that is reliable (e.g.
    ``instrument.change.reliable_change_points`` or 1.96 x SEdiff, see
    ``planning.measure_link``); ``caseness_cutoff`` the score at which a case starts
    (at or above it when lower is better, at or below it when higher is better).
    """
    check_target(
        spec,
        higher_is_better=higher_is_better,
        reliable_change=reliable_change,
        caseness_cutoff=caseness_cutoff,
    )
    scale = _Scale(1 if higher_is_better else -1, reliable_change, caseness_cutoff)
    ordered = sorted(scores, key=lambda score: score.on)
    if baseline is None:
        return _without_baseline(spec, ordered, today)
    follow_ups = [score for score in ordered if score.on > baseline.on]
    if not follow_ups:
        return _not_yet_measured(spec, baseline, today)
    return _measured(spec, baseline, follow_ups, today, scale)


@dataclass(frozen=True, slots=True)
class _Scale:
    """The instrument's direction and the statistics that judge change on it."""

    better: int  # +1 when higher scores are better, -1 when lower are
    reliable_change: float | None
    caseness_cutoff: float | None

    def gain(self, before: float, after: float) -> float:
        """Positive when the client got better from ``before`` to ``after``."""
        return (after - before) * self.better

    def is_case(self, value: float) -> bool:
        cutoff = self.caseness_cutoff
        assert cutoff is not None  # noqa: S101 - callers check first
        return (value - cutoff) * self.better <= _EPSILON


def _check_value(kind: str, value: float | None, name: str) -> None:
    if kind not in _VALUED:
        if value is not None:
            raise ValueError(f"A {kind.replace('_', ' ')} target on the {name} takes no value.")
        return
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"A {kind.replace('_', ' ')} target on the {name} needs a number.")
    if kind == "down_by_points" and value <= 0:
        raise ValueError(f"'Down by' on the {name} needs a positive number of points.")
    if kind == "down_by_percent" and not 0 < value <= 100:
        raise ValueError(f"'Down by percent' on the {name} needs a percentage from 1 to 100.")


def _without_baseline(spec: TargetSpec, ordered: list[Score], today: date) -> TargetEvaluation:
    """An at-or-below/above target can be met without a baseline; nothing else can be judged."""
    latest = ordered[-1] if ordered else None
    if latest is None or spec.kind not in ("at_or_below", "at_or_above"):
        reason = f"{spec.label}: no baseline score yet, so progress cannot be judged"
        return _evaluation("not_yet_measured", None, latest, None, reason)
    assert spec.value is not None  # noqa: S101 - guaranteed by TargetSpec
    reached = _reached(spec.kind, latest.value, spec.value)
    shown = f"{spec.label} {_number(latest.value)} (no baseline)"
    if reached:
        return _evaluation("met", None, latest, 1.0, f"{shown}: target met")
    if _passed(spec.deadline, today):
        return _evaluation("missed", None, latest, None, f"{shown}: {_missed(spec)}")
    reason = f"{shown}: not met yet; choose a baseline to track progress"
    return _evaluation("not_yet_measured", None, latest, None, reason)


def _not_yet_measured(spec: TargetSpec, baseline: Score, today: date) -> TargetEvaluation:
    reason = f"{spec.label} baseline {_number(baseline.value)}: no score since baseline yet"
    if _passed(spec.deadline, today):
        assert spec.deadline is not None  # noqa: S101 - _passed checked it
        reason += f" and the deadline {spec.deadline.isoformat()} has passed"
    return _evaluation("not_yet_measured", baseline, None, None, reason)


def _measured(
    spec: TargetSpec, baseline: Score, follow_ups: list[Score], today: date, scale: _Scale
) -> TargetEvaluation:
    latest = follow_ups[-1]
    judged = _judgements(baseline.value, latest.value, scale)
    met = _is_met(spec, baseline.value, latest.value, scale)
    status, verdict = _status(spec, baseline, follow_ups, today, scale, met, judged[1])
    progress = _progress(spec, baseline.value, latest.value, scale, met)
    change = latest.value - baseline.value
    return TargetEvaluation(
        status=status,
        baseline=baseline,
        latest=latest,
        change=change,
        percent_change=None if baseline.value == 0 else change / baseline.value * 100,
        progress_fraction=progress,
        reason=f"{_shown(spec, baseline.value, latest.value)}: {verdict}",
        reliable_improvement=judged[0],
        reliable_deterioration=judged[1],
        recovery=judged[2],
        reliable_recovery=None if None in (judged[0], judged[2]) else judged[0] and judged[2],
    )


def _status(
    spec: TargetSpec,
    baseline: Score,
    follow_ups: list[Score],
    today: date,
    scale: _Scale,
    met: bool,
    deteriorated: bool | None,
) -> tuple[TargetStatus, str]:
    """The status by the precedence in the module docstring, and the words for it."""
    if deteriorated:
        still = "; target still met" if met else ""
        threshold = _number(scale.reliable_change or 0)
        return "deteriorated", f"reliable deterioration ({threshold} points or more){still}"
    if spec.kind == "recovery" and not scale.is_case(baseline.value):
        cutoff = _number(scale.caseness_cutoff or 0)
        verdict = f"baseline not a case (cut-off {cutoff}), so recovery does not apply"
        return "not_yet_measured", verdict
    if met:
        return "met", "target met"
    if _passed(spec.deadline, today):
        return "missed", _missed(spec)
    series = [baseline, *follow_ups]
    latest = series[-1].value
    if len(follow_ups) >= 2:
        if scale.gain(baseline.value, latest) <= _EPSILON:
            return "not_improving", "not improving: no better than baseline"
        if scale.gain(series[-3].value, latest) <= _EPSILON:
            return "not_improving", "not improving over the last three scores"
    if scale.gain(baseline.value, latest) <= _EPSILON:
        return "on_track", "no improvement yet; too early to judge after one score"
    return "on_track", f"on track toward {_describe_goal(spec)}"


def _judgements(
    before: float, after: float, scale: _Scale
) -> tuple[bool | None, bool | None, bool | None]:
    """(reliable improvement, reliable deterioration, recovery); None where unknown."""
    gain = scale.gain(before, after)
    threshold = scale.reliable_change
    improved = None if threshold is None else gain >= threshold - _EPSILON
    worse = None if threshold is None else -gain >= threshold - _EPSILON
    recovered = None
    if scale.caseness_cutoff is not None:
        recovered = scale.is_case(before) and not scale.is_case(after)
    return improved, worse, recovered


def _is_met(spec: TargetSpec, before: float, after: float, scale: _Scale) -> bool:
    if spec.kind in ("at_or_below", "at_or_above"):
        assert spec.value is not None  # noqa: S101 - guaranteed by TargetSpec
        return _reached(spec.kind, after, spec.value)
    if spec.kind == "recovery":
        return scale.is_case(before) and not scale.is_case(after)
    goal = _goal_score(spec, before, scale)
    assert goal is not None  # noqa: S101 - every other kind has a goal score
    return scale.gain(goal, after) >= -_EPSILON


def _reached(kind: str, value: float, target: float) -> bool:
    if kind == "at_or_below":
        return value <= target + _EPSILON
    return value >= target - _EPSILON


def _goal_score(spec: TargetSpec, before: float, scale: _Scale) -> float | None:
    """The score that meets the target, given the baseline; None for recovery."""
    value = spec.value
    if spec.kind in ("at_or_below", "at_or_above"):
        return value
    if spec.kind == "down_by_points" and value is not None:
        return before - value
    if spec.kind == "down_by_percent" and value is not None:
        return before - before * value / 100
    if spec.kind == "reliable_improvement" and scale.reliable_change is not None:
        return before + scale.better * scale.reliable_change
    return None


def _progress(
    spec: TargetSpec, before: float, after: float, scale: _Scale, met: bool
) -> float | None:
    """How far from the baseline toward the goal score, 0 to 1; 1 once met."""
    if met:
        return 1.0
    goal = _goal_score(spec, before, scale)
    if goal is None:
        return None
    needed = scale.gain(before, goal)
    if needed <= _EPSILON:  # the baseline already met it, and the latest no longer does
        return 0.0
    return min(1.0, max(0.0, scale.gain(before, after) / needed))


def _passed(deadline: date | None, today: date) -> bool:
    return deadline is not None and today > deadline


def _missed(spec: TargetSpec) -> str:
    assert spec.deadline is not None  # noqa: S101 - only called once the deadline passed
    deadline = spec.deadline.isoformat()
    return f"deadline {deadline} passed without reaching {_describe_goal(spec)}"


def _describe_goal(spec: TargetSpec) -> str:
    value = _number(spec.value) if spec.value is not None else ""
    return {
        "at_or_below": f"{value} or below",
        "at_or_above": f"{value} or above",
        "down_by_points": f"a {value}-point drop",
        "down_by_percent": f"a {value}% drop",
        "reliable_improvement": "reliable improvement",
        "recovery": "recovery (below caseness)",
    }[spec.kind]


def describe_target(spec: TargetSpec) -> str:
    """The target in a line: 'GAD-7: a 60% drop by 2025-03-31'."""
    by = f" by {spec.deadline.isoformat()}" if spec.deadline else ""
    return f"{spec.label}: {_describe_goal(spec)}{by}"


def _shown(spec: TargetSpec, before: float, after: float) -> str:
    """'GAD-7 6 from 15 (-60%)', with a true minus sign; a change in points but for % drops."""
    change = after - before
    if spec.kind == "down_by_percent" and before != 0:
        delta = _signed(round(change / before * 100, 1)) + "%"
    else:
        delta = _signed(change)
    return f"{spec.label} {_number(after)} from {_number(before)} ({delta})"


def _signed(value: float) -> str:
    if abs(value) <= _EPSILON:
        return "0"
    return ("+" if value > 0 else _MINUS) + _number(abs(value))


def _number(value: float) -> str:
    """6, 6.5, 6.33: whole numbers without a decimal point, others to two places."""
    rounded = round(value, 2)
    if rounded == int(rounded):
        return str(int(rounded)).replace("-", _MINUS)
    return f"{rounded:.2f}".rstrip("0").replace("-", _MINUS)


def _evaluation(
    status: TargetStatus,
    baseline: Score | None,
    latest: Score | None,
    progress: float | None,
    reason: str,
) -> TargetEvaluation:
    return TargetEvaluation(
        status=status,
        baseline=baseline,
        latest=latest,
        change=None,
        percent_change=None,
        progress_fraction=progress,
        reason=reason,
    )
