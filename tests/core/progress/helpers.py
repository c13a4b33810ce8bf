"""Shared helpers for the progress-signal tests: a fixed today, targets judged for real."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from trellis.core.measures import builtin_instruments
from trellis.core.planning import (
    Score,
    TargetSpec,
    TargetStatistics,
    evaluate_target,
    target_statistics,
)
from trellis.core.progress import ClientSnapshot, Signal, TargetSnapshot, signals_for

TODAY = date(2025, 3, 3)
# The shipped GAD-7: NHS Talking Therapies reliable change 4 points, lower is better.
GAD7 = target_statistics(builtin_instruments()["GAD-7"])


def judged_by(stats: TargetStatistics) -> dict[str, Any]:
    """``evaluate_target``'s keyword arguments from ``stats`` (bands stay ``Band``s)."""
    return {
        "higher_is_better": stats.higher_is_better,
        "reliable_change": stats.reliable_change,
        "caseness_cutoff": stats.caseness_cutoff,
        "bands": stats.bands,
    }


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def days_ahead(days: int) -> date:
    return TODAY + timedelta(days=days)


def client(
    name: str = "Avery Test", *, client_id: str | None = None, **facts: Any
) -> ClientSnapshot:
    """A synthetic client; ``facts`` are ClientSnapshot fields."""
    return ClientSnapshot(client_id=client_id or name.lower(), name=name, **facts)


def gad7_target(
    baseline: float,
    latest: float | None,
    *,
    weeks_apart: timedelta = timedelta(weeks=8),
    kind: str = "down_by_percent",
    value: float | None = 60,
    deadline: date | None = None,
    target_id: str = "t1",
    today: date = TODAY,
    between: tuple[float, ...] = (),
) -> TargetSnapshot:
    """A GAD-7 target judged by ``evaluate_target``: baseline ``weeks_apart`` before the
    latest score, which is given today (or no score since baseline); ``between`` are
    scores given at even steps in between, oldest first."""
    spec = TargetSpec("GAD-7", None, kind, value, deadline)  # type: ignore[arg-type]
    first = Score(today - weeks_apart, baseline)
    step = weeks_apart / (len(between) + 1)
    scores = [Score(first.on + step * (i + 1), v) for i, v in enumerate(between)]
    scores += [] if latest is None else [Score(today, latest)]
    evaluation = evaluate_target(
        spec, baseline=first, scores=scores, today=today, **judged_by(GAD7)
    )
    return TargetSnapshot.from_evaluation(target_id, spec, evaluation)


def codes(snapshot: ClientSnapshot, **kwargs: object) -> list[str]:
    """The signal codes for ``snapshot`` as of TODAY (or ``today=``), most urgent first."""
    kwargs.setdefault("today", TODAY)
    return [signal.code for signal in signals_for(snapshot, **kwargs)]  # type: ignore[arg-type]


def only(snapshot: ClientSnapshot, code: str, **kwargs: object) -> Signal:
    """The one signal with ``code``."""
    kwargs.setdefault("today", TODAY)
    found = [s for s in signals_for(snapshot, **kwargs) if s.code == code]  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]
