"""Measure-linked targets: validation against the instrument, and their computed status.

Every target of a plan is judged from one query of the client's scores, so the plan page
costs the same whatever the number of targets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from trellis.core.measures import Instrument
from trellis.core.planning import (
    Baseline,
    Score,
    TargetEvaluation,
    TargetSpec,
    check_target,
    choice_no_longer_valid,
    choose_baseline,
    chosen_baseline,
    describe_target,
    evaluate_target,
    target_statistics,
)
from trellis.measures.models import Administration
from trellis.measures.registry import instrument_get, instruments_for
from trellis.plans.models import MeasureTarget, TargetKind, TreatmentPlan

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# What a target is read with, so that saying who chose its baseline costs no query.
TARGET_RELATED = ("baseline_chosen_by",)


class PlanOfTarget(TypedDict):
    plan_id: UUID


def targets_of_plans(
    plan_ids: Iterable[UUID] | QuerySet[Any, Any],
) -> QuerySet[WithAnnotations[MeasureTarget, PlanOfTarget]]:
    """The targets of these plans (an iterable of ids or a ``values("pk")`` subquery), on
    goals and on objectives, each annotated with its ``plan_id``.

    A target hangs from a goal or from an objective, so its plan is reached by one of two
    join paths. An OR across the two defeats the indexes: the database scans every target
    it holds. Each path alone is an indexed join, so the ids come from the two joined
    apart (UNION ALL; a target is on one path only) and the rows by primary key."""
    on_goals = MeasureTarget.objects.filter(goal__problem__plan_id__in=plan_ids).values("pk")
    on_objectives = MeasureTarget.objects.filter(
        objective__goal__problem__plan_id__in=plan_ids
    ).values("pk")
    ids = on_goals.union(on_objectives, all=True)
    found: QuerySet[WithAnnotations[MeasureTarget, PlanOfTarget]] = MeasureTarget.objects.filter(
        pk__in=ids
    ).annotate(plan_id=Coalesce("goal__problem__plan_id", "objective__goal__problem__plan_id"))
    return found


STATUS_LABELS = {
    "not_yet_measured": "Not yet measured",
    "on_track": "On track",
    "met": "Met",
    "not_improving": "Not improving",
    "worse": "Worse than baseline",
    "deteriorated": "Deteriorated",
    "missed": "Missed",
}


@dataclass(frozen=True)
class TargetView:
    target: MeasureTarget
    description: str
    evaluation: TargetEvaluation | None
    problem: str | None = None
    baseline: Baseline | None = None

    @property
    def status(self) -> str:
        return self.evaluation.status if self.evaluation else "not_yet_measured"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status] if self.evaluation else "Cannot be judged"

    @property
    def reason(self) -> str:
        return self.evaluation.reason if self.evaluation else (self.problem or "")


def spec_of(target: MeasureTarget, instrument_id: str | None = None) -> TargetSpec:
    return TargetSpec(
        instrument=instrument_id or target.instrument_id,
        subscale=target.subscale or None,
        kind=target.kind,  # type: ignore[arg-type]
        value=target.value,
        deadline=target.deadline,
    )


def validate_target(practice_id: UUID | None, values: dict[str, object]) -> Instrument:
    """The instrument a target names, or ValidationError on the field that is wrong."""
    try:
        instrument = instrument_get(practice_id, str(values.get("instrument_id") or ""))
    except Http404:
        raise ValidationError({"instrument_id": "No such instrument in this practice."}) from None
    values["instrument_id"] = instrument.id
    subscale = str(values.get("subscale") or "")
    if subscale and subscale not in {s.id for s in instrument.subscales}:
        known = ", ".join(s.id for s in instrument.subscales) or "none"
        raise ValidationError({"subscale": f"{instrument.id} subscales: {known}."})
    if values.get("kind") not in TargetKind.values:
        raise ValidationError({"kind": "Choose what kind of target this is."})
    try:
        spec = TargetSpec(
            instrument=instrument.id,
            subscale=subscale or None,
            kind=str(values["kind"]),  # type: ignore[arg-type]
            value=values.get("value"),  # type: ignore[arg-type]
            deadline=values.get("deadline"),  # type: ignore[arg-type]
        )
    except ValueError as error:
        raise ValidationError({"value": str(error)}) from None
    stats = target_statistics(instrument, spec.subscale)
    try:
        check_target(
            spec,
            higher_is_better=stats.higher_is_better,
            reliable_change=stats.reliable_change,
            caseness_cutoff=stats.caseness_cutoff,
        )
    except ValueError as error:
        raise ValidationError({"kind": str(error)}) from None
    _check_range(instrument, spec)
    return instrument


def _check_range(instrument: Instrument, spec: TargetSpec) -> None:
    if spec.kind in ("at_or_below", "at_or_above") and spec.value is not None:
        low, high = _scale_range(instrument, spec.subscale)
        if not low <= spec.value <= high:
            raise ValidationError({"value": f"{spec.label} scores run from {low:g} to {high:g}."})


def _scale_range(instrument: Instrument, subscale: str | None) -> tuple[float, float]:
    if subscale is None:
        return instrument.min_score, instrument.max_score
    return instrument.range_of(instrument.subscale(subscale).items)


def _value_of(administration: Administration, subscale: str) -> float | None:
    if not subscale:
        return administration.total
    value = administration.subscales.get(subscale)
    return None if value is None else float(value)


def _scores(target: MeasureTarget, administrations: Sequence[Administration]) -> list[Score]:
    scores = []
    for a in administrations:
        if a.instrument_id != target.instrument_id:
            continue
        value = _value_of(a, target.subscale)
        if value is not None:
            scores.append(Score(timezone.localdate(a.administered_at), value))
    return scores


def target_label(target: MeasureTarget) -> str:
    """'PHQ-9' or 'DASS-21 depression', as the baseline's reason names the measure."""
    return f"{target.instrument_id} {target.subscale}" if target.subscale else target.instrument_id


