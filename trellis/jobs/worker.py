"""The worker behind `trellis worker`: takes due jobs one at a time from django-tasks-db's
table, runs them, and decides what a failure means.

- A job that raises is tried again later with backoff, until its policy's last attempt;
  then it is failed and stays on the practice admin's jobs page with its error.
- A job whose input is gone (`InputGone`) ends as skipped, never in a crash loop.
- A job left running by a worker that died (no beat for a lease) runs again.
- A lost database connection (a restart) is waited out and reconnected, never fatal.

Only exception class names are logged, never messages, which could hold client data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import traceback as tb
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import Q
from django.tasks import TaskContext, TaskResultStatus
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from trellis.jobs import schedule
from trellis.jobs.models import WorkerBeat
from trellis.jobs.registry import InputGone, policy_for

logger = logging.getLogger("trellis.jobs")

DONE, SKIPPED, RETRYING, FAILED = "done", "skipped", "retrying", "failed"
# How often the worker looks for abandoned jobs and due periodic ones while it idles.
HOUSEKEEPING_EVERY = 15.0
# The longest wait before trying a lost database again.
MAX_RECONNECT_WAIT = 30.0


class WorkerLost(Exception):
    """Recorded as the error of a job whose worker stopped while running it."""


def lease() -> timedelta:
    """How long a worker may stay silent before its running job is taken to be abandoned."""
    return timedelta(seconds=getattr(settings, "WORKER_LEASE_SECONDS", 60))


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"


@dataclass
class Summary:
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def ran(self) -> int:
        return sum(self.outcomes.values())

    def __str__(self) -> str:
        parts = ", ".join(f"{self.outcomes[k]} {k}" for k in (DONE, SKIPPED, RETRYING, FAILED))
        return f"Ran {self.ran} job{'s' if self.ran != 1 else ''}: {parts}."


def beat(worker_id: str, now: datetime | None = None) -> None:
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": now or timezone.now()}
    )


def _mark_retry(row: DBTaskResult[Any, Any], error: BaseException, wait: timedelta) -> None:
    row.status = TaskResultStatus.READY
    row.run_after = timezone.now() + wait
    row.exception_class_path = f"{type(error).__module__}.{type(error).__qualname__}"
    row.traceback = "".join(tb.format_exception(error))
    row.save(update_fields=["status", "run_after", "exception_class_path", "traceback"])


def reclaim_abandoned(now: datetime | None = None, *, worker_id: str | None = None) -> int:
    """Put back jobs left running by a worker that stopped beating (killed, machine lost),
    or, with `worker_id`, by this very worker before it lost its database. A job out of
    attempts is failed instead, with WorkerLost as its error."""
    now = now or timezone.now()
    running = DBTaskResult.objects.running()
    if worker_id is None:
        live = WorkerBeat.objects.filter(seen_at__gte=now - lease()).values("worker_id")
        candidates = running.filter(Q(started_at__lt=now - lease()) | Q(started_at=None))
        live_ids = {row["worker_id"] for row in live}
    else:
        candidates, live_ids = running, set()
    reclaimed = 0
    with exclusive_transaction(DBTaskResult.objects.db):
        for row in candidates.select_for_update(skip_locked=True):
            last = row.worker_ids[-1] if row.worker_ids else None
            if worker_id is not None and last != worker_id:
                continue
            if worker_id is None and last in live_ids:
                continue
            policy = policy_for(row.task_path)
            attempts = len(row.worker_ids)
            error = WorkerLost(f"The worker running this job stopped (attempt {attempts}).")
            if attempts >= policy.max_attempts:
                row.set_failed(error)
            else:
                _mark_retry(row, error, timedelta(0))
            reclaimed += 1
    if reclaimed:
        logger.warning("Put back %d job(s) abandoned by a stopped worker", reclaimed)
    return reclaimed


class Worker:
    def __init__(
        self,
        *,
        worker_id: str | None = None,
        queues: list[str] | None = None,
        interval: float = 1.0,
        backend_name: str = "default",
    ) -> None:
        self.worker_id = worker_id or new_worker_id()
        self.queues = queues
        self.interval = interval
        self.backend_name = backend_name
        self.running = True
        self.summary = Summary()
        self._last_housekeeping = 0.0

    # One job ---------------------------------------------------------------------------

    def _claim(self) -> DBTaskResult[Any, Any] | None:
        ready = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if self.queues:
            ready = ready.filter(queue_name__in=self.queues)
        with exclusive_transaction(ready.db):
            row = ready.get_locked()
            if row is not None:
                row.claim(self.worker_id)
        return row

    def run_one(self, row: DBTaskResult[Any, Any]) -> str:
        """Run a claimed job and record its outcome."""
        policy = policy_for(row.task_path)
        try:
            declared = row.task
            result = row.task_result
            policy = policy_for(row.task_path)  # the module is imported now
            task_started.send(sender=type(declared.get_backend()), task_result=result)
            args, kwargs = result.args, result.kwargs
            if declared.takes_context:
                value = declared.call(TaskContext(task_result=result), *args, **kwargs)
            else:
                value = declared.call(*args, **kwargs)
        except InputGone as gone:
            row.set_successful({"outcome": SKIPPED, "reason": str(gone)})
            outcome = SKIPPED
        except Exception as error:
            attempts = len(row.worker_ids)
            if attempts < policy.max_attempts:
                _mark_retry(row, error, policy.delay_after(attempts))
                outcome = RETRYING
            else:
                row.set_failed(error)
                outcome = FAILED
            logger.warning(
                "Job %s (%s) raised %s on attempt %d of %d: %s",
                row.id,
                row.task_name,
                type(error).__name__,
                attempts,
                policy.max_attempts,
                outcome,
            )
        else:
            row.set_successful(value if value is not None else {"outcome": DONE})
            outcome = DONE
        if outcome in (DONE, SKIPPED, FAILED):
            with contextlib.suppress(ImportError):
                task_finished.send(sender=type(row.task.get_backend()), task_result=row.task_result)
        self.summary.outcomes[outcome] += 1
        logger.info("Job %s (%s): %s", row.id, row.task_name, outcome)
        return outcome

    # The loop ---------------------------------------------------------------------------

    def housekeeping(self, *, force: bool = False) -> None:
        """Beat, put back abandoned jobs, enqueue due periodic ones: at most every
        HOUSEKEEPING_EVERY seconds unless forced."""
        if not force and time.monotonic() - self._last_housekeeping < HOUSEKEEPING_EVERY:
            return
        beat(self.worker_id)
        reclaim_abandoned()
        with exclusive_transaction(DBTaskResult.objects.db):
            schedule.enqueue_due()
        self._last_housekeeping = time.monotonic()

    def step(self) -> bool:
        """One turn: housekeeping when due, then at most one job. Whether a job ran."""
        self.housekeeping()
        row = self._claim()
        if row is None:
            return False
        self.run_one(row)
        return True

    def run_once(self) -> Summary:
        """Everything due now, then return: for cron, and for tests."""
        beat(self.worker_id)
        self.housekeeping(force=True)
        while self.running:
            row = self._claim()
            if row is None:
                break
            beat(self.worker_id)
            self.run_one(row)
        return self.summary

    def run(
        self, *, stop: Callable[[], bool] | None = None, sleep: Callable[[float], Any] = time.sleep
    ) -> None:
        """Until stopped: a job at a time, a nap when there is none, and a patient
        reconnect when the database goes away."""
        wait = self.interval or 0.5
        lost = False
        while self.running and not (stop and stop()):
            try:
                if lost:
                    reclaim_abandoned(worker_id=self.worker_id)
                    logger.warning("Database back; worker %s carries on", self.worker_id)
                    lost, wait = False, self.interval or 0.5
                if not self.step():
                    sleep(self.interval)
            except (OperationalError, InterfaceError) as error:
                if isinstance(error, OperationalError) and is_locked_database_exception(error):
                    sleep(self.interval)
                    continue
                lost = True
                logger.warning(
                    "Database unavailable (%s); trying again in %.1f s", type(error).__name__, wait
                )
                _drop_connections()
                sleep(wait)
                wait = min(wait * 2, MAX_RECONNECT_WAIT)


def _drop_connections() -> None:
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None


class Heart(threading.Thread):
    """Beats for a long-running worker from its own thread (and its own connection), so
    a job that takes longer than the lease is not taken for abandoned."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"beat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        every = max(lease().total_seconds() / 4, 0.5)
        while not self.stopped.wait(every):
            try:
                beat(self.worker_id)
            except DatabaseError:
                _drop_connections()
        connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
