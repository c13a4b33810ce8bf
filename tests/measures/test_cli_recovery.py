"""`trellis recovery --phq9 B F --gad7 B F [--json]`, run as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def trellis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "trellis", *args], capture_output=True, text=True, check=False
    )


def test_json_prints_the_four_outcomes() -> None:
    # PHQ-9 18 -> 8 (-10 >= 6) and GAD-7 12 -> 6 (-6 >= 4): both reliable; 8 < 10 and 6 < 8.
    run = trellis("recovery", "--phq9", "18", "8", "--gad7", "12", "6", "--json")
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 1
    out = json.loads(run.stdout)
    assert {k: out[k] for k in ("reliable_improvement", "reliable_deterioration")} == {
        "reliable_improvement": True,
        "reliable_deterioration": False,
    }
    assert (out["recovery"], out["reliable_recovery"]) == (True, True)


def test_mixed_course_is_deterioration_not_recovery() -> None:
    run = trellis("recovery", "--phq9", "18", "9", "--gad7", "6", "10", "--json")
    out = json.loads(run.stdout)
    assert (out["reliable_improvement"], out["reliable_deterioration"]) == (False, True)
    assert (out["recovery"], out["reliable_recovery"]) == (False, False)


def test_summary_without_json() -> None:
    run = trellis("recovery", "--phq9", "8", "3", "--gad7", "6", "2")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "PHQ-9: 8 (not a case) -> 3 (not a case)",
        "GAD-7: 6 (not a case) -> 2 (not a case)",
        "  reliable improvement: yes",
        "  reliable deterioration: no",
        "  recovery: no",
        "  reliable recovery: no",
        "  (not a case on either measure at the start, so recovery cannot apply)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--phq9", "28", "9", "--gad7", "12", "6"), "PHQ-9: baseline 28 is outside the range"),
        (("--phq9", "x", "9", "--gad7", "12", "6"), "invalid score value: 'x'"),
        (("--phq9", "nan", "9", "--gad7", "12", "6"), "invalid score value: 'nan'"),
        (("--phq9", "18", "9"), "the following arguments are required: --gad7"),
        (("--phq9", "18", "--gad7", "12", "6"), "expected 2 arguments"),
    ],
)
def test_bad_arguments_exit_2(args: tuple[str, ...], message: str) -> None:
    run = trellis("recovery", *args, "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert message in run.stderr
