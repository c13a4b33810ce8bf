"""The worker (`trellis worker`, trellis/jobs/worker.py) on the real database: what runs,
what is tried again and when, what is skipped, and what survives a dead worker."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.jobs import sample_jobs
from tests.mailbox import run_jobs
from trellis.jobs.models import WorkerBeat
from trellis.jobs.registry import MAX_BACKOFF, Policy
from trellis.jobs.worker import Worker, reclaim_abandoned

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calls() -> None:
    sample_jobs.calls.clear()


def _row(result) -> DBTaskResult:  # type: ignore[no-untyped-def]
    return DBTaskResult.objects.get(pk=result.id)


def test_once_runs_what_is_due_and_says_what_happened(capsys) -> None:
    sample_jobs.note_call.enqueue("a")
    sample_jobs.note_call.enqueue("b")
    later = sample_jobs.note_call.using(run_after=timezone.now() + dt.timedelta(hours=1))
    later.enqueue("later")
    call_command("worker", "--once")
    assert capsys.readouterr().out.strip() == "Ran 2 jobs: 2 done, 0 skipped, 0 retrying, 0 failed."
    assert dict(sample_jobs.calls) == {"a": 1, "b": 1}
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    assert WorkerBeat.objects.exists()  # the jobs page can say when a worker last ran


def test_a_failure_is_tried_again_later_each_wait_twice_as_long() -> None:
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        result = sample_jobs.fail_then_succeed.enqueue("flaky", failures=2)
        assert run_jobs().outcomes["retrying"] == 1
        row = _row(result)
        assert row.status == TaskResultStatus.READY
        assert row.run_after == timezone.now() + dt.timedelta(seconds=30)
        assert row.exception_class_path == "builtins.ConnectionError"

        clock.shift(dt.timedelta(seconds=29))
        assert run_jobs().ran == 0  # not yet
        clock.shift(dt.timedelta(seconds=1))
        assert run_jobs().outcomes["retrying"] == 1
        assert _row(result).run_after == timezone.now() + dt.timedelta(seconds=60)

        clock.shift(dt.timedelta(seconds=60))
        assert run_jobs().outcomes["done"] == 1
    row = _row(result)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert len(row.worker_ids) == 3 and sample_jobs.calls["flaky"] == 3


def test_after_its_last_attempt_a_job_fails_and_stays_failed() -> None:
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        result = sample_jobs.always_fail.enqueue("doomed")
        run_jobs()
        clock.shift(dt.timedelta(seconds=10))
        assert run_jobs().outcomes["failed"] == 1
        clock.shift(dt.timedelta(days=1))
        assert run_jobs().ran == 0
    row = _row(result)
    assert row.status == TaskResultStatus.FAILED
    assert "ValueError: this input can never be handled" in row.traceback
    assert sample_jobs.calls["doomed"] == 2


def test_a_job_whose_input_is_gone_is_skipped_not_retried() -> None:
    result = sample_jobs.input_gone.enqueue("gone")
    summary = run_jobs()
    assert summary.outcomes["skipped"] == 1 and summary.outcomes["retrying"] == 0
    row = _row(result)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == {"outcome": "skipped", "reason": "the row was deleted"}
    assert run_jobs().ran == 0 and sample_jobs.calls["gone"] == 1


def _left_running_by(worker_id: str, result, *, minutes_ago: float) -> None:  # type: ignore[no-untyped-def]
    """The state a worker killed in the middle of a job leaves behind."""
    row = _row(result)
    row.claim(worker_id)
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    WorkerBeat.objects.create(
        worker_id=worker_id, seen_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )


def test_a_job_left_running_by_a_dead_worker_runs_again() -> None:
    result = sample_jobs.note_call.enqueue("orphan")
    _left_running_by("killed-worker", result, minutes_ago=5)
    assert run_jobs().outcomes["done"] == 1
    row = _row(result)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["killed-worker", "test-worker"]


def test_a_job_of_a_live_worker_is_left_alone() -> None:
    result = sample_jobs.note_call.enqueue("busy")
    _left_running_by("live-worker", result, minutes_ago=5)
    WorkerBeat.objects.filter(worker_id="live-worker").update(seen_at=timezone.now())
    assert reclaim_abandoned() == 0
    assert _row(result).status == TaskResultStatus.RUNNING


def test_a_dead_workers_job_out_of_attempts_fails_with_the_reason() -> None:
    result = sample_jobs.always_fail.enqueue("twice-orphaned")
    _left_running_by("first", result, minutes_ago=10)
    row = _row(result)
    row.claim("second")  # its second attempt died too
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert reclaim_abandoned() == 1
    row = _row(result)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "trellis.jobs.worker.WorkerLost"


def test_the_loop_runs_jobs_until_stopped() -> None:
    sample_jobs.note_call.enqueue("looped")
    worker = Worker(worker_id="loop", interval=0)
    naps: list[float] = []
    worker.run(stop=lambda: sample_jobs.calls["looped"] == 1 and len(naps) > 0, sleep=naps.append)
    assert worker.summary.outcomes["done"] == 1


def test_the_logs_name_the_error_class_never_its_message(caplog) -> None:
    """An exception's message can quote client data; it stays in the jobs table."""
    sample_jobs.always_fail.enqueue("quiet")
    with caplog.at_level("DEBUG"):
        run_jobs()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "ValueError" in logged
    assert "never be handled" not in logged and "quiet" not in logged


def test_the_backoff_doubles_and_stops_at_an_hour() -> None:
    policy = Policy(label="x", max_attempts=20, backoff_seconds=30)
    waits = [policy.delay_after(n).total_seconds() for n in (1, 2, 3, 4, 8)]
    assert waits == [30, 60, 120, 240, 3600]
    assert policy.delay_after(19) == MAX_BACKOFF
