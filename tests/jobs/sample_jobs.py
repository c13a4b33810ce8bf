"""Jobs for the worker's tests: each leaves a trace the test can read."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from trellis.jobs.registry import InputGone, job

calls: Counter[str] = Counter()


@job(label="Sample: note a call")
def note_call(key: str, practice_id: str | None = None) -> dict[str, Any]:
    calls[key] += 1
    return {"outcome": "done", "key": key}


@job(label="Sample: fail a few times", max_attempts=3, backoff_seconds=30)
def fail_then_succeed(key: str, failures: int, practice_id: str | None = None) -> None:
    calls[key] += 1
    if calls[key] <= failures:
        raise ConnectionError("the far end hung up")


@job(label="Sample: always fail", max_attempts=2, backoff_seconds=10)
def always_fail(key: str, practice_id: str | None = None) -> None:
    calls[key] += 1
    raise ValueError("this input can never be handled")


@job(label="Sample: input gone")
def input_gone(key: str) -> None:
    calls[key] += 1
    raise InputGone("the row was deleted")


@job(label="Sample: slow the first time", max_attempts=3)
def slow_first_time(marker: str) -> dict[str, Any]:
    """The first run leaves a marker and sleeps (to be killed); a later one finishes."""
    path = Path(marker)
    if not path.exists():
        path.write_text("started")
        time.sleep(120)
    path.write_text("finished")
    return {"outcome": "done"}
