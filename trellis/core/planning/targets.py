"""Measure-linked targets: is the goal's score target met, and how is it going?

A target names an instrument (or one of its subscales), a kind and, for most kinds, a
value: "GAD-7 down 60 % within 12 weeks", "PHQ-9 at or below 9", "WHO-5 at or above 52",
"reliable improvement on the PHQ-9", "recovery on the GAD-7". Its status is computed from
the client's scores, never typed.

"Worse" and "better" follow the instrument's direction: on most scales a higher score is
worse; on the WHO-5 a lower one is. *Measurement error* is the reliable-change threshold
in points (the instrument's published one, else 1.96 x SEdiff; ``planning.measure_link``):
a change smaller than it may be noise.

Status: the first rule that applies wins.

1. ``not_yet_measured`` no score after the baseline; or no baseline where the kind needs
   one (every kind needs one except at_or_below / at_or_above, which can be met without).
2. ``deteriorated`` worsening from baseline beyond measurement error:
   - where a reliable-change threshold is known, the change in the bad direction is at
     least that threshold (reliable deterioration);
   - where none is known but the instrument (or subscale) has published severity bands,
     the latest score is in a band at least one worse than the baseline's ("worsened by a
     severity band: mild -> moderate"; K10, DASS-21 subscales, AUDIT). A band change is
     not a reliable change: a one-point move across a boundary counts, since nothing
     finer is published for these scales, and it is named for what it is. Where a
     threshold is known, crossing a band by less than it is noise and is not used.
   - an instrument with neither (AUDIT-C, PSWQ, PHQ-2, GAD-2) is never called
     deteriorated; any worsening still shows as ``worse`` below, saying so.
   Checked before "met" so that a client getting worse is never hidden behind a target
   that was already met at baseline ("WHO-5 at or above 52" from 80 down to 60).
   After it, a recovery target whose baseline was not a case is ``not_yet_measured``:
   recovery needs a baseline at caseness, so it cannot be judged.
3. ``met`` the latest score satisfies the target, whether on time or late (the reason
   adds when it is nonetheless worse than baseline).
4. ``worse`` the latest score is worse than the baseline by any amount, but not beyond
   measurement error (or no measure of it exists): never "on track", even after one
   score. The reason says how far the change is from the threshold, or that the band is
   unchanged, or that the instrument has no way to tell.
5. ``missed`` the deadline has passed (today is after it; the deadline day itself is
   still in time) and the target is not met.
6. ``not_improving`` at least two scores after baseline, the client has not *responded*,
   and either the latest is no better than the baseline or no better than the score two
   measurements before it (no net improvement over the last three). *Responded* means the
   latest score is still better than the baseline beyond measurement error: a reliable
   improvement (at least the threshold) where a threshold is known; a better severity
   band where only bands are known; never where neither is. So a plateau or an uptick
   inside measurement error after a reliable response is not a stall (PHQ-9 20, 9, 10,
   9: 11 points down, at least NHS Talking Therapies' 6, is ``on_track``), while 20, 15,
   16, 15 (5 points, short of 6) is ``not_improving``. Without a threshold or bands, any
   flat run of three counts, as no finer rule is known.
7. ``on_track`` measured, not met, no worse than baseline, in time and not stalled. After
   one score equal to the baseline the reason says it is too early to judge.

Reliable change follows ``trellis.core.measures``: a change counts as reliable when it is
*at least* the threshold in points. NHS Talking Therapies states its thresholds that way
("a decrease of 4 or more" on the GAD-7); for a threshold from the RCI (1.96 x SEdiff) the
difference between "at least" and "more than" never matters, since it is not a whole
number. Recovery as NHS Talking Therapies defines it: a case at baseline (at or beyond
the caseness cut-off) and not a case at the latest score; reliable recovery adds reliable
improvement. A score's band is found as ``measures.scoring.band_label`` finds it (a
prorated score between two whole-number bands belongs to the lower one).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from trellis.core.measures.schema import Band

TargetKind = Literal[
    "at_or_below",
    "at_or_above",
    "down_by_points",
    "down_by_percent",
    "reliable_improvement",
    "recovery",
]
TargetStatus = Literal[
    "not_yet_measured", "deteriorated", "met", "worse", "missed", "not_improving", "on_track"
]

KINDS: tuple[str, ...] = get_args(TargetKind)
STATUSES: tuple[str, ...] = get_args(TargetStatus)
_VALUED = frozenset({"at_or_below", "at_or_above", "down_by_points", "down_by_percent"})
_EPSILON = 1e-9  # scores are sums of small integers; this only absorbs float rounding
_MINUS = "\u2212"
_ARROW = "\u2192"


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
    The four reliable-change judgements are None where their statistics are unknown.
    ``worse_than_baseline`` is whether the latest is worse than the baseline by any amount
    (None without both). ``baseline_band`` / ``latest_band`` are the scores' severity
    bands, lower-case (None without bands, or outside every band);
    ``band_deterioration`` is whether the latest band is worse than the baseline's, judged
    only where no reliable-change threshold is known (None otherwise, or without both bands).
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
    worse_than_baseline: bool | None = None
    baseline_band: str | None = None
    latest_band: str | None = None
    band_deterioration: bool | None = None


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
    bands: Sequence[Band] = (),
) -> TargetEvaluation:
    """The target's status from the baseline and the scores (see the module docstring).

    ``scores`` may hold the baseline and earlier scores too: only those dated after the
    baseline count as follow-ups, the last of them (by date, then by order given) as the
    latest. ``reliable_change`` is the smallest change in points that is reliable (e.g.
    ``instrument.change.reliable_change_points`` or 1.96 x SEdiff, see
    ``planning.measure_link``); ``caseness_cutoff`` the score at which a case starts
    (at or above it when lower is better, at or below it when higher is better);
    ``bands`` the total's (or subscale's) severity bands in score order, inclusive at both
    ends, as the instrument file gives them (``target_statistics`` reads them).
    """
    check_target(
        spec,
        higher_is_better=higher_is_better,
        reliable_change=reliable_change,
        caseness_cutoff=caseness_cutoff,
    )
    scale = _Scale(1 if higher_is_better else -1, reliable_change, caseness_cutoff, tuple(bands))
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
    bands: tuple[Band, ...] = ()

    def gain(self, before: float, after: float) -> float:
        """Positive when the client got better from ``before`` to ``after``."""
        return (after - before) * self.better

    def is_case(self, value: float) -> bool:
        cutoff = self.caseness_cutoff
        assert cutoff is not None  # noqa: S101 - callers check first
        return (value - cutoff) * self.better <= _EPSILON

    def band_of(self, value: float) -> int | None:
        """The index of the band holding ``value`` (``scoring.band_label``'s rule), or None."""
        for index, band in enumerate(self.bands):
            if value < band.min:
                return None
            if value <= band.max:
                return index
            if index + 1 < len(self.bands) and value < self.bands[index + 1].min:
                return index
        return None


def _check_value(kind: str, value: float | None, name: str) -> None:
    if kind not in _VALUED:
        if value is not None:
            raise ValueError(f"A {kind.replace('_', ' ')} target on the {name} takes no value.")
        return
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"The “{kind.replace('_', ' ')}” target on the {name} needs a number.")
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


