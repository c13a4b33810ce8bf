"""Declaring a job: `@job` on a function makes it a Django task with Trellis's policy for
failures (how many attempts, how long to wait between them) and a label for the admin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.tasks import Task, task

# The longest wait between two attempts, however many have failed.
MAX_BACKOFF = timedelta(hours=1)


class InputGone(Exception):
    """The row a job was asked to work on no longer exists (deleted since it was queued).
    The job ends as skipped: running it again could never succeed."""


@dataclass(frozen=True)
class Policy:
    label: str
    max_attempts: int = 5
    backoff_seconds: float = 30.0

    def delay_after(self, attempt: int) -> timedelta:
        """Exponential backoff: the first retry after `backoff_seconds`, then twice as long
        each time, never longer than MAX_BACKOFF."""
        delay = timedelta(seconds=self.backoff_seconds * 2 ** max(attempt - 1, 0))
        return min(delay, MAX_BACKOFF)


_POLICIES: dict[str, Policy] = {}
DEFAULT_POLICY = Policy(label="Background job")


def job(
    *,
    label: str,
    max_attempts: int = 5,
    backoff_seconds: float = 30.0,
    queue_name: str = "default",
    priority: int = 0,
) -> Callable[[Callable[..., Any]], Task[..., Any]]:
    """A job the worker retries `max_attempts` times in all, waiting longer each time."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def declare(func: Callable[..., Any]) -> Task[..., Any]:
        declared = task(queue_name=queue_name, priority=priority)(func)
        _POLICIES[declared.module_path] = Policy(label, max_attempts, backoff_seconds)
        return declared

    return declare


def policy_for(task_path: str) -> Policy:
    return _POLICIES.get(task_path, DEFAULT_POLICY)
