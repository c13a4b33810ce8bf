"""`trellis icd10`: the ICD-10-CM code set diagnoses are recorded from.

    trellis icd10 import PATH [--dry-run] [--allow-removals]
                                            read a CMS order file (icd10cm_order_2027.txt)
    trellis icd10 status                    which code set is in use, and how many codes

``import`` keeps the chapters Trellis covers (F01-F99 and the Z and R codes therapy
uses), checks every line first and writes nothing if any is malformed: each problem
goes to stderr as "file:line: what" and the exit status is 2. A file that would remove
more than half of the codes in use (a truncated download, the wrong file) is refused
unless ``--allow-removals`` is given. Importing the same file
again changes nothing. Diagnoses already recorded keep the code and title they were
recorded with.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.clients.codeset import active_path
from trellis.core import icd10
from trellis.core.icd10_order import OrderFileError, code_set_text, compare, parse_order_file

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Import a CMS ICD-10-CM order file, or show which code set is in use."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        do_import = actions.add_parser("import", help="Import icd10cm_order_YYYY.txt")
        do_import.add_argument("path", type=Path)
        do_import.add_argument(
            "--dry-run", action="store_true", help="Check and report, write nothing."
        )
        do_import.add_argument(
            "--allow-removals",
            action="store_true",
            help="Import even if it removes more than half of the codes in use.",
        )
        actions.add_parser("status", help="The code set in use.")

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "status":
            self._status()
        else:
            self._import(
                Path(str(options["path"])),
                dry_run=bool(options["dry_run"]),
                allow_removals=bool(options["allow_removals"]),
            )

    def _status(self) -> None:
        path = active_path()
        kind = "shipped" if path == icd10.DEFAULT_PATH else "imported"
        table = icd10.codes(path)
        billable = sum(1 for code in table.values() if code.billable)
        self.stdout.write(f"{kind} code set {path}: {len(table)} codes, {billable} billable")

    def _import(self, source: Path, *, dry_run: bool, allow_removals: bool) -> None:
        try:
            data = source.read_bytes()
        except OSError as error:
            raise CommandError(f"{source}: {error.strerror}", returncode=USAGE_ERROR) from None
        try:
            lines = parse_order_file(data, str(source))
        except OrderFileError as error:
            raise CommandError(f"{error}\nNothing was imported.", returncode=USAGE_ERROR) from None
        text = code_set_text(lines, source=source.name, data=data)
        target = Path(settings.ICD10CM_FILE)
        new = _checked(text, target)
        in_use = icd10.codes(active_path())
        change = compare(in_use, new)
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            self.stdout.write(f"{source.name}: already imported, nothing changed.")
            return
        summary = (
            f"{len(new)} codes ({sum(c.billable for c in new.values())} billable): "
            f"{len(change.added)} added, {len(change.removed)} removed, "
            f"{len(change.retitled)} changed title or billable flag"
        )
        if len(change.removed) * 2 > len(in_use) and not allow_removals and not dry_run:
            raise CommandError(
                f"{source.name} would remove {len(change.removed)} of the {len(in_use)} codes "
                "in use: is it the whole order file? Nothing was imported. Pass "
                "--allow-removals to import it anyway.",
                returncode=USAGE_ERROR,
            )
        if dry_run:
            self.stdout.write(f"{source.name}: would import {summary}. Nothing written.")
            return
        _write_atomically(target, text)
        self.stdout.write(f"{source.name}: imported {summary} into {target}.")


def _checked(text: str, target: Path) -> dict[str, icd10.Icd10Code]:
    """The code set as Trellis will read it, refused before anything is written."""
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / target.name
        trial.write_text(text, encoding="utf-8")
        try:
            return icd10.load_codes(trial)
        except icd10.DataFileError as error:
            message = f"the order file gives an invalid code set: {error}\nNothing was imported."
            raise CommandError(message, returncode=USAGE_ERROR) from None


def _write_atomically(target: Path, text: str) -> None:
    """Readers see the old file or the new one, never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".icd10cm-", suffix=".tsv")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(name, target)
