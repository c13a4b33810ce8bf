"""What the practice admin's jobs page reads. A job belongs to a practice when it was
enqueued with `practice_id`; jobs without one (upkeep of the whole installation) are shown
to every practice's admin, by class of error only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from trellis.jobs.models import WorkerBeat
from trellis.jobs.registry import policy_for
from trellis.jobs.worker import lease

# How many failed or retrying jobs the page lists at most.
LISTED = 100


@dataclass(frozen=True)
class JobRow:
    id: str
    label: str
    status: str  # "failed" or "retrying"
    attempts: int
    max_attempts: int
    enqueued_at: datetime
    finished_at: datetime | None
    next_attempt_at: datetime | None
    error: str
    whole_installation: bool


@dataclass(frozen=True)
class JobsOverview:
    failed: list[JobRow]
    retrying: list[JobRow]
    waiting: int
    done_last_week: int
    skipped_last_week: int
    worker_seen_at: datetime | None
    worker_alive: bool


def practice_jobs(practice_id: Any) -> QuerySet[DBTaskResult[Any, Any]]:
    """The practice's jobs and the installation's: never another practice's."""
    mine = Q(args_kwargs__kwargs__practice_id=str(practice_id))
    nobodys = Q(args_kwargs__kwargs__practice_id__isnull=True) | Q(
        args_kwargs__kwargs__practice_id=None
    )
    return DBTaskResult.objects.filter(mine | nobodys)


def _error(row: DBTaskResult[Any, Any], whole_installation: bool) -> str:
    """The error's class; for the practice's own jobs also its message (the last line of
    the traceback), which never reaches the logs."""
    name = row.exception_class_path.rsplit(".", 1)[-1] or "Error"
    if whole_installation:
        return name
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else name


def _row(row: DBTaskResult[Any, Any], status: str) -> JobRow:
    policy = policy_for(row.task_path)
    whole = (row.args_kwargs.get("kwargs") or {}).get("practice_id") is None
    return JobRow(
        id=str(row.id),
        label=policy.label if policy.label != "Background job" else row.task_name,
        status=status,
        attempts=len(row.worker_ids),
        max_attempts=policy.max_attempts,
        enqueued_at=row.enqueued_at,
        finished_at=row.finished_at,
        next_attempt_at=row.run_after if status == "retrying" else None,
        error=_error(row, whole),
        whole_installation=whole,
    )


def jobs_overview(practice_id: Any, *, now: datetime | None = None) -> JobsOverview:
    now = now or timezone.now()
    jobs = practice_jobs(practice_id)
    failed = jobs.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")[:LISTED]
    retrying = (
        jobs.filter(status=TaskResultStatus.READY)
        .exclude(exception_class_path="")
        .order_by("run_after")[:LISTED]
    )
    week = now - timedelta(days=7)
    counts = jobs.aggregate(
        waiting=Count("id", filter=Q(status=TaskResultStatus.READY, exception_class_path="")),
        done=Count(
            "id",
            filter=Q(status=TaskResultStatus.SUCCESSFUL, finished_at__gte=week)
            & ~Q(return_value__outcome="skipped"),
        ),
        skipped=Count(
            "id",
            filter=Q(
                status=TaskResultStatus.SUCCESSFUL,
                finished_at__gte=week,
                return_value__outcome="skipped",
            ),
        ),
    )
    last_beat = WorkerBeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    return JobsOverview(
        failed=[_row(r, "failed") for r in failed],
        retrying=[_row(r, "retrying") for r in retrying],
        waiting=counts["waiting"],
        done_last_week=counts["done"],
        skipped_last_week=counts["skipped"],
        worker_seen_at=last_beat,
        worker_alive=last_beat is not None and last_beat >= now - lease(),
    )
