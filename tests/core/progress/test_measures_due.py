"""Measures due by their schedule: due when today >= last given + every_weeks x 7 days;
never given is due at once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from trellis.core.progress import URGENCY_MEASURES_DUE, MeasureDue, Signal, signals_for

from .helpers import TODAY, client, codes, days_ago, only


def phq9(every_weeks: int, last_given_days_ago: int | None) -> MeasureDue:
    last = None if last_given_days_ago is None else days_ago(last_given_days_ago)
    return MeasureDue(instrument="PHQ-9", every_weeks=every_weeks, last_given=last)


def test_due_exactly_on_the_day() -> None:
    signal = only(client(measure_schedule=[phq9(2, 14)]), "measures_due")
    assert signal == Signal(
        "measures_due",
        URGENCY_MEASURES_DUE,
        "PHQ-9 due today (every 2 weeks; last given 2025-02-17).",
        "PHQ-9",
    )


def test_not_due_the_day_before() -> None:
    assert codes(client(measure_schedule=[phq9(2, 13)])) == []


def test_overdue_says_since_when() -> None:
    reason = only(client(measure_schedule=[phq9(1, 10)]), "measures_due").reason
    assert reason == "PHQ-9 due since 2025-02-28 (every week; last given 2025-02-21)."


def test_never_given_is_due() -> None:
    reason = only(client(measure_schedule=[phq9(4, None)]), "measures_due").reason
    assert reason == "PHQ-9 due: not given yet (every 4 weeks)."


def test_each_instrument_on_its_own_schedule() -> None:
    schedule = [
        phq9(2, 20),
        MeasureDue(instrument="GAD-7", every_weeks=4, last_given=days_ago(20)),
        MeasureDue(instrument="WHO-5", every_weeks=4, last_given=None),
    ]
    subjects = [s.subject for s in signals_for(client(measure_schedule=schedule), today=TODAY)]
    assert subjects == ["PHQ-9", "WHO-5"]


def test_due_on_is_last_given_plus_whole_weeks() -> None:
    assert phq9(3, 0).due_on == days_ago(0) + timedelta(days=21)
    assert phq9(3, None).due_on is None


@pytest.mark.parametrize("every", [0, -1, True])
def test_a_schedule_needs_at_least_a_week(every: int) -> None:
    with pytest.raises(ValueError, match="PHQ-9 must be scheduled at least every week"):
        MeasureDue(instrument="PHQ-9", every_weeks=every, last_given=None)
