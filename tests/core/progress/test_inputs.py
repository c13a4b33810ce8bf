"""The inputs: practice settings fail loudly on a bad value; snapshots cannot change."""

from __future__ import annotations

import dataclasses

import pytest

from trellis.core.progress import (
    DEFAULT_SETTINGS,
    LABELS,
    ClientSnapshot,
    CriticalSnapshot,
    Settings,
    Signal,
)

from .helpers import TODAY, client, gad7_target


def test_default_settings_are_the_projects() -> None:
    defaults = DEFAULT_SETTINGS
    assert defaults.review_warning_days == 14
    assert defaults.no_improvement_weeks == 8
    assert defaults.no_session_weeks == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("review_warning_days", -1),
        ("no_improvement_weeks", 0),
        ("no_session_weeks", 0),
        ("no_session_weeks", 2.5),
        ("no_improvement_weeks", True),
    ],
)
def test_bad_settings_are_refused_by_name(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        Settings(**{field: value})  # type: ignore[arg-type]


def test_snapshot_sequences_are_stored_as_tuples() -> None:
    critical = [CriticalSnapshot(administration_id="a", instrument="PHQ-9", given_on=TODAY)]
    snapshot = client(open_critical=critical, targets=[gad7_target(15, 12)])
    critical.clear()
    assert isinstance(snapshot.open_critical, tuple)
    assert len(snapshot.open_critical) == 1
    assert isinstance(snapshot.targets, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.name = "Other"  # type: ignore[misc]


def test_snapshot_fields_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        ClientSnapshot("c1", "Avery")  # type: ignore[call-arg]


def test_a_signal_as_dict_and_label() -> None:
    signal = Signal("review_due", 30, "Plan review due today (2025-03-03).")
    assert signal.as_dict() == {
        "code": "review_due",
        "urgency": 30,
        "reason": "Plan review due today (2025-03-03).",
        "subject": None,
    }
    assert signal.label == "Review due"
    assert set(LABELS) == {
        "critical_item",
        "deteriorated",
        "review_overdue",
        "review_due",
        "target_missed",
        "worse_than_baseline",
        "no_improvement",
        "no_session",
        "measures_due",
        "target_met",
        "improving",
    }
