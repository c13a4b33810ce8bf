"""The admin's one write on jobs: try a failed (or waiting) job again now."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.tasks import TaskResultStatus
from django.utils import timezone

from trellis.jobs.selectors import practice_jobs


def retry_now(practice_id: Any, job_id: str) -> None:
    """One more attempt, due at once. Its earlier attempts still count, so a job at its
    last attempt that fails again stays failed."""
    row = practice_jobs(practice_id).filter(pk=job_id).first()
    if row is None:
        raise ValidationError("That job is not one of this practice's jobs.")
    if row.status not in (TaskResultStatus.FAILED, TaskResultStatus.READY):
        raise ValidationError("That job is running or finished; there is nothing to retry.")
    row.status = TaskResultStatus.READY
    row.run_after = timezone.now()
    row.finished_at = None
    row.save(update_fields=["status", "run_after", "finished_at"])
