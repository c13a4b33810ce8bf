"""Severity bands as drawn: where each starts and stops on the axis, and its colour."""

from __future__ import annotations

import colorsys
from collections.abc import Sequence
from dataclasses import dataclass

from .data import ChartBand

# Soft fills from least to most severe (green, yellow, orange, red), pale enough that
# points, lines and labels read clearly over them, in colour or printed in grey.
_STOPS = ((0xDA, 0xF0, 0xDD), (0xF5, 0xF1, 0xCB), (0xFB, 0xE0, 0xC6), (0xF8, 0xD2, 0xD2))


@dataclass(frozen=True, slots=True)
class BandShape:
    """A band clipped to the axis range: drawn from ``low`` to ``high`` in score units."""

    band: ChartBand
    low: float
    high: float
    fill: str
    ink: str  # the label's colour: the same hue, dark enough to read


def band_shapes(
    bands: Sequence[ChartBand], *, y_min: float, y_max: float, higher_is_better: bool
) -> list[BandShape]:
    """Bands lowest first, each reaching up to where the next begins, within the axis.

    Bands are inclusive ranges of whole scores (0-4, 5-9), so a band's area runs from its
    min to the next band's min: every whole score then sits inside its own band. The top
    band reaches max + 1 (clipped to the axis). A band wholly off the axis is left out.
    """
    ordered = sorted(bands, key=lambda band: (band.min, band.max))
    whole = all(float(bound).is_integer() for band in ordered for bound in (band.min, band.max))
    shapes = []
    for rank, band in enumerate(ordered):
        following = ordered[rank + 1] if rank + 1 < len(ordered) else None
        if following is not None and following.min <= band.max + 1:
            top = following.min
        else:
            top = band.max + (1 if whole else 0)
        low, high = max(band.min, y_min), min(top, y_max)
        if high <= low:
            continue
        severity = _severity(rank, len(ordered), higher_is_better)
        shapes.append(BandShape(band, low, high, *_colours(severity)))
    return shapes


def _severity(rank: int, count: int, higher_is_better: bool) -> float:
    """0 for the least severe band, 1 for the most; a lone band sits in the middle."""
    if count == 1:
        return 0.5
    position = rank / (count - 1)
    return 1 - position if higher_is_better else position


def _colours(severity: float) -> tuple[str, str]:
    """The band's fill, graded along the stops, and a dark ink of the same hue."""
    position = severity * (len(_STOPS) - 1)
    index = min(int(position), len(_STOPS) - 2)
    share = position - index
    fill = [
        (low + (high - low) * share) / 255
        for low, high in zip(_STOPS[index], _STOPS[index + 1], strict=True)
    ]
    hue, _, saturation = colorsys.rgb_to_hls(*fill)
    return _hex(fill), _hex(colorsys.hls_to_rgb(hue, 0.3, min(saturation, 0.5)))


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb)
