"""`trellis smart "TEXT"`: the SMART analysis of one goal or objective from the shell.

The clinical core reads the words (``trellis.core.smart``); this command only parses the
options and prints. ``--json`` prints the issue's one-line shape, ``SmartResult.as_dict()``;
``--jsonl`` turns standard input into one such line per input line, in order. A blank
input line is analyzed as the empty statement (vague, with suggestions) rather than
skipped, so output line N always answers input line N. With ``--start``, the key
"deadline_date" (ISO date, or null when the deadline names no date) follows the issue's
keys. Pure computation: no database, no system checks. Bad usage exits with status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.core.smart import SmartResult, Verdict, analyze, deadline_to_date

USAGE_ERROR = 2
# Days between sessions; a "by the 8th session" deadline is 8 of these after --start.
CADENCES = {"weekly": 7, "biweekly": 14, "fortnightly": 14, "monthly": 28}
MARKS = {True: "✓", False: "✗", None: "?"}
CRITERIA = (
    ("specific", "specific"),
    ("measurable", "measurable"),
    ("achievable", "achievable"),
    ("relevant", "relevant"),
    ("time_bound", "time-bound"),
)


def refuse(message: str) -> CommandError:
    """A CommandError that exits with status 2: the usage, not the program, was wrong."""
    return CommandError(message, returncode=USAGE_ERROR)


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What the plan tells the analyzer: the problem and diagnoses, its start and cadence."""

    problem: str | None = None
    diagnoses: tuple[str, ...] = ()
    start: date | None = None
    session_interval_days: int = CADENCES["weekly"]

    def analyze(self, text: str) -> SmartResult:
        return analyze(text, problem=self.problem, diagnoses=self.diagnoses)

    def deadline_date(self, result: SmartResult) -> date | None:
        """The date the deadline falls on; None without a start or a datable deadline."""
        if self.start is None or result.deadline is None:
            return None
        return deadline_to_date(result.deadline, self.start, self.session_interval_days)


def as_json(result: SmartResult, context: PlanContext) -> dict[str, Any]:
    """The issue's keys in its order, then "deadline_date" when a start was given."""
    out: dict[str, Any] = dict(result.as_dict())
    if context.start is not None:
        when = context.deadline_date(result)
        out["deadline_date"] = None if when is None else when.isoformat()
    return out


def criterion_line(label: str, verdict: Verdict) -> str:
    """'✓ time-bound  sets a time frame: 12 weeks (from 'within 12 weeks')'."""
    words = [word for word in verdict.evidence if word not in verdict.reason]
    quoted = ", ".join(f"'{word}'" for word in words)
    return f"{MARKS[verdict.value]} {label:<12}{verdict.reason}" + (
        f" (from {quoted})" if quoted else ""
    )


def report(result: SmartResult, context: PlanContext) -> list[str]:
    """Each criterion with its mark and the words behind it, then what to change."""
    lines = [criterion_line(label, getattr(result, name)) for name, label in CRITERIA]
    if result.vague:
        lines.append("vague: names nothing concrete, counts nothing and sets no time")
    if context.start is not None:
        when = context.deadline_date(result)
        lines.append(f"deadline date: {when.isoformat() if when else 'none'}")
    if not result.suggestions:
        return [*lines, "suggestions: none"]
    return [*lines, "suggestions:", *(f"  - {tip}" for tip in result.suggestions)]


def start_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise refuse(f"--start: {value!r} is not a date written YYYY-MM-DD") from exc


def session_interval(cadence: str | None, start: date | None) -> int:
    if cadence is None:
        return CADENCES["weekly"]
    if start is None:
        raise refuse("--cadence needs --start: it only dates a deadline counted in sessions")
    if cadence not in CADENCES:
        raise refuse(f"--cadence: {cadence!r} is not one of {', '.join(CADENCES)}")
    return CADENCES[cadence]


def plan_context(options: dict[str, Any]) -> PlanContext:
    start = start_date(options["start"])
    return PlanContext(
        problem=options["problem"],
        diagnoses=tuple(options["diagnosis"]),
        start=start,
        session_interval_days=session_interval(options["cadence"], start),
    )


def statements(lines: Iterable[str]) -> Iterable[str]:
    """One statement per input line, line endings removed, blank lines kept."""
    return (line.rstrip("\r\n") for line in lines)


class Command(BaseCommand):
    help = (
        "SMART analysis of a goal or objective: which criteria it meets, the words that "
        "show it, and suggestions. --jsonl reads one statement per line from standard "
        "input and writes one JSON line per input line, in order; a blank line is "
        "analyzed as the empty statement, never skipped."
    )
    requires_system_checks: list[str] = []  # pure computation: no database, no checks
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "text",
            nargs="*",
            metavar="TEXT",
            help="The goal or objective (several words are joined).",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON line.")
        parser.add_argument(
            "--jsonl",
            action="store_true",
            help="Read one statement per line from standard input; write one JSON line each.",
        )
        parser.add_argument("--problem", metavar="TEXT", help="The plan's problem, for relevance.")
        parser.add_argument(
            "--diagnosis",
            metavar="CODE",
            action="append",
            default=[],
            help="A diagnosis (ICD-10 code or name), for relevance; repeatable.",
        )
        parser.add_argument(
            "--start",
            metavar="YYYY-MM-DD",
            help='The plan\'s start: adds "deadline_date", the date the deadline falls on.',
        )
        parser.add_argument(
            "--cadence",
            metavar="|".join(CADENCES),
            help="How often sessions are (default weekly), to date 'by the 8th session'.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        context = plan_context(options)
        text = " ".join(options["text"]).strip()
        if options["jsonl"]:
            if text:
                raise refuse("give TEXT or --jsonl, not both")
            stdin: TextIO = options.get("stdin") or sys.stdin
            self.analyze_lines(stdin, context)
        elif not text:
            raise refuse("give a goal or objective to analyze, or --jsonl to read standard input")
        elif options["json"]:
            self.stdout.write(json.dumps(as_json(context.analyze(text), context)))
        else:
            self.stdout.write("\n".join(report(context.analyze(text), context)))

    def analyze_lines(self, stdin: TextIO, context: PlanContext) -> None:
        """One JSON line out per line in, flushed as it goes, so a caller can stream."""
        for statement in statements(stdin):
            self.stdout.write(json.dumps(as_json(context.analyze(statement), context)))
            self.stdout.flush()
