"""The caseload dashboard: every client the user may see, with the signals that say where
to look first. A fixed number of queries whatever the caseload: each kind of fact is read
for all clients at once, then ``trellis.core.progress`` judges them in memory. The view
audits the clients it shows (one page), not the whole caseload."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from trellis.accounts.models import PracticeSettings, User
from trellis.accounts.permissions import Permission, has
from trellis.audit.actor import Actor
from trellis.clients.models import CareTeamMember, Client, ClientStatus
from trellis.clients.selectors import number_searched, visible_clients
from trellis.core.measures import Instrument, change
from trellis.core.measures.change import band_worsening
from trellis.core.planning import (
    Score,
    TargetSpec,
    choose_baseline,
    evaluate_target,
    target_statistics,
)
from trellis.core.progress import (
    ClientSnapshot,
    CriticalSnapshot,
    InstrumentChange,
    MeasureDue,
    Settings,
    Signal,
    TargetSnapshot,
    rank_clients,
    signals_for,
)
from trellis.measures.models import Administration, MeasureSchedule
from trellis.measures.registry import instruments_for
from trellis.plans.models import MeasureTarget, PlanStatus, TreatmentPlan
from trellis.plans.signing.selectors import plans_awaiting_cosign
from trellis.plans.targets import TARGET_RELATED, target_baseline, targets_of_plans
from trellis.progress.models import ProgressNote

# client id -> instrument id -> (date, total, subscales), oldest first
Scores = dict[Any, dict[str, list[tuple[date, float, dict[str, Any]]]]]


@dataclass
class Row:
    client: Client
    plan: TreatmentPlan | None
    signals: list[Signal]
    clinicians: list[str] = field(default_factory=list)

    @property
    def urgency(self) -> int:
        return self.signals[0].urgency if self.signals else 0


@dataclass
class Dashboard:
    rows: list[Row]
    awaiting_cosign: list[TreatmentPlan]
    counts: dict[str, int]
    total: int
    rules: Settings


def dashboard_settings(practice_id: UUID | None) -> Settings:
    """The practice's own thresholds, else the deployment's defaults (settings.py)."""
    row = (
        PracticeSettings.objects.filter(practice_id=practice_id).first()
        if practice_id is not None
        else None
    )
    if row is not None:
        return Settings(
            review_warning_days=row.review_warning_days,
            no_improvement_weeks=row.no_improvement_weeks,
            no_session_weeks=row.no_session_weeks,
        )
    return Settings(
        review_warning_days=settings.DASHBOARD_REVIEW_WARNING_DAYS,
        no_improvement_weeks=settings.DASHBOARD_NO_IMPROVEMENT_WEEKS,
        no_session_weeks=settings.DASHBOARD_NO_SESSION_WEEKS,
    )


def caseload(user: User, *, clinician_id: UUID | str | None = None) -> QuerySet[Client]:
    """Active clients the user may see, and any other with an open critical item (a risk
    answer stays on the caseload whatever the client's status); a supervisor or admin may
    narrow to one clinician."""
    unanswered = Administration.objects.filter(
        is_critical=True, voided_at=None, critical_response__isnull=True
    ).values("client_id")
    clients = visible_clients(user).filter(Q(status=ClientStatus.ACTIVE) | Q(pk__in=unanswered))
    if clinician_id:
        clients = clients.filter(team_members__user_id=clinician_id)
    return clients


def build(
    actor: Actor, *, clinician_id: UUID | str | None = None, today: date | None = None
) -> Dashboard:
    day = today or timezone.localdate()
    clients = list(
        caseload(actor.user, clinician_id=clinician_id).prefetch_related("team_members__user")
    )
    ids = caseload(actor.user, clinician_id=clinician_id).values("pk")
    plans = _plans(ids)
    instruments = instruments_for(actor.user.practice_id)
    snapshots = _snapshots(clients, plans, ids, instruments, day)
    rules = dashboard_settings(actor.user.practice_id)
    ranked = rank_clients(snapshots.values(), today=day, settings=rules)
    by_id = {str(c.pk): c for c in clients}
    rows = []
    counts: dict[str, int] = defaultdict(int)
    for snapshot, signals in ranked:
        client = by_id[snapshot.client_id]
        for code in {s.code for s in signals}:
            counts[code] += 1
        rows.append(Row(client, plans.get(client.pk), signals))
    return Dashboard(rows, _awaiting_cosign(actor.user), dict(counts), len(clients), rules)


def _plans(ids: QuerySet[Any]) -> dict[Any, TreatmentPlan]:
    rows = TreatmentPlan.objects.filter(client_id__in=ids, status=PlanStatus.ACTIVE).only(
        "id", "client_id", "title", "status", "start_date", "review_date"
    )
    return {plan.client_id: plan for plan in rows}


def _scores(ids: QuerySet[Any], *, with_subscales: bool) -> Scores:
    """Every valid score of the caseload, oldest first, by client and instrument. Subscale
    scores are read only when some target needs them: they are most of the bytes."""
    found: Scores = defaultdict(lambda: defaultdict(list))
    fields = ["client_id", "instrument_id", "administered_at", "total"]
    if with_subscales:
        fields.append("subscales")
    rows = (
        Administration.objects.scored()
        .filter(client_id__in=ids)
        .order_by("administered_at", "recorded_at")
        .values_list(*fields)
    )
    zone = timezone.get_current_timezone()
    for row in rows.iterator(chunk_size=5000):
        subscales = row[4] if with_subscales else {}
        found[row[0]][row[1]].append((row[2].astimezone(zone).date(), row[3], subscales))
    return found


def _chosen_baselines(
    ids: QuerySet[Any], targets: dict[Any, list[MeasureTarget]]
) -> dict[Any, tuple[date, float, dict[str, Any]]]:
    """The baselines clinicians chose instead of the default, in one query (none if no
    target has one)."""
    if not any(t.baseline_id for rows in targets.values() for t in rows):
        return {}
    plan_ids = _active_plan_ids(ids)
    chosen = targets_of_plans(plan_ids).filter(baseline__isnull=False).values("baseline_id")
    rows = (
        Administration.objects.scored()
        .filter(pk__in=chosen)
        .values_list("pk", "administered_at", "total", "subscales")
    )
    return {
        pk: (timezone.localdate(at), total, subscales)
        for pk, at, total, subscales in rows
        if total is not None  # scored() has only rows with a total
    }


def _snapshots(
    clients: list[Client],
    plans: dict[Any, TreatmentPlan],
    ids: QuerySet[Any],
    instruments: dict[str, Instrument],
    day: date,
) -> dict[Any, ClientSnapshot]:
    targets = _targets(ids)
    scores = _scores(ids, with_subscales=any(t.subscale for ts in targets.values() for t in ts))
    chosen = _chosen_baselines(ids, targets)
    critical = _open_critical(ids)
    schedules = _schedules(ids)
    sessions = _last_sessions(ids)
    snapshots = {}
    for client in clients:
        plan = plans.get(client.pk)
        snapshots[client.pk] = ClientSnapshot(
            client_id=str(client.pk),
            name=client.display_name,
            plan_start=plan.start_date if plan else None,
            plan_review_date=plan.review_date if plan else None,
            last_session=sessions.get(client.pk),
            targets=[
                _target_snapshot(t, plan, scores, chosen, instruments, day)
                for t in targets.get(plan.pk, [])
                if t.instrument_id in instruments
            ]
            if plan
            else [],
            instrument_changes=_changes(client, plan, scores, instruments),
            open_critical=critical.get(client.pk, []),
            measure_schedule=[
                MeasureDue(
                    instrument=s.instrument_id,
                    every_weeks=s.every_weeks,
                    last_given=_last_given(scores, client.pk, s.instrument_id),
                )
                for s in schedules.get(plan.pk, [])
            ]
            if plan
            else [],
        )
    return snapshots


def _active_plan_ids(ids: QuerySet[Any]) -> QuerySet[Any]:
    """A subquery, never a list: a practice's plans can outnumber SQLite's bound parameters."""
    return TreatmentPlan.objects.filter(client_id__in=ids, status=PlanStatus.ACTIVE).values("pk")


def _targets(ids: QuerySet[Any]) -> dict[Any, list[MeasureTarget]]:
    """The active plans' targets (on goals or objectives) by plan, in one query."""
    plan_ids = _active_plan_ids(ids)
    found: dict[Any, list[MeasureTarget]] = defaultdict(list)
    rows = targets_of_plans(plan_ids)
    for target in rows.select_related(*TARGET_RELATED):
        found[target.plan_id].append(target)
    return found


def _value(target: MeasureTarget, total: float, subscales: dict[str, Any]) -> float | None:
    value = total if not target.subscale else subscales.get(target.subscale)
    return None if value is None else float(value)


def _series(scores: Scores, client_id: Any, target: MeasureTarget) -> list[Score]:
    series = []
    for on, total, subscales in scores.get(client_id, {}).get(target.instrument_id, []):
        value = _value(target, total, subscales)
        if value is not None:
            series.append(Score(on, value))
    return series


def _target_snapshot(
    target: MeasureTarget,
    plan: TreatmentPlan,
    scores: Scores,
    chosen: dict[Any, tuple[date, float, dict[str, Any]]],
    instruments: dict[str, Instrument],
    day: date,
) -> TargetSnapshot:
    series = _series(scores, plan.client_id, target)
    picked = None
    if target.baseline_id in chosen:
        on, total, subscales = chosen[target.baseline_id]
        picked = (on, _value(target, total, subscales))
    baseline = target_baseline(target, plan.start_date, series, picked).score
    spec = TargetSpec(
        instrument=target.instrument_id,
        subscale=target.subscale or None,
        kind=target.kind,  # type: ignore[arg-type]
        value=target.value,
        deadline=target.deadline,
    )
    stats = target_statistics(instruments[target.instrument_id], spec.subscale)
    evaluation = evaluate_target(
        spec,
        baseline=baseline,
        scores=series,
        today=day,
        higher_is_better=stats.higher_is_better,
        reliable_change=stats.reliable_change,
        caseness_cutoff=stats.caseness_cutoff,
        bands=stats.bands,
    )
    return TargetSnapshot.from_evaluation(str(target.pk), spec, evaluation)


def _changes(
    client: Client,
    plan: TreatmentPlan | None,
    scores: Scores,
    instruments: dict[str, Instrument],
) -> list[InstrumentChange]:
    """Per instrument, the latest score against the plan's baseline (the rule of
    ``trellis.core.planning.baseline``, as the measures page judges it), once there is a
    score after that baseline. ``first`` of each change is that baseline."""
    if plan is None:
        return []
    changes = []
    for instrument_id, rows in scores.get(client.pk, {}).items():
        if instrument_id not in instruments:
            continue
        series = [Score(on, total) for on, total, _ in rows]
        baseline = choose_baseline(series, plan.start_date, label=instrument_id).score
        latest = series[-1] if series else None
        if baseline is None or latest is None or latest.on <= baseline.on:
            continue
        instrument = instruments[instrument_id]
        judged = change(instrument, baseline.value, latest.value)
        changes.append(
            InstrumentChange(
                instrument=instrument_id,
                first=baseline,
                latest=latest,
                reliable_deterioration=judged.reliable_deterioration,
                band_worsening=band_worsening(instrument, baseline.value, latest.value),
            )
        )
    return changes


def _last_given(scores: Scores, client_id: Any, instrument_id: str) -> date | None:
    rows = scores.get(client_id, {}).get(instrument_id)
    return rows[-1][0] if rows else None


def _open_critical(ids: QuerySet[Any]) -> dict[Any, list[CriticalSnapshot]]:
    found: dict[Any, list[CriticalSnapshot]] = defaultdict(list)
    rows = Administration.objects.filter(
        client_id__in=ids, is_critical=True, voided_at=None, critical_response__isnull=True
    ).values_list("client_id", "pk", "instrument_id", "administered_at", "flags")
    for client_id, pk, instrument, at, flags in rows:
        item = ", ".join(f.replace("_positive", "").replace("item", "item ") for f in flags)
        found[client_id].append(
            CriticalSnapshot(
                administration_id=str(pk),
                instrument=instrument,
                given_on=timezone.localdate(at),
                item=item or None,
            )
        )
    return found


def _schedules(ids: QuerySet[Any]) -> dict[Any, list[MeasureSchedule]]:
    found: dict[Any, list[MeasureSchedule]] = defaultdict(list)
    for row in MeasureSchedule.objects.filter(plan_id__in=_active_plan_ids(ids)):
        found[row.plan_id].append(row)
    return found


def _last_sessions(ids: QuerySet[Any]) -> dict[Any, date]:
    rows = (
        ProgressNote.objects.filter(client_id__in=ids)
        .values("client_id")
        .annotate(last=Max("session_date"))
        .order_by()
    )
    return {row["client_id"]: row["last"] for row in rows}


def _awaiting_cosign(user: User) -> list[TreatmentPlan]:
    if not has(user, Permission.COSIGN_PLANS):
        return []
    return plans_awaiting_cosign(user)


def clinicians_of(user: User) -> list[User]:
    """Whom a supervisor or admin may filter the dashboard by."""
    if not has(user, Permission.FILTER_CASELOAD_BY_CLINICIAN) or user.practice_id is None:
        return []
    if has(user, Permission.SEE_WHOLE_PRACTICE):
        return list(User.objects.filter(practice_id=user.practice_id, is_active=True))
    return [user, *user.supervisees.filter(is_active=True)]


SORTS = {"urgency": "Most urgent first", "name": "Name", "review": "Next review"}


def search_rows(rows: Iterable[Row], query: str) -> list[Row]:
    """Rows whose client has every word of ``query`` in a name, or has it as their client
    number ("42", "#42"), as the client list searches."""
    if not query.strip():
        return list(rows)
    number = number_searched(query)
    if number is not None:
        return [row for row in rows if row.client.number == number]
    words = query.casefold().split()

    def names(client: Client) -> str:
        return f"{client.first_name} {client.last_name} {client.preferred_name}".casefold()

    return [row for row in rows if all(w in names(row.client) for w in words)]


def sort_rows(rows: list[Row], key: str) -> list[Row]:
    """The rows by name or next review date (none last); otherwise as ranked (urgency)."""
    if key == "name":
        return sorted(rows, key=lambda r: (r.client.display_name.casefold(), str(r.client.pk)))
    if key == "review":
        never = date.max

        def review(row: Row) -> tuple[date, str]:
            when = row.plan.review_date if row.plan and row.plan.review_date else never
            return when, row.client.display_name.casefold()

        return sorted(rows, key=review)
    return rows


def filter_rows(rows: Iterable[Row], code: str) -> list[Row]:
    if not code:
        return list(rows)
    return [row for row in rows if any(s.code == code for s in row.signals)]


def attach_care_teams(rows: Iterable[Row]) -> None:
    """The care team of the rows shown (one page), in one query."""
    rows = list(rows)
    members = CareTeamMember.objects.filter(
        client_id__in=[r.client.pk for r in rows]
    ).select_related("user")
    names: dict[Any, list[str]] = defaultdict(list)
    for member in members.order_by("-is_primary", "added_at"):
        names[member.client_id].append(member.user.display_name)
    for row in rows:
        row.clinicians = names.get(row.client.pk, [])


def client_signals(client: Client, *, today: date | None = None) -> list[Signal]:
    """One client's signals, for their page: the dashboard's rules, a fixed number of queries.
    The caller fetched the client through client_get, which audited the read."""
    day = today or timezone.localdate()
    ids = Client.objects.filter(pk=client.pk).values("pk")
    plans = _plans(ids)
    instruments = instruments_for(client.practice_id)
    snapshot = _snapshots([client], plans, ids, instruments, day)[client.pk]
    return signals_for(snapshot, today=day, settings=dashboard_settings(client.practice_id))
