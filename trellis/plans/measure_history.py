"""A client's scores per instrument, judged within the plans they belong to.

The measures page and the print view show each instrument's history with the change
since the baseline of the plan each score falls in (``episodes``), the plan's
measure-linked targets and its measure schedule. Reading scores is the measures app's
(``trellis.measures.selectors``); judging them per plan is this layer's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client
from trellis.core.measures import ChangeResult, Instrument, change
from trellis.core.measures.explain import why_recovery_without_reliable_change
from trellis.measures.models import Administration, MeasureSchedule
from trellis.measures.registry import instruments_for
from trellis.measures.selectors import scores_of_client
from trellis.plans.episodes import Episode, Segment, plan_episodes, segments
from trellis.plans.models import TreatmentPlan
from trellis.plans.selectors import targets_of_plan
from trellis.plans.targets import TargetView, evaluate_all


@dataclass
class ScoreRow:
    administration: Administration
    since_baseline: float | None
    change: ChangeResult | None
    segment: Segment | None = None

    @property
    def is_baseline(self) -> bool:
        return self.segment is not None and self.segment.baseline is self.administration


@dataclass
class InstrumentHistory:
    """One instrument's scores for a client, each with its change judged from the baseline
    of the plan it belongs to (``trellis.plans.episodes``)."""

    instrument: Instrument | None
    instrument_id: str
    name: str
    rows: list[ScoreRow] = field(default_factory=list)

    @property
    def baseline(self) -> Administration:
        """The baseline the latest score is judged from."""
        segment = self.rows[-1].segment
        return segment.baseline if segment is not None else self.rows[0].administration

    @property
    def baseline_reason(self) -> str:
        segment = self.rows[-1].segment
        return segment.reason if segment is not None else ""

    @property
    def latest(self) -> Administration:
        return self.rows[-1].administration

    @property
    def latest_change(self) -> ChangeResult | None:
        return self.rows[-1].change if self.rows and not self.rows[-1].is_baseline else None

    @property
    def why_both(self) -> str:
        """Why "recovery" stands beside "no reliable change" on this measure, when it does."""
        judged = self.latest_change
        if self.instrument is None or judged is None or not judged.recovery:
            return ""
        if judged.reliable_improvement:
            return ""
        return why_recovery_without_reliable_change([self.instrument])

    @property
    def first_on(self) -> date:
        return timezone.localdate(self.rows[0].administration.administered_at)


def measure_histories(actor: Actor, client: Client) -> list[InstrumentHistory]:
    """Per instrument, oldest first, each score's change since its plan's baseline."""
    record(actor, AuditAction.VIEW, client=client, object_type="measures", object_id=str(client.pk))
    return group_histories(
        scores_of_client(client), instruments_for(client.practice_id), plan_episodes(client)
    )


def group_histories(
    administrations: Iterable[Administration],
    known: dict[str, Instrument],
    episodes: Sequence[Episode] = (),
) -> list[InstrumentHistory]:
    """Scores (valid, oldest first) grouped per instrument, the most recently given first,
    each judged from the baseline of its plan in ``episodes`` (of the first score of its
    stretch outside any plan); no query."""
    grouped: dict[str, list[Administration]] = {}
    for administration in administrations:
        grouped.setdefault(administration.instrument_id, []).append(administration)
    histories = []
    for key, rows in grouped.items():
        history = InstrumentHistory(known.get(key), key, rows[0].instrument_name)
        for administration, (segment, is_baseline) in zip(
            rows, segments(key, rows, episodes), strict=True
        ):
            history.rows.append(_row(history, administration, segment, is_baseline))
        histories.append(history)
    return sorted(histories, key=lambda h: h.latest.administered_at, reverse=True)


def plan_target_views(
    plan: TreatmentPlan | None, histories: list[InstrumentHistory]
) -> list[TargetView]:
    """The plan's measure-linked targets judged on the scores already read for the page, in
    the order they were set: one query (the targets), whatever their number."""
    if plan is None:
        return []
    administrations = sorted(
        (row.administration for history in histories for row in history.rows),
        key=lambda a: (a.administered_at, a.recorded_at),
    )
    views = evaluate_all(plan, targets_of_plan(plan), administrations=administrations)
    return list(views.values())


def _row(
    history: InstrumentHistory, administration: Administration, segment: Segment, first: bool
) -> ScoreRow:
    if first:
        return ScoreRow(administration, None, None, segment)
    baseline = segment.baseline.total
    total = administration.total
    judged = None
    if history.instrument is not None and baseline is not None and total is not None:
        try:
            judged = change(history.instrument, baseline, total)
        except ValueError:
            judged = None
    since = None if baseline is None or total is None else total - baseline
    return ScoreRow(administration, since, judged, segment)


@dataclass
class ScheduleRow:
    schedule: MeasureSchedule
    last_given: date | None
    due_on: date | None

    @property
    def is_due(self) -> bool:
        return self.due_on is None or self.due_on <= timezone.localdate()


def schedule_of(
    client: Client, histories: list[InstrumentHistory]
) -> tuple[TreatmentPlan | None, list[ScheduleRow]]:
    """The current plan (active, else the newest draft) and when each scheduled measure is due."""
    plan = (
        client.plans.filter(status__in=("active", "draft"))
        .order_by("status", "-created_at")
        .prefetch_related("measure_schedule")
        .first()
    )
    if plan is None:
        return None, []
    last = {h.instrument_id: h.latest.administered_at for h in histories}
    rows = []
    for schedule in plan.measure_schedule.all():
        given = last.get(schedule.instrument_id)
        day = timezone.localdate(given) if given else None
        due = day + timedelta(weeks=schedule.every_weeks) if day else None
        rows.append(ScheduleRow(schedule, day, due))
    return plan, rows
