"""Faults a production worker meets: its database restarting under it, and being killed in
the middle of a job. PostgreSQL, where another process can reach the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.jobs import sample_jobs
from tests.mailbox import run_jobs
from trellis.jobs.worker import Worker

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.usefixtures("audit_flushable"),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="needs a database server another process can reach",
    ),
]


def _dsn() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _cut_off(pid: int) -> None:
    """What a database restart does to a client: the server ends its connection."""
    with psycopg.connect(_dsn(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_the_worker_reconnects_when_the_database_drops_it(caplog) -> None:
    sample_jobs.calls.clear()
    sample_jobs.note_call.enqueue("after-restart")
    connection.ensure_connection()
    _cut_off(connection.connection.info.backend_pid)
    waits: list[float] = []
    worker = Worker(worker_id="survivor", interval=0)
    worker.run(
        stop=lambda: sample_jobs.calls["after-restart"] == 1 or len(waits) > 5, sleep=waits.append
    )
    assert sample_jobs.calls["after-restart"] == 1
    assert any("Database unavailable" in r.getMessage() for r in caplog.records)
    assert waits and waits[0] > 0  # it waited before trying again


def test_a_killed_worker_loses_no_job(tmp_path, settings) -> None:
    marker = tmp_path / "marker"
    result = sample_jobs.slow_first_time.enqueue(str(marker))
    env = {
        **os.environ,
        "DATABASE_URL": _dsn(),
        "WORKER_LEASE_SECONDS": "5",
        "TRELLIS_MODE": "development",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "trellis", "worker", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert time.monotonic() < deadline, "the worker never started the job"
            assert worker.poll() is None, "the worker exited"
            time.sleep(0.1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
    settings.WORKER_LEASE_SECONDS = 1
    time.sleep(1.5)
    assert run_jobs().outcomes["done"] == 1
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and len(row.worker_ids) == 2
    assert marker.read_text() == "finished"
