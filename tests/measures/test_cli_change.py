"""`trellis change`: reliable change and recovery between two scores, from the shell.

Hand-worked from the instrument files. PHQ-9 (phq9.yaml) and GAD-7 (gad7.yaml) both give
SD 3.5 and reliability 0.89, so for both
    SEdiff = SD * sqrt(2) * sqrt(1 - r) = 3.5 * 1.41421 * 0.33166 = 1.64165  (Jacobson & Truax)
Reliable change is judged by the published points (PHQ-9: 6, GAD-7: 4), caseness is
PHQ-9 >= 10 and GAD-7 >= 8, and neither file has norms, so criterion c is null.
"""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

TRELLIS = Path(sys.executable).parent / "trellis"
DATA = Path(__file__).resolve().parents[2] / "trellis" / "data" / "instruments"


def trellis(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console command, as a clinician's shell would run it."""
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(TRELLIS), *args], capture_output=True, text=True, timeout=60, check=False
    )


def change(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command("change", *args, "--json", stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_json_is_one_line_in_the_issue_shape() -> None:
    # Down 9 >= 6 points (NHS TT manual): reliable improvement; no RCI (one basis only).
    # 18 >= 10 is a case, 9 is not: recovery, and with reliable improvement reliable recovery.
    run = trellis("change", "PHQ-9", "--baseline", "18", "--followup", "9", "--json")
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        '{"rci": null, "reliable_improvement": true, "reliable_deterioration": false, '
        '"recovery": true, "reliable_recovery": true, "clinically_significant": null, '
        '"reliable_change_points": 6}\n'
    )


@pytest.mark.parametrize(
    ("baseline", "followup", "message"),
    [
        ("28", "9", "PHQ-9: baseline 28 is outside the range 0-27"),
        ("18", "-1", "PHQ-9: followup -1 is outside the range 0-27"),
        ("nan", "9", "PHQ-9: baseline nan is not a number"),
    ],
    ids=["above", "below", "nan"],
)
def test_score_outside_the_range_exits_2(baseline: str, followup: str, message: str) -> None:
    run = trellis("change", "phq9", "--baseline", baseline, "--followup", followup, "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert message in run.stderr


def test_recovery_without_reliable_improvement() -> None:
    # Down 4 < 6 points, so no reliable improvement; no RCI beside it to contradict that.
    # 12 is a case, 8 is not: recovery, but not reliable recovery.
    assert change("PHQ-9", "--baseline", "12", "--followup", "8") == {
        "rci": None,
        "reliable_improvement": False,
        "reliable_deterioration": False,
        "recovery": True,
        "reliable_recovery": False,
        "clinically_significant": None,
        "reliable_change_points": 6,
    }


def test_reliable_deterioration_from_below_caseness() -> None:
    # GAD-7 5 -> 10: up 5 >= 4 points (NHS TT manual) is reliable deterioration.
    # 5 < 8 was not a case, so the client cannot recover (False, not null).
    assert change("gad7", "--baseline", "5", "--followup", "10") == {
        "rci": None,
        "reliable_improvement": False,
        "reliable_deterioration": True,
        "recovery": False,
        "reliable_recovery": False,
        "clinically_significant": None,
        "reliable_change_points": 4,
    }


def test_subscale_without_published_statistics_is_all_null() -> None:
    # dass21.yaml verifies no SD, reliability, caseness or norms for any scale.
    result = change("DASS-21", "--subscale", "depression", "--baseline", "30", "--followup", "9")
    assert result == dict.fromkeys(result, None)
    assert len(result) == 7


def test_subscale_range_is_the_subscale_s_own() -> None:
    # PCL-5 cluster B is items 1-5 scored 0-4: 0-20.
    with pytest.raises(CommandError, match="PCL-5 B: baseline 21 is outside the range 0-20"):
        change("PCL-5", "--subscale", "B", "--baseline", "21", "--followup", "5")


def test_unknown_subscale_exits_2_naming_the_subscales() -> None:
    with pytest.raises(CommandError, match=r"no subscale 'nope' \(subscales: B, C, D, E\)") as e:
        change("PCL-5", "--subscale", "nope", "--baseline", "40", "--followup", "20")
    assert e.value.returncode == 2


def test_summary_without_json_says_which_judgements_have_no_basis() -> None:
    out = StringIO()
    call_command("change", "PHQ-9", "--baseline", "18", "--followup", "9", stdout=out)
    assert out.getvalue().splitlines() == [
        "PHQ-9: 18 -> 9, reliable change at 6 points (published)",
        "  reliable improvement: yes",
        "  reliable deterioration: no",
        "  recovery on this measure alone: yes",
        "  reliable recovery on this measure alone: yes",
        "  clinically significant change: unknown (no published basis)",
    ]


def test_custom_file_carries_its_own_statistics(tmp_path: Path) -> None:
    text = (DATA / "phq9.yaml").read_text(encoding="utf-8")
    edited = text.replace("  reliable_change:\n    points: 6", "  reliable_change:\n    points: 10")
    assert edited != text
    path = tmp_path / "strict.yaml"
    path.write_text(edited, encoding="utf-8")
    # Down 9 < 10 points under this file's rule: recovery, not reliable recovery.
    result = change("--file", str(path), "--baseline", "18", "--followup", "9")
    assert (result["reliable_improvement"], result["recovery"], result["reliable_recovery"]) == (
        False,
        True,
        False,
    )


def test_unreadable_file_exits_2() -> None:
    run = trellis(
        "change", "--file", "/nonexistent/mine.yaml", "--baseline", "1", "--followup", "2"
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert "mine.yaml: cannot be read" in run.stderr
