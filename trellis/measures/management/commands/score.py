"""`trellis score PHQ-9 --responses 1,2,0,...`: score one administration from the shell.

Parses the answers, lets the clinical core score them, prints the result. A blank answer
(``1,,2`` or ``1,-,2``) is missing; the core decides whether the instrument's manual
allows scoring it. Any answer set the core refuses exits with status 2.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trellis.core.measures import AnswerError, Respondent, ScoreResult, score
from trellis.measures.management.instrument_choice import (
    add_instrument_arguments,
    chosen_instrument,
    refuse,
)

BLANKS = ("", "-")
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def parse_responses(text: str) -> list[int | None]:
    """Comma-separated answers in item order; blanks become None (missing)."""
    answers: list[int | None] = []
    for number, token in enumerate(text.split(","), start=1):
        token = token.strip()
        if token in BLANKS:
            answers.append(None)
        elif WHOLE_NUMBER.fullmatch(token):
            answers.append(int(token))
        else:
            raise refuse(f"--responses: answer {number}: {token!r} is not a whole number")
    return answers


def summary(result: ScoreResult) -> list[str]:
    """A few lines a clinician reads at a glance; critical flags are never left out."""
    lines = [
        f"{result.instrument}: {result.total} "
        f"(range {result.min}-{result.max}), severity: {result.severity or 'no band'}"
    ]
    for subscale, value in result.subscales.items():
        label = result.subscale_severity.get(subscale)
        lines.append(f"  {subscale}: {value}" + (f" ({label})" if label else ""))
    if result.flags:
        lines.append("flags: " + ", ".join(result.flags))
    if result.prorated:
        lines.append("prorated items: " + ", ".join(map(str, result.prorated)))
    lines.extend(f"note: {note}" for note in result.notes)
    return lines


class Command(BaseCommand):
    help = "Score one set of answers to an instrument: total, severity, subscales and flags."
    requires_system_checks: list[str] = []  # pure computation: no database, no checks

    def add_arguments(self, parser: CommandParser) -> None:
        add_instrument_arguments(parser)
        parser.add_argument(
            "--responses",
            required=True,
            metavar="A,B,...",
            help="Answers in item order, comma-separated; a missing one empty (1,,2) or - "
            "(1,-,2); write --responses=-,... if the first one is -.",
        )
        parser.add_argument(
            "--sex",
            choices=("female", "male", "intersex", "unknown"),
            help="Sex assigned at birth, for sex-specific cut-offs (AUDIT-C, AUDIT); "
            "without it every such cut-off is applied and a note says the sex is missing.",
        )
        parser.add_argument(
            "--age",
            type=int,
            metavar="YEARS",
            help="Age in whole years on the day, for age-specific cut-offs (AUDIT 65+).",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON line.")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = chosen_instrument(options["instrument"], options["file"])
        answers = parse_responses(options["responses"])
        if options["age"] is not None and not 0 <= options["age"] <= 130:
            raise refuse("--age: must be an age in whole years, 0-130")
        try:
            result = score(instrument, answers, Respondent(options["sex"], options["age"]))
        except AnswerError as exc:
            raise refuse(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            self.stdout.write("\n".join(summary(result)))