@dataclass(frozen=True, slots=True)
class _Change:
    """How the latest score compares with the baseline; None where it cannot be judged."""

    reliable_improvement: bool | None
    reliable_deterioration: bool | None
    recovery: bool | None
    worse: bool
    baseline_band: int | None
    latest_band: int | None
    band_deterioration: bool | None
    band_improvement: bool | None

    @property
    def responded(self) -> bool:
        """Better than baseline beyond measurement error (module docstring, rule 6)."""
        if self.reliable_improvement is not None:
            return self.reliable_improvement
        return bool(self.band_improvement)


def _measured(
    spec: TargetSpec, baseline: Score, follow_ups: list[Score], today: date, scale: _Scale
) -> TargetEvaluation:
    latest = follow_ups[-1]
    judged = _judgements(baseline.value, latest.value, scale)
    met = _is_met(spec, baseline.value, latest.value, scale)
    status, verdict = _status(spec, baseline, follow_ups, today, scale, met, judged)
    progress = _progress(spec, baseline.value, latest.value, scale, met)
    change = latest.value - baseline.value
    improved, recovered = judged.reliable_improvement, judged.recovery
    return TargetEvaluation(
        status=status,
        baseline=baseline,
        latest=latest,
        change=change,
        percent_change=None if baseline.value == 0 else change / baseline.value * 100,
        progress_fraction=progress,
        reason=f"{_shown(spec, baseline.value, latest.value)}: {verdict}",
        reliable_improvement=improved,
        reliable_deterioration=judged.reliable_deterioration,
        recovery=recovered,
        reliable_recovery=None if None in (improved, recovered) else improved and recovered,
        worse_than_baseline=judged.worse,
        baseline_band=_band_label(scale, judged.baseline_band),
        latest_band=_band_label(scale, judged.latest_band),
        band_deterioration=judged.band_deterioration,
    )


