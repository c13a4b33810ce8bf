"""Judge change between two scores with published statistics, never with guesses.

- Reliable Change Index (Jacobson & Truax 1991): RCI = (followup - baseline) / SEdiff with
  SEdiff = SD1 * sqrt(2) * sqrt(1 - r); |RCI| > 1.96 is change unlikely to be measurement
  error (p < .05).
- Reliable improvement / deterioration: by the instrument's own published threshold in
  points where it has one (NHS Talking Therapies: PHQ-9 6, GAD-7 4; PCL-5 15, Marx 2022),
  which is what services report against; otherwise by the RCI. An instrument file gives one
  basis, never both (the loader refuses it), so the RCI shown can never contradict the
  verdict beside it. Direction aware: on WHO-5 higher is better.
- Recovery and reliable recovery *on this one measure*: a case at baseline (at or beyond
  caseness) and not a case at follow-up; reliable recovery adds reliable improvement. A
  client who was not a case at baseline cannot recover (False). NHS Talking Therapies
  judges recovery on the PHQ-9 and the anxiety measure together: see ``recovery``.
- Clinically significant change (Jacobson & Truax criterion c): reliable improvement by the
  RCI, starting on the clinical side of c and ending on the non-clinical side.

Any field whose statistics the instrument lacks is None rather than a default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import AnswerError
from .schema import Band, ChangeStats, Instrument

RCI_CRITICAL = 1.96  # two-tailed p < .05, Jacobson & Truax (1991)


@dataclass(frozen=True, slots=True)
class ChangeResult:
    """Change between two scores; ``as_dict`` gives the CLI's JSON shape."""

    instrument: str
    baseline: float
    followup: float
    rci: float | None
    reliable_improvement: bool | None
    reliable_deterioration: bool | None
    recovery: bool | None
    reliable_recovery: bool | None
    clinically_significant: bool | None
    reliable_change_basis: str | None = None
    reliable_change_points: float | None = None

    def as_dict(self) -> dict[str, float | bool | None]:
        """The six judgements, RCI rounded to 2 decimals; None where there is no basis.

        ``reliable_change_points`` is the published threshold the verdicts used, when they
        rest on one (an instrument has one basis: a threshold or the RCI, never both).
        """
        return {
            "rci": None if self.rci is None else round(self.rci, 2),
            "reliable_improvement": self.reliable_improvement,
            "reliable_deterioration": self.reliable_deterioration,
            "recovery": self.recovery,
            "reliable_recovery": self.reliable_recovery,
            "clinically_significant": self.clinically_significant,
            "reliable_change_points": self.reliable_change_points,
        }


def change(
    instrument: Instrument, baseline: float, followup: float, subscale: str | None = None
) -> ChangeResult:
    """Judge the change from ``baseline`` to ``followup`` on the total or on a subscale."""
    stats, low, high = _scale(instrument, subscale)
    name = instrument.id if subscale is None else f"{instrument.id} {subscale}"
    for label, value in (("baseline", baseline), ("followup", followup)):
        _check_score(name, label, value, low, high)
    better = 1 if instrument.higher_is_better else -1
    gain = (followup - baseline) * better  # positive means the client got better
    rci = _rci(stats, followup - baseline)
    improved, deteriorated, basis = _reliable(stats, gain, rci, better)
    recovery = _recovery(stats, baseline, followup)
    return ChangeResult(
        instrument=instrument.id,
        baseline=baseline,
        followup=followup,
        rci=rci,
        reliable_improvement=improved,
        reliable_deterioration=deteriorated,
        recovery=recovery,
        reliable_recovery=None if recovery is None or improved is None else recovery and improved,
        clinically_significant=_clinically_significant(stats, baseline, followup, rci, better),
        reliable_change_basis=basis,
        reliable_change_points=stats.reliable_change_points,
    )


def _scale(instrument: Instrument, subscale: str | None) -> tuple[ChangeStats, float, float]:
    """The statistics and score range of the total or of one subscale."""
    if subscale is None:
        return instrument.change, instrument.min_score, instrument.max_score
    try:
        chosen = instrument.subscale(subscale)
    except KeyError as exc:
        raise AnswerError(str(exc.args[0])) from exc
    low, high = instrument.range_of(chosen.items)
    return chosen.change, low, high


def _check_score(name: str, label: str, value: float, low: float, high: float) -> None:
    """A score outside the instrument's range is a typing error, not a change."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnswerError(f"{name}: {label} {value!r} is not a number")
    if not low <= value <= high:
        raise AnswerError(f"{name}: {label} {value:g} is outside the range {low:g}-{high:g}")


def _rci(stats: ChangeStats, difference: float) -> float | None:
    """Jacobson & Truax RCI, signed like the raw difference; None without SD and reliability."""
    se_diff = stats.se_diff
    return None if se_diff is None else difference / se_diff


def _reliable(
    stats: ChangeStats, gain: float, rci: float | None, better: int
) -> tuple[bool | None, bool | None, str | None]:
    """(improved, deteriorated, basis): published points threshold first, then the RCI."""
    if stats.reliable_change_points is not None:
        points = stats.reliable_change_points
        return gain >= points, -gain >= points, "points"
    if rci is not None:
        return rci * better > RCI_CRITICAL, rci * better < -RCI_CRITICAL, "rci"
    return None, None, None


def _recovery(stats: ChangeStats, baseline: float, followup: float) -> bool | None:
    """A case at baseline who is no longer a case; None if the instrument defines no case."""
    if not stats.has_caseness:
        return None
    return stats.is_case(baseline) and not stats.is_case(followup)


def _clinically_significant(
    stats: ChangeStats, baseline: float, followup: float, rci: float | None, better: int
) -> bool | None:
    """Jacobson-Truax: reliably improved (RCI) and crossed criterion c toward the well side."""
    if stats.norms is None or rci is None:
        return None
    c = stats.norms.criterion_c
    started_unwell = (baseline - c) * better < 0
    ended_well = (followup - c) * better > 0
    return rci * better > RCI_CRITICAL and started_unwell and ended_well


def band_worsening(
    instrument: Instrument, baseline: float, followup: float, subscale: str | None = None
) -> tuple[str, str] | None:
    """(baseline band, follow-up band) when the follow-up is at least one severity band worse.

    Only for a scale with no reliable-change basis (K10, DASS-21, AUDIT): there a band is
    the one published step that shows a client got worse. Where a threshold or an RCI
    exists, crossing a band by less than it is measurement noise, so this returns None.
    """
    stats, low, high = _scale(instrument, subscale)
    if stats.reliable_change_points is not None or stats.se_diff is not None:
        return None
    bands = instrument.bands if subscale is None else instrument.subscale(subscale).bands
    name = instrument.id if subscale is None else f"{instrument.id} {subscale}"
    for label, value in (("baseline", baseline), ("followup", followup)):
        _check_score(name, label, value, low, high)
    before, after = _band_index(bands, baseline), _band_index(bands, followup)
    if before is None or after is None:
        return None
    worse = after < before if instrument.higher_is_better else after > before
    return (bands[before].label.lower(), bands[after].label.lower()) if worse else None


def _band_index(bands: tuple[Band, ...], value: float) -> int | None:
    """The band holding ``value``; between two whole-number bands, the lower one (as
    ``scoring.band_label`` reads a prorated score)."""
    for index, band in enumerate(bands):
        if value < band.min:
            return None
        if value <= band.max or (index + 1 < len(bands) and value < bands[index + 1].min):
            return index
    return None
