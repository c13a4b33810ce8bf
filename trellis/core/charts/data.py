"""What a score chart is drawn from: dated scores, severity bands and targets."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One administration's total; ``label`` is its severity ("Moderate"), if any."""

    on: datetime.date
    value: float
    label: str | None = None


@dataclass(frozen=True, slots=True)
class ChartBand:
    """A severity band, inclusive at both ends like the instrument's own (PHQ-9 5-9)."""

    min: float
    max: float
    label: str


@dataclass(frozen=True, slots=True)
class ChartTarget:
    """A goal's target score, and the date it should be reached by, if it has one."""

    value: float
    label: str
    deadline: datetime.date | None = None