def chooser_name(target: MeasureTarget) -> str | None:
    """Who chose the target's baseline; fetch targets with ``TARGET_RELATED`` (no query)."""
    user = target.baseline_chosen_by if target.baseline_chosen_by_id else None
    return user.display_name if user is not None else None


def target_baseline(
    target: MeasureTarget,
    start: date,
    scores: Sequence[Score],
    chosen: tuple[date, float | None] | None,
) -> Baseline:
    """The baseline a target is judged from: the clinician's choice when it is still a
    valid score (``chosen``: its day and value on the target's measure), else the rule of
    ``trellis.core.planning.baseline`` on ``scores`` (valid, oldest first)."""
    label = target_label(target)
    if chosen is not None:
        on, value = chosen
        score = None if value is None else Score(on, value)
        return chosen_baseline(score, start, label=label, chosen_by=chooser_name(target))
    default = choose_baseline(scores, start, label=label)
    return choice_no_longer_valid(default) if target.baseline_id else default


def baseline_of(
    target: MeasureTarget,
    start: date,
    administrations: Sequence[Administration],
    scores: Sequence[Score] | None = None,
) -> Baseline:
    """``target_baseline`` from the client's valid administrations (oldest first, as
    ``target_scores`` reads them; ``scores`` the target's, when worked out already)."""
    picked = next((a for a in administrations if a.pk == target.baseline_id), None)
    chosen = None
    if picked is not None:
        chosen = (timezone.localdate(picked.administered_at), _value_of(picked, target.subscale))
    if scores is None:
        scores = _scores(target, administrations)
    return target_baseline(target, start, scores, chosen)


def evaluate(
    target: MeasureTarget,
    *,
    plan: TreatmentPlan,
    administrations: Sequence[Administration],
    instruments: dict[str, Instrument],
    today: date,
) -> TargetView:
    spec = spec_of(target)
    instrument = instruments.get(target.instrument_id)
    if instrument is None:
        return TargetView(
            target, describe_target(spec), None, "The instrument is no longer available."
        )
    scores = _scores(target, administrations)
    baseline = baseline_of(target, plan.start_date, administrations, scores)
    stats = target_statistics(instrument, target.subscale or None)
    try:
        evaluation = evaluate_target(
            spec,
            baseline=baseline.score,
            scores=scores,
            today=today,
            higher_is_better=stats.higher_is_better,
            reliable_change=stats.reliable_change,
            caseness_cutoff=stats.caseness_cutoff,
            bands=stats.bands,
        )
    except ValueError as error:
        return TargetView(target, describe_target(spec), None, str(error), baseline)
    return TargetView(target, describe_target(spec), evaluation, baseline=baseline)


def target_scores(plan: TreatmentPlan, targets: Iterable[MeasureTarget]) -> list[Administration]:
    """The client's valid scores on the instruments the targets name, oldest first: one query."""
    return list(
        Administration.objects.scored()
        .filter(
            client_id=plan.client_id,
            instrument_id__in={t.instrument_id for t in targets},
        )
        .order_by("administered_at", "recorded_at")
    )


def evaluate_all(
    plan: TreatmentPlan,
    targets: Iterable[MeasureTarget],
    *,
    today: date | None = None,
    administrations: Sequence[Administration] | None = None,
    instruments: dict[str, Instrument] | None = None,
) -> dict[object, TargetView]:
    """Every target's view keyed by target id, from one query of the client's scores (or
    the ``administrations`` the caller has read already, oldest first as ``target_scores``
    returns them) and one of the practice's instruments (or the ``instruments`` given)."""
    targets = list(targets)
    if not targets:
        return {}
    if administrations is None:
        administrations = target_scores(plan, targets)
    if instruments is None:
        instruments = instruments_for(plan.client.practice_id)
    day = today or timezone.localdate()
    return {
        t.pk: evaluate(
            t, plan=plan, administrations=administrations, instruments=instruments, today=day
        )
        for t in targets
    }
