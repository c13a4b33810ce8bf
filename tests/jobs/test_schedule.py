"""Periodic jobs (trellis/schedule.py, trellis/jobs/schedule.py): each occurrence is
enqueued once, whichever worker sees it first, and a stopped worker catches up once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.jobs import sample_jobs
from tests.mailbox import run_jobs
from trellis import schedule as declared
from trellis.jobs.models import PeriodicRun
from trellis.jobs.schedule import Periodic, enqueue_due

pytestmark = pytest.mark.django_db

HOURLY = [
    Periodic("hourly-note", sample_jobs.note_call, every=dt.timedelta(hours=1), kwargs={"key": "h"})
]
NIGHTLY = [
    Periodic("nightly-note", sample_jobs.note_call, daily_at=dt.time(2, 0), kwargs={"key": "n"})
]


def _queued() -> int:
    return DBTaskResult.objects.filter(task_path="tests.jobs.sample_jobs.note_call").count()


def test_an_interval_job_runs_at_first_sight_then_once_per_interval() -> None:
    with time_machine.travel(dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC), tick=False) as clock:
        assert enqueue_due(HOURLY) == ["hourly-note"]
        assert enqueue_due(HOURLY) == []  # a second worker at the same moment
        clock.shift(dt.timedelta(minutes=59))
        assert enqueue_due(HOURLY) == []
        clock.shift(dt.timedelta(minutes=1))
        assert enqueue_due(HOURLY) == ["hourly-note"]
    assert _queued() == 2


def test_a_nightly_job_waits_for_its_hour_in_the_practice_time_zone(settings) -> None:
    settings.TIME_ZONE = "America/New_York"
    new_york = ZoneInfo("America/New_York")
    with time_machine.travel(dt.datetime(2026, 5, 4, 12, 0, tzinfo=new_york), tick=False) as clock:
        assert enqueue_due(NIGHTLY) == []
        row = PeriodicRun.objects.get(name="nightly-note")
        assert timezone.localtime(row.next_run_at) == dt.datetime(2026, 5, 5, 2, 0, tzinfo=new_york)
        clock.move_to(dt.datetime(2026, 5, 5, 1, 59, tzinfo=new_york))
        assert enqueue_due(NIGHTLY) == []
        clock.move_to(dt.datetime(2026, 5, 5, 2, 0, tzinfo=new_york))
        assert enqueue_due(NIGHTLY) == ["nightly-note"]
        assert enqueue_due(NIGHTLY) == []


def test_a_worker_stopped_for_days_catches_up_once_not_once_per_night() -> None:
    with time_machine.travel(dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC), tick=False) as clock:
        enqueue_due(NIGHTLY)
        clock.shift(dt.timedelta(days=5))
        assert enqueue_due(NIGHTLY) == ["nightly-note"]
        assert enqueue_due(NIGHTLY) == []
    assert _queued() == 1


def test_once_enqueues_the_due_periodic_jobs_and_runs_them(settings) -> None:
    settings.TRELLIS_SCHEDULE = "tests.jobs.test_schedule.HOURLY"
    summary = run_jobs()
    assert summary.outcomes["done"] == 1 and sample_jobs.calls["h"] >= 1


def test_the_declared_schedule_is_valid_and_every_job_runs(settings) -> None:
    """trellis/schedule.py is the one list; each of its jobs runs on an empty practice."""
    settings.TRELLIS_SCHEDULE = "trellis.schedule.PERIODIC"
    names = [p.name for p in declared.PERIODIC]
    assert len(names) == len(set(names))
    with time_machine.travel(dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC), tick=False) as clock:
        run_jobs()
        clock.shift(dt.timedelta(days=1))
        summary = run_jobs()
    assert summary.outcomes["failed"] == 0 and summary.outcomes["retrying"] == 0
    assert summary.ran >= len(declared.PERIODIC)


def test_a_periodic_needs_exactly_one_rhythm() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Periodic("broken", sample_jobs.note_call)
    with pytest.raises(ValueError, match="exactly one"):
        Periodic("broken", sample_jobs.note_call, every=dt.timedelta(hours=1), daily_at=dt.time(1))
