"""The worker's own upkeep, run from the schedule."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from trellis.jobs.models import WorkerBeat
from trellis.jobs.registry import job


@job(label="Remove old finished jobs", max_attempts=3)
def prune_finished() -> dict[str, Any]:
    """Finished jobs go after JOB_RETENTION_DAYS; failed ones are kept three times as long,
    so an admin back from leave still finds them."""
    now = timezone.now()
    keep = timedelta(days=settings.JOB_RETENTION_DAYS)
    done, _ = DBTaskResult.objects.successful().filter(finished_at__lt=now - keep).delete()
    failed, _ = DBTaskResult.objects.failed().filter(finished_at__lt=now - 3 * keep).delete()
    beats, _ = WorkerBeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return {"outcome": "done", "succeeded_removed": done, "failed_removed": failed, "beats": beats}