def _status(
    spec: TargetSpec,
    baseline: Score,
    follow_ups: list[Score],
    today: date,
    scale: _Scale,
    met: bool,
    judged: _Change,
) -> tuple[TargetStatus, str]:
    """The status by the precedence in the module docstring, and the words for it."""
    still = "; target still met" if met else ""
    if judged.reliable_deterioration:
        threshold = _number(scale.reliable_change or 0)
        return "deteriorated", f"reliable deterioration ({threshold} points or more){still}"
    if judged.band_deterioration:
        return "deteriorated", f"worsened by a severity band: {_bands(scale, judged)}{still}"
    if spec.kind == "recovery" and not scale.is_case(baseline.value):
        cutoff = _number(scale.caseness_cutoff or 0)
        verdict = f"baseline not a case (cut-off {cutoff}), so recovery does not apply"
        return "not_yet_measured", verdict
    if met:
        return "met", "target met, though worse than baseline" if judged.worse else "target met"
    if judged.worse:
        verdict = f"worse than baseline {_worse_why(spec, scale, judged)}"
        if _passed(spec.deadline, today):
            assert spec.deadline is not None  # noqa: S101 - _passed checked it
            verdict += f"; the deadline {spec.deadline.isoformat()} has passed"
        return "worse", verdict
    if _passed(spec.deadline, today):
        return "missed", _missed(spec)
    series = [baseline, *follow_ups]
    latest = series[-1].value
    if len(follow_ups) >= 2 and not judged.responded:
        if scale.gain(baseline.value, latest) <= _EPSILON:
            return "not_improving", "not improving: no better than baseline"
        if scale.gain(series[-3].value, latest) <= _EPSILON:
            return "not_improving", "not improving over the last three scores"
    if scale.gain(baseline.value, latest) <= _EPSILON:
        return "on_track", "no change yet; too early to judge after one score"
    toward = f"on track toward {_describe_goal(spec)}"
    if judged.reliable_improvement:
        threshold = _number(scale.reliable_change or 0)
        return "on_track", f"reliable improvement ({threshold} points or more); {toward}"
    if judged.band_improvement:
        return "on_track", f"a severity band better: {_bands(scale, judged)}; {toward}"
    return "on_track", toward


def _worse_why(spec: TargetSpec, scale: _Scale, judged: _Change) -> str:
    """Why a worse score is not (yet) called deteriorated: in parentheses."""
    if scale.reliable_change is not None:
        threshold = _number(scale.reliable_change)
        return f"(less than the {threshold} points of a reliable change: may be measurement error)"
    if judged.latest_band is not None and judged.latest_band == judged.baseline_band:
        band = _band_label(scale, judged.latest_band)
        return f"(still {band}; the {spec.label} has no reliable-change threshold)"
    return (
        f"(the {spec.label} has no reliable-change threshold or severity bands "
        "to tell this from measurement error)"
    )


def _judgements(before: float, after: float, scale: _Scale) -> _Change:
    """The change from ``before`` to ``after`` on this scale (see ``_Change``)."""
    gain = scale.gain(before, after)
    threshold = scale.reliable_change
    improved = None if threshold is None else gain >= threshold - _EPSILON
    worse = None if threshold is None else -gain >= threshold - _EPSILON
    recovered = None
    if scale.caseness_cutoff is not None:
        recovered = scale.is_case(before) and not scale.is_case(after)
    first, last = scale.band_of(before), scale.band_of(after)
    band_worse = band_better = None
    if threshold is None and first is not None and last is not None:
        steps = (last - first) * scale.better  # bands run in score order
        band_worse, band_better = steps < 0, steps > 0
    return _Change(
        reliable_improvement=improved,
        reliable_deterioration=worse,
        recovery=recovered,
        worse=gain < -_EPSILON,
        baseline_band=first,
        latest_band=last,
        band_deterioration=band_worse,
        band_improvement=band_better,
    )


def _band_label(scale: _Scale, index: int | None) -> str | None:
    return None if index is None else scale.bands[index].label.lower()


def _bands(scale: _Scale, judged: _Change) -> str:
    """'mild -> moderate', with a true arrow."""
    before = _band_label(scale, judged.baseline_band)
    after = _band_label(scale, judged.latest_band)
    return f"{before} {_ARROW} {after}"


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
        # One measure's recovery; NHS Talking Therapies' recovery pairs PHQ-9 and the
        # anxiety measure (trellis.core.measures.recovery), so the label says which this is.
        "recovery": "recovery on this measure alone (below caseness)",
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
