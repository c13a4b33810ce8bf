"""`trellis change PHQ-9 --baseline 18 --followup 9`: judge change between two scores.

The clinical core computes the RCI, reliable change, recovery and clinically significant
change from the instrument's published statistics; a judgement without a basis is null.
A score outside the instrument's range exits with status 2.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trellis.core.measures import AnswerError, ChangeResult, change
from trellis.measures.management.instrument_choice import (
    add_instrument_arguments,
    chosen_instrument,
    refuse,
)

JUDGEMENTS = (
    ("reliable_improvement", "reliable improvement"),
    ("reliable_deterioration", "reliable deterioration"),
    ("recovery", "recovery on this measure alone"),
    ("reliable_recovery", "reliable recovery on this measure alone"),
    ("clinically_significant", "clinically significant change"),
)


def _answer(value: object) -> str:
    """yes / no, or say plainly that the instrument gives no basis for a judgement."""
    if value is None:
        return "unknown (no published basis)"
    return "yes" if value else "no"


def summary(result: ChangeResult) -> list[str]:
    """One line for the scores and RCI, one per judgement."""
    judged = result.as_dict()
    scores = f"{result.instrument}: {result.baseline:g} -> {result.followup:g}"
    if result.reliable_change_points is not None:
        basis = f"reliable change at {result.reliable_change_points:g} points (published)"
    elif judged["rci"] is not None:
        basis = f"RCI {judged['rci']}"
    else:
        basis = "no published reliable-change statistics"
    lines = [f"{scores}, {basis}"]
    lines += [f"  {label}: {_answer(judged[key])}" for key, label in JUDGEMENTS]
    return lines


class Command(BaseCommand):
    help = "Judge the change between a baseline and a follow-up score (RCI, recovery)."
    requires_system_checks: list[str] = []  # pure computation: no database, no checks

    def add_arguments(self, parser: CommandParser) -> None:
        add_instrument_arguments(parser)
        parser.add_argument("--baseline", type=float, required=True, help="The earlier score.")
        parser.add_argument("--followup", type=float, required=True, help="The later score.")
        parser.add_argument("--subscale", metavar="ID", help="Judge a subscale, not the total.")
        parser.add_argument("--json", action="store_true", help="Print one JSON line.")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = chosen_instrument(options["instrument"], options["file"])
        try:
            result = change(
                instrument, options["baseline"], options["followup"], options["subscale"]
            )
        except AnswerError as exc:
            raise refuse(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            self.stdout.write("\n".join(summary(result)))
