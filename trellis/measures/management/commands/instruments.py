"""`trellis instruments`: list the shipped instruments, or check a practice's own files.

``--check PATH...`` loads each file exactly as the app would, so a practice learns what
to fix (file and field are named) before uploading. Any invalid file: exit status 2.
``--schema`` prints the file format as a JSON Schema, produced from the models the loader
validates with, for an editor to check a file as it is typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trellis.core.measures import (
    Instrument,
    InstrumentFileError,
    builtin_instruments,
    load_instrument,
)
from trellis.core.measures.file_model import instrument_json_schema
from trellis.core.measures.scoring import tidy
from trellis.measures.management.instrument_choice import refuse

COLUMNS = ("id", "items", "range", "subscales", "licence", "name")


def listing(instrument: Instrument) -> dict[str, object]:
    """One instrument as the JSON listing shows it."""
    return {
        "id": instrument.id,
        "name": instrument.name,
        "items": len(instrument.items),
        "min": tidy(instrument.min_score),
        "max": tidy(instrument.max_score),
        "subscales": [subscale.id for subscale in instrument.subscales],
        "loinc": {"panel": instrument.loinc.panel, "total": instrument.loinc.total},
        "licence": instrument.licence.status if instrument.licence else None,
    }


def table(instruments: Iterable[Instrument]) -> list[str]:
    """A plain aligned table; the last column (the name) is left ragged."""
    cells = [list(COLUMNS)] + [
        [
            instrument.id,
            str(len(instrument.items)),
            f"{tidy(instrument.min_score)}-{tidy(instrument.max_score)}",
            ",".join(subscale.id for subscale in instrument.subscales) or "-",
            instrument.licence.status if instrument.licence else "-",
            instrument.name,
        ]
        for instrument in instruments
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS) - 1)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False))
        + "  "
        + line[-1]
        for line in cells
    ]


class Command(BaseCommand):
    help = (
        "List the shipped instruments, check custom instrument files (--check), or print "
        "the file format as a JSON Schema (--schema)."
    )
    requires_system_checks: list[str] = []  # reads data files only: no database, no checks

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--json", action="store_true", help="Print the list as JSON.")
        mode.add_argument(
            "--check",
            nargs="+",
            metavar="PATH",
            help="Validate these instrument files (YAML/JSON, or FHIR Questionnaire JSON).",
        )
        mode.add_argument(
            "--schema",
            action="store_true",
            help="Print the instrument file format as a JSON Schema (for editors).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            self.check_files(options["check"])
            return
        if options["schema"]:
            self.stdout.write(json.dumps(instrument_json_schema(), indent=2, ensure_ascii=False))
            return
        shipped = builtin_instruments()
        instruments = [shipped[key] for key in sorted(shipped)]
        if options["json"]:
            self.stdout.write(json.dumps([listing(instrument) for instrument in instruments]))
        else:
            self.stdout.write("\n".join(table(instruments)))

    def check_files(self, paths: list[str]) -> None:
        """Report every file, good or bad, then fail once if any was bad."""
        invalid = 0
        for path in paths:
            try:
                instrument = load_instrument(path)
            except InstrumentFileError as exc:
                invalid += 1
                self.stderr.write(str(exc))
                continue
            count = len(instrument.items)
            items = "1 item" if count == 1 else f"{count} items"
            self.stdout.write(f"ok: {instrument.id} ({items}) from {path}")
        if invalid:
            raise refuse(f"{invalid} of {len(paths)} instrument files are invalid")
