"""What the worker keeps beside django-tasks-db's own table of jobs."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class WorkerBeat(models.Model):
    """A running worker's last sign of life. A job still marked running whose worker has
    not beaten for a lease is taken to be abandoned (the worker was killed) and runs again."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.worker_id


class PeriodicRun(models.Model):
    """When each periodic job of the schedule is next due. One row per job name, claimed
    under a lock, so two workers never enqueue the same occurrence twice."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
