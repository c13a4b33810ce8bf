"""`trellis smart`: SMART analysis from the shell, one statement or one per line.

No test here is marked for the database: pytest-django refuses any query, so these also
prove the command never touches it.
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

GAD7_GOAL = "Client will reduce GAD-7 score by 60% within 12 weeks"
GAD7_JSON = (
    '{"specific": true, "measurable": true, "achievable": null, "relevant": null, '
    '"time_bound": true, "vague": false, "measure": "GAD-7", '
    '"target": {"value": 60, "unit": "percent"}, "deadline": "12 weeks", "suggestions": []}'
)
ISSUE_KEYS = [
    "specific",
    "measurable",
    "achievable",
    "relevant",
    "time_bound",
    "vague",
    "measure",
    "target",
    "deadline",
    "suggestions",
]
VAGUE_GOAL = "Feel better soon"
NIGHTMARE_GOAL = "Reduce nightmares to 1 per week by the 8th session"


def trellis(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The installed console command, as a clinician's shell would run it."""
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(TRELLIS), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def smart(*args: str, stdin: str | None = None) -> str:
    out = StringIO()
    extra = {} if stdin is None else {"stdin": StringIO(stdin)}
    call_command("smart", *args, stdout=out, **extra)
    return out.getvalue()


def smart_json(*args: str) -> dict[str, object]:
    parsed: dict[str, object] = json.loads(smart("--json", *args))
    return parsed


def test_json_is_the_issue_line() -> None:
    run = trellis("smart", "--json", GAD7_GOAL)
    assert run.returncode == 0, run.stderr
    assert run.stdout == GAD7_JSON + "\n"


def test_jsonl_answers_each_line_in_order() -> None:
    run = trellis("smart", "--jsonl", stdin=f"{GAD7_GOAL}\n{VAGUE_GOAL}\n{NIGHTMARE_GOAL}\n")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0] == GAD7_JSON
    vague, nightmares = json.loads(lines[1]), json.loads(lines[2])
    assert (vague["vague"], vague["deadline"]) == (True, None)
    assert (nightmares["deadline"], nightmares["target"]) == (
        "8 sessions",
        {"value": 1, "unit": "per week"},
    )


def test_no_text_and_no_jsonl_exits_2_on_stderr() -> None:
    run = trellis("smart", "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert "give a goal or objective to analyze" in run.stderr


def test_json_keys_are_the_issue_keys_in_order() -> None:
    assert list(smart_json(VAGUE_GOAL)) == ISSUE_KEYS


def test_words_given_separately_are_one_statement() -> None:
    assert smart("--json", *GAD7_GOAL.split()) == GAD7_JSON + "\n"


def test_jsonl_keeps_blank_lines_as_the_empty_statement() -> None:
    out = smart("--jsonl", stdin=f"{GAD7_GOAL}\n\r\n{VAGUE_GOAL}")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3
    assert lines[0]["measure"] == "GAD-7"
    assert lines[1]["vague"] is True
    assert lines[1]["suggestions"]
    assert lines[2]["time_bound"] is False


def test_jsonl_of_nothing_prints_nothing() -> None:
    assert smart("--jsonl", stdin="") == ""


def test_problem_and_diagnosis_decide_relevance() -> None:
    assert smart_json(NIGHTMARE_GOAL, "--problem", "PTSD with nightmares")["relevant"] is True
    assert smart_json(NIGHTMARE_GOAL, "--diagnosis", "F43.10")["relevant"] is True
    unrelated = smart_json(GAD7_GOAL, "--problem", "PTSD", "--diagnosis", "F43.10")
    assert unrelated["relevant"] is False
    assert unrelated["suggestions"]


def test_start_adds_deadline_date_as_the_last_key() -> None:
    # 12 weeks = 84 days after Monday 5 January 2026 is Monday 30 March 2026.
    result = smart_json(GAD7_GOAL, "--start", "2026-01-05")
    assert list(result) == [*ISSUE_KEYS, "deadline_date"]
    assert result["deadline_date"] == "2026-03-30"


@pytest.mark.parametrize(
    ("cadence", "expected"),
    [("weekly", "2026-03-02"), ("biweekly", "2026-04-27"), ("monthly", "2026-08-17")],
)
def test_cadence_dates_a_deadline_counted_in_sessions(cadence: str, expected: str) -> None:
    # The 8th session: 8 x 7 = 56, 8 x 14 = 112, 8 x 28 = 224 days after 5 January 2026.
    result = smart_json(NIGHTMARE_GOAL, "--start", "2026-01-05", "--cadence", cadence)
    assert result["deadline_date"] == expected


def test_deadline_date_is_null_without_a_deadline() -> None:
    assert smart_json(VAGUE_GOAL, "--start", "2026-01-05")["deadline_date"] is None


def test_jsonl_dates_every_line_from_the_start() -> None:
    out = smart("--jsonl", "--start", "2026-01-05", stdin=f"{GAD7_GOAL}\n{VAGUE_GOAL}\n")
    assert [json.loads(line)["deadline_date"] for line in out.splitlines()] == [
        "2026-03-30",
        None,
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give a goal or objective to analyze"),
        (("   ",), "give a goal or objective to analyze"),
        (("--jsonl", GAD7_GOAL), "give TEXT or --jsonl, not both"),
        ((GAD7_GOAL, "--start", "2026-13-01"), "'2026-13-01' is not a date written YYYY-MM-DD"),
        ((GAD7_GOAL, "--cadence", "weekly"), "--cadence needs --start"),
        (
            (GAD7_GOAL, "--start", "2026-01-05", "--cadence", "daily"),
            "'daily' is not one of weekly, biweekly, fortnightly, monthly",
        ),
    ],
    ids=["no-text", "blank-text", "text-and-jsonl", "bad-start", "cadence-alone", "bad-cadence"],
)
def test_bad_usage_is_refused_with_status_2(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message) as caught:
        smart(*args, stdin="")
    assert caught.value.returncode == 2


def test_report_marks_each_criterion_with_its_words() -> None:
    assert smart(GAD7_GOAL, "--start", "2026-01-05").splitlines() == [
        "✓ specific    names what will change: 'GAD-7'",
        "✓ measurable  counts or scores it: GAD-7, 60 percent (from '60%')",
        "? achievable  whether this is achievable depends on the client",
        "? relevant    no problem or diagnosis given to judge relevance against",
        "✓ time-bound  sets a time frame: 12 weeks (from 'within 12 weeks')",
        "deadline date: 2026-03-30",
        "suggestions: none",
    ]


def test_report_of_a_vague_goal_ends_with_suggestions() -> None:
    assert smart(VAGUE_GOAL).splitlines() == [
        "✗ specific    names only a feeling or general state ('Feel', 'better')",
        "✗ measurable  'better' says which way, not how much or how often",
        "? achievable  whether this is achievable depends on the client",
        "? relevant    no problem or diagnosis given to judge relevance against",
        "✗ time-bound  'soon' names no date",
        "vague: names nothing concrete, counts nothing and sets no time",
        "suggestions:",
        "  - name what you would see if this were met: a behavior, a symptom or a skill",
        "  - name how often or how much, e.g. 'at least 3 times a week'",
        "  - add a deadline, e.g. 'within 12 weeks'",
    ]
