"""`trellis recovery --phq9 18 8 --gad7 12 6 --json`: NHS Talking Therapies' paired outcomes.

Recovery, reliable improvement, reliable deterioration and reliable recovery are judged on
the PHQ-9 and the GAD-7 together (``trellis.core.measures.recovery``), as the programme
defines them; `trellis change` judges one measure on its own. A score outside a measure's
range, or a value that is not a number, exits with status 2 and changes nothing.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trellis.core.measures import AnswerError, PairedOutcome, paired_outcome
from trellis.measures.management.instrument_choice import builtin_instrument, refuse

OUTCOMES = (
    ("reliable_improvement", "reliable improvement"),
    ("reliable_deterioration", "reliable deterioration"),
    ("recovery", "recovery"),
    ("reliable_recovery", "reliable recovery"),
)


def score(text: str) -> float:
    """A finite number; argparse turns the ValueError into a usage error (status 2)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def summary(outcome: PairedOutcome) -> list[str]:
    """One line per measure, then one per outcome."""
    lines = []
    for m in outcome.measures:
        case = "a case" if m.case_at_start else "not a case"
        end = "a case" if m.case_at_end else "not a case"
        lines.append(f"{m.instrument}: {m.baseline:g} ({case}) -> {m.followup:g} ({end})")
    judged = outcome.as_dict()
    lines += [f"  {label}: {'yes' if judged[key] else 'no'}" for key, label in OUTCOMES]
    if not outcome.caseness_start:
        lines.append("  (not a case on either measure at the start, so recovery cannot apply)")
    return lines


class Command(BaseCommand):
    help = (
        "NHS Talking Therapies outcomes from start and end scores on the PHQ-9 and the GAD-7 "
        "together: reliable improvement, reliable deterioration, recovery, reliable recovery."
    )
    requires_system_checks: list[str] = []  # pure computation: no database, no checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--phq9",
            nargs=2,
            type=score,
            required=True,
            metavar=("START", "END"),
            help="PHQ-9 totals at the start and at the end.",
        )
        parser.add_argument(
            "--gad7",
            nargs=2,
            type=score,
            required=True,
            metavar=("START", "END"),
            help="GAD-7 totals at the start and at the end.",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON line.")

    def handle(self, *args: Any, **options: Any) -> None:
        phq9, gad7 = builtin_instrument("PHQ-9"), builtin_instrument("GAD-7")
        try:
            outcome = paired_outcome(phq9, tuple(options["phq9"]), gad7, tuple(options["gad7"]))
        except AnswerError as exc:
            raise refuse(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(outcome.as_dict()))
        else:
            self.stdout.write("\n".join(summary(outcome)))
