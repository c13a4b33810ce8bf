"""Periodic jobs. The list itself is declared in one place, `trellis/schedule.py` (named by
settings.TRELLIS_SCHEDULE, since the jobs it names live in higher layers); this module
knows only how to tell when each is due and to enqueue each occurrence once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from trellis.jobs.models import PeriodicRun


@dataclass(frozen=True)
class Periodic:
    """A job enqueued on a rhythm: every `every`, or each day at `daily_at` (local time of
    settings.TIME_ZONE). A worker that was stopped enqueues a missed occurrence once when it
    comes back, not once per occurrence missed."""

    name: str
    task: Task[..., Any]
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.every is None) == (self.daily_at is None):
            raise ValueError(f"{self.name}: give exactly one of every and daily_at")

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        if self.every is not None:
            return moment + self.every
        at = self.daily_at or dt.time(0)
        local = timezone.localtime(moment)
        candidate = timezone.make_aware(dt.datetime.combine(local.date(), at))
        if candidate <= moment:
            day = local.date() + dt.timedelta(days=1)
            candidate = timezone.make_aware(dt.datetime.combine(day, at))
        return candidate

    def first_run(self, moment: dt.datetime) -> dt.datetime:
        """A job on an interval runs as soon as a worker first sees it; a daily one waits
        for its hour."""
        return moment if self.every is not None else self.next_after(moment)


def configured() -> Sequence[Periodic]:
    path = getattr(settings, "TRELLIS_SCHEDULE", "")
    return tuple(import_string(path)) if path else ()


def enqueue_due(
    schedule: Sequence[Periodic] | None = None, *, now: dt.datetime | None = None
) -> list[str]:
    """Enqueue every periodic job whose time has come, and move its next time on. Called by
    the worker inside its exclusive transaction; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for periodic in configured() if schedule is None else schedule:
        row = PeriodicRun.objects.select_for_update().filter(name=periodic.name).first()
        if row is None:
            row = PeriodicRun.objects.create(
                name=periodic.name, next_run_at=periodic.first_run(now)
            )
        if row.next_run_at > now:
            continue
        periodic.task.enqueue(**periodic.kwargs)
        row.last_enqueued_at = now
        row.next_run_at = periodic.next_after(now)
        row.save(update_fields=["last_enqueued_at", "next_run_at"])
        enqueued.append(periodic.name)
    return enqueued
