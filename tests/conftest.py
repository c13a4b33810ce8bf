"""Fixtures for every test, and the suite's clock.

``TRELLIS_TEST_CLOCK=2026-12-07T00:05`` runs the whole session as if it started at that
local time (in ``TIME_ZONE``, see trellis/settings.py), with the clock ticking on from
there: a test that passes only at some hours of the day fails at once instead of on
somebody's early morning. A test about dates (due today, 14 days ahead, tomorrow refused)
freezes its own clock instead, with the ``frozen_day`` fixture (tests/clock.py), so that it
means the same thing whenever it runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.clock import frozen_moment
from tests.factories import Personas, make_personas
from tests.mailbox import smtp  # noqa: F401  (the real SMTP listener, for every test)

CLOCK_ENV = "TRELLIS_TEST_CLOCK"
_session_clock: list[time_machine.travel] = []


def _clock_start(raw: str) -> datetime:
    """The session's start, local time in TIME_ZONE; a clear error for anything else."""
    from django.conf import settings

    try:
        start = datetime.fromisoformat(raw)
    except ValueError:
        raise pytest.UsageError(
            f"{CLOCK_ENV}={raw!r}: give a local date and time, e.g. 2026-12-07T00:05"
        ) from None
    if start.tzinfo is not None:
        raise pytest.UsageError(
            f"{CLOCK_ENV}={raw!r}: give it without an offset; it is read in TIME_ZONE "
            f"({settings.TIME_ZONE})"
        )
    return start.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def pytest_configure(config: pytest.Config) -> None:
    """Start the session's clock before the test database is made and test modules are
    imported (some read today's date at import)."""
    raw = os.environ.get(CLOCK_ENV, "").strip()
    if not raw:
        return
    travel = time_machine.travel(_clock_start(raw), tick=True)
    travel.start()
    _session_clock.append(travel)


def pytest_unconfigure(config: pytest.Config) -> None:
    while _session_clock:
        _session_clock.pop().stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    if _session_clock:
        return f"{CLOCK_ENV}: the session started at {os.environ[CLOCK_ENV]} local time"
    return None


@pytest.fixture
def frozen_day() -> Iterator[time_machine.Coordinates]:
    """Noon of tests.clock.FROZEN_DAY, local time, whatever the real clock (or the session's)
    says; the clock ticks on from there, so rows keep their order. Request it before any
    fixture that makes data (``pytest.mark.usefixtures("frozen_day")`` does)."""
    with time_machine.travel(frozen_moment(), tick=True) as traveller:
        yield traveller


@pytest.fixture
def cast(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def audit_flushable(transactional_db: None) -> Iterator[None]:
    """Transactional tests empty every table afterwards, the access log, signed progress
    notes and signed plan versions included: lift their triggers for that flush only, and
    put them back first. (They come back by themselves after the flush: it ends with
    post_migrate, see trellis/dbtriggers.py.)"""
    from django.db import connection

    from trellis import dbtriggers

    dbtriggers.install(connection, dbtriggers.current(connection))
    yield
    dbtriggers.drop(connection, dbtriggers.current(connection))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """PBKDF2 is slow on purpose; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The periodic jobs run only in the tests that ask for them (tests/jobs/test_schedule.py),
    # so a test's run_jobs() runs just the jobs that test queued.
    settings.TRELLIS_SCHEDULE = ""
