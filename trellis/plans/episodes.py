"""Plan episodes on the measures page: each score's change is judged from the baseline of
the plan it belongs to, not from the first score ever.

A plan's episode on an instrument runs from its baseline (the rule of
``trellis.core.planning.baseline``, or the score a clinician chose for one of the plan's
targets on that instrument) to the plan's end (closed or superseded; open while in force).
A score inside several episodes belongs to the plan that started last. Scores inside no
episode (before the first plan, between plans, or a client with no plan) are judged from
the first score of their stretch, and the page says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from trellis.clients.models import Client
from trellis.core.planning import (
    Baseline,
    Score,
    choice_no_longer_valid,
    choose_baseline,
    chosen_baseline,
)
from trellis.core.planning.baseline import day_text
from trellis.measures.models import Administration
from trellis.plans.models import MeasureTarget, PlanStatus, TreatmentPlan
from trellis.plans.targets import TARGET_RELATED, chooser_name, targets_of_plans


@dataclass(frozen=True)
class Episode:
    """One plan as the measures page judges change in it. ``chosen`` maps an instrument to
    the administration a clinician chose as a target's baseline, and who chose it."""

    plan_id: Any
    title: str
    start: date
    end: date | None
    created_at: datetime
    chosen: dict[str, tuple[Any, str | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class Segment:
    """The scores judged from one baseline, and the sentence that says which it is."""

    baseline: Administration
    reason: str
    plan_title: str | None = None


def _episode(plan: TreatmentPlan, targets: Iterable[MeasureTarget]) -> Episode:
    chosen: dict[str, tuple[Any, str | None]] = {}
    for target in targets:
        if target.baseline_id and not target.subscale:
            chosen.setdefault(target.instrument_id, (target.baseline_id, chooser_name(target)))
    end = timezone.localdate(plan.closed_at) if plan.closed_at else None
    return Episode(plan.pk, plan.title, plan.start_date, end, plan.created_at, chosen)


def plan_episodes(client: Client) -> list[Episode]:
    """The client's plans that judge change: every plan that was in force, and the newest
    draft while none is. Two queries (the plans, the targets with a chosen baseline)."""
    plans = list(client.plans.order_by("created_at"))
    drafts = [p for p in plans if p.status == PlanStatus.DRAFT]
    kept = [p for p in plans if p.status != PlanStatus.DRAFT]
    if drafts and not any(p.status == PlanStatus.ACTIVE for p in kept):
        kept.append(drafts[-1])
    if not kept:
        return []
    ids = [p.pk for p in kept]
    targets: dict[Any, list[MeasureTarget]] = {pk: [] for pk in ids}
    rows = (
        targets_of_plans(ids)
        .filter(baseline__isnull=False)
        .select_related(*TARGET_RELATED)
        .order_by("created_at", "id")
    )
    for target in rows:
        targets[target.plan_id].append(target)
    return [_episode(plan, targets[plan.pk]) for plan in kept]


def plan_episode(plan: TreatmentPlan, targets: Iterable[MeasureTarget]) -> Episode:
    """One plan's episode from targets already read (no query): for the printed plan."""
    return _episode(plan, targets)


def _baseline(
    episode: Episode, instrument_id: str, rows: Sequence[Administration], series: list[Score]
) -> tuple[int | None, Baseline]:
    chosen_id, who = episode.chosen.get(instrument_id, (None, None))
    if chosen_id is not None:
        index = next((i for i, a in enumerate(rows) if a.pk == chosen_id), None)
        if index is not None:
            picked = chosen_baseline(
                series[index], episode.start, label=instrument_id, chosen_by=who
            )
            return index, picked
        default = choice_no_longer_valid(
            choose_baseline(series, episode.start, label=instrument_id)
        )
        return default.index, default
    default = choose_baseline(series, episode.start, label=instrument_id)
    return default.index, default


def segments(
    instrument_id: str, rows: Sequence[Administration], episodes: Sequence[Episode]
) -> list[tuple[Segment, bool]]:
    """For each score (valid and scored, oldest first) its segment and whether it is that
    segment's baseline; no query."""
    series = [Score(timezone.localdate(a.administered_at), float(a.total or 0)) for a in rows]
    owner: list[tuple[Episode, int, Baseline] | None] = [None] * len(rows)
    for episode in sorted(episodes, key=lambda e: (e.start, e.created_at)):
        index, baseline = _baseline(episode, instrument_id, rows, series)
        if index is None:
            continue
        for j in range(index, len(rows)):
            if episode.end is not None and series[j].on > episode.end:
                break
            owner[j] = (episode, index, baseline)  # a later-starting plan takes it over
    found: list[tuple[Segment, bool]] = []
    made: dict[tuple[Any, int], Segment] = {}
    run: Segment | None = None
    for j, a in enumerate(rows):
        mine = owner[j]
        if mine is None:
            if run is None:
                when = day_text(series[j].on)
                run = Segment(a, f"no plan at the time: change from the first score, {when}")
                found.append((run, True))
            else:
                found.append((run, False))
            continue
        run = None
        episode, index, baseline = mine
        key = (episode.plan_id, index)
        if key not in made:
            started = day_text(episode.start)
            reason = f"{episode.title}, started {started}: baseline {baseline.reason}"
            made[key] = Segment(rows[index], reason, episode.title)
        found.append((made[key], j == index))
    return found
