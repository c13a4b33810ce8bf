"""ICD-10-CM diagnosis codes: the shipped code set and look-up (search: ``icd10_search``).

The codes are data (``trellis/data/icd10cm/icd10cm.tsv``), not code, so a new
fiscal-year release is a file change. The file is validated on load because a
wrong code on a diagnosis ends up on a claim and in a FHIR Condition.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "icd10cm" / "icd10cm.tsv"

# A category (F32), optionally a dot and one to four more characters (F32.A, F10.120).
_CODE_FORMAT = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")


class DataFileError(ValueError):
    """The code-set file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Icd10Code:
    """One ICD-10-CM code; only billable codes may be recorded on a claim."""

    code: str
    description: str
    billable: bool


def load_codes(path: Path | None = None) -> dict[str, Icd10Code]:
    """Read and validate a code-set TSV; keys are dotted codes in file order."""
    path = DEFAULT_PATH if path is None else path
    table: dict[str, Icd10Code] = {}
    line_of: dict[str, int] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        entry = _parse_line(line, path, number)
        if entry.code in table:
            problem = f"duplicate code {entry.code} (first on line {line_of[entry.code]})"
            raise DataFileError(_where(path, number, problem))
        table[entry.code] = entry
        line_of[entry.code] = number
    if not table:
        raise DataFileError(f"{path}: contains no codes")
    _check_headers_not_billable(table, line_of, path)
    return table


def _where(path: Path, number: int, problem: str) -> str:
    return f"{path}, line {number}: {problem}"


def _parse_line(line: str, path: Path, number: int) -> Icd10Code:
    columns = line.split("\t")
    if len(columns) != 3:
        problem = (
            f"expected 3 tab-separated columns (code, description, billable), got {len(columns)}"
        )
        raise DataFileError(_where(path, number, problem))
    code, description, billable = columns
    if not _CODE_FORMAT.fullmatch(code):
        problem = f"code {code!r} is not an ICD-10-CM code such as F32.A or F10.120"
        raise DataFileError(_where(path, number, problem))
    if not description.strip():
        raise DataFileError(_where(path, number, f"code {code} has an empty description"))
    if billable not in ("0", "1"):
        problem = f"code {code} has billable {billable!r}; expected 0 or 1"
        raise DataFileError(_where(path, number, problem))
    return Icd10Code(code=code, description=description.strip(), billable=billable == "1")


def _check_headers_not_billable(
    table: Mapping[str, Icd10Code], line_of: Mapping[str, int], path: Path
) -> None:
    """A code with subcodes cannot be billed; marking it so would fail claims."""
    for code in table:
        compact = _compact(code)
        for end in range(3, len(compact)):
            parent = table.get(_dotted(compact[:end]))
            if parent is not None and parent.billable:
                problem = f"code {parent.code} has subcodes (such as {code}) so billable must be 0"
                raise DataFileError(_where(path, line_of[parent.code], problem))


def codes(path: Path | None = None) -> Mapping[str, Icd10Code]:
    """The code set in ``path`` (the shipped one by default), read-only as it is shared.

    Read once per process and again only when the file changes, so a practice's
    import (``trellis icd10 import``) takes effect without a restart.
    """
    path = DEFAULT_PATH if path is None else path
    return _codes_as_of(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _codes_as_of(path: Path, modified: int) -> Mapping[str, Icd10Code]:
    return MappingProxyType(load_codes(path))


def _compact(code: str) -> str:
    return re.sub(r"[\s.]", "", code).upper()


def _dotted(compact: str) -> str:
    return compact if len(compact) <= 3 else f"{compact[:3]}.{compact[3:]}"


def lookup(code: str, *, table: Mapping[str, Icd10Code] | None = None) -> Icd10Code | None:
    """Find a code as typed: any case, with or without the dot (F329 is F32.9)."""
    table = codes() if table is None else table
    return table.get(_dotted(_compact(code)))
