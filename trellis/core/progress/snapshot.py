"""A client as the caseload dashboard sees it: plain values, read once, judged by ``signals``.

The dashboard builds one ``ClientSnapshot`` per client from a bounded number of queries
(ids as strings, dates as dates) and the rules run without a database. Fields are
keyword-only so that no two dates can be swapped by position. Sequences are stored as
tuples, so a snapshot cannot change once built.

Only ``TargetSnapshot.status`` depends on a day: it comes from ``evaluate_target``, which
must be run with the same ``today`` later given to ``signals_for``. The signals read it
only for "met"; a missed deadline is judged from ``deadline`` and ``today`` directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trellis.core.planning.targets import (
    Score,
    TargetEvaluation,
    TargetSpec,
    TargetStatus,
    describe_target,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetSnapshot:
    """A measure-linked target of the current plan and its evaluation.

    ``measure`` names the scale ("GAD-7", "DASS-21 depression"); ``description`` is the
    target in a line ("GAD-7: a 60% drop by 2025-03-31"). ``baseline``, ``latest``, the
    two reliable-change flags, ``worse_than_baseline``, the two scores' severity bands and
    ``band_deterioration`` are ``TargetEvaluation``'s (None where unknown).
    """

    target_id: str
    measure: str
    description: str
    deadline: date | None
    status: TargetStatus
    baseline: Score | None = None
    latest: Score | None = None
    reliable_improvement: bool | None = None
    reliable_deterioration: bool | None = None
    worse_than_baseline: bool | None = None
    baseline_band: str | None = None
    latest_band: str | None = None
    band_deterioration: bool | None = None

    @classmethod
    def from_evaluation(
        cls, target_id: str, spec: TargetSpec, evaluation: TargetEvaluation
    ) -> TargetSnapshot:
        """The snapshot of a target ``evaluate_target`` has judged."""
        return cls(
            target_id=target_id,
            measure=spec.label,
            description=describe_target(spec),
            deadline=spec.deadline,
            status=evaluation.status,
            baseline=evaluation.baseline,
            latest=evaluation.latest,
            reliable_improvement=evaluation.reliable_improvement,
            reliable_deterioration=evaluation.reliable_deterioration,
            worse_than_baseline=evaluation.worse_than_baseline,
            baseline_band=evaluation.baseline_band,
            latest_band=evaluation.latest_band,
            band_deterioration=evaluation.band_deterioration,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class InstrumentChange:
    """An instrument's baseline in the current plan (``first``) and latest score, and
    whether the change between them is a reliable deterioration (``measures.change(...)``'s
    flag; None when the instrument has no reliable-change statistics). ``band_worsening``
    is (from, to) when such an instrument's latest score is a severity band worse
    (``measures.change.band_worsening``)."""

    instrument: str
    first: Score
    latest: Score
    reliable_deterioration: bool | None
    band_worsening: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CriticalSnapshot:
    """A positive critical item that no clinician has responded to yet.

    ``item`` is how the clinician knows it ("item 9"), or None when unnamed.
    """

    administration_id: str
    instrument: str
    given_on: date
    item: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureDue:
    """An instrument the plan asks for every ``every_weeks`` weeks, and when it was last
    given (None: never)."""

    instrument: str
    every_weeks: int
    last_given: date | None

    def __post_init__(self) -> None:
        if isinstance(self.every_weeks, bool) or self.every_weeks < 1:
            raise ValueError(
                f"{self.instrument} must be scheduled at least every week, "
                f"not every {self.every_weeks!r}."
            )

    @property
    def due_on(self) -> date | None:
        """The day it falls due again; None when it was never given (due at once)."""
        if self.last_given is None:
            return None
        return self.last_given + timedelta(weeks=self.every_weeks)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientSnapshot:
    """What the signals read about one client (today is given separately).

    ``plan_start`` and ``plan_review_date`` are those of the current (active) plan, None
    without one; ``last_session`` the date of the latest session, None before the first.
    ``targets`` are the current plan's measure-linked targets; ``instrument_changes`` one
    per instrument given at least twice in the current plan; ``open_critical`` only the
    critical items still awaiting a response; ``measure_schedule`` the instruments due on
    a schedule.
    """

    client_id: str
    name: str
    plan_start: date | None = None
    plan_review_date: date | None = None
    last_session: date | None = None
    targets: Sequence[TargetSnapshot] = ()
    instrument_changes: Sequence[InstrumentChange] = ()
    open_critical: Sequence[CriticalSnapshot] = ()
    measure_schedule: Sequence[MeasureDue] = ()

    def __post_init__(self) -> None:
        for name in ("targets", "instrument_changes", "open_critical", "measure_schedule"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
