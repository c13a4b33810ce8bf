"""Reading the CMS/NCHS ICD-10-CM order file into Trellis's code set.

Each fiscal year CMS publishes ``icd10cm_order_YYYY.txt`` ("Code Descriptions in
Tabular Order"), a fixed-width file with one line per code and heading. The
columns, as the CMS order-file documentation lays them out (1-based):

    1-5    order number, right-justified and zero-filled
    6      blank
    7-13   the code without its dot, left-justified and padded with blanks
    14     blank
    15     1 = valid for a claim (billable), 0 = a header (category or subcategory)
    16     blank
    17-76  short description (60 characters, padded)
    77     blank
    78-    long description (up to 323 characters)

Trellis keeps the chapters a behavioral-health clinician records (``IN_SCOPE``) with the
long description, and writes them in the shipped TSV format, which ``icd10.load_codes``
validates again. Every malformed line is reported with its file and line number, and
nothing is written unless the whole file is good.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from trellis.core.icd10 import Icd10Code

# The shipped set's coverage, as prefixes of the dotless code.
IN_SCOPE: tuple[str, ...] = (
    "F",  # chapter 5, mental, behavioral and neurodevelopmental disorders (F01-F99)
    *(f"Z{n}" for n in range(55, 66)),  # socioeconomic and psychosocial circumstances
    "Z69",  # mental health services for victim and perpetrator of abuse
    *(f"Z{n}" for n in range(70, 74)),  # counseling, lifestyle, life-management difficulty
    "Z81",  # family history of mental and behavioral disorders
    "Z0389",  # observation for suspected conditions ruled out
    "Z133",  # screening for mental health and behavioral disorders
    "Z134",  # screening for developmental disorders in childhood
    "Z765",  # malingerer
    "Z865",  # personal history of mental and behavioral disorders
    "Z914",  # personal history of psychological trauma
    "Z915",  # personal history of self-harm
    "R45851",  # suicidal ideations
    "R4588",  # nonsuicidal self-harm
)

_ORDER = slice(0, 5)
_CODE = slice(6, 13)
_FLAG = 14
_SHORT = slice(16, 76)
_LONG_START = 77
_BLANKS = (5, 13, 15, 76)
_DOTLESS_CODE = re.compile(r"[A-Z][0-9][0-9A-Z]{1,5}")
_FISCAL_YEAR = re.compile(r"icd10cm_order_(\d{4})", re.IGNORECASE)
MAX_REPORTED = 20


class OrderFileError(ValueError):
    """The order file is malformed; ``problems`` lists "file:line: what" for each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        shown = list(self.problems[:MAX_REPORTED])
        if len(self.problems) > MAX_REPORTED:
            shown.append(f"... and {len(self.problems) - MAX_REPORTED} more problems")
        super().__init__("\n".join(shown))


@dataclass(frozen=True, slots=True)
class OrderLine:
    order: int
    code: Icd10Code


def dotted(dotless: str) -> str:
    return dotless if len(dotless) <= 3 else f"{dotless[:3]}.{dotless[3:]}"


def in_scope(dotless: str) -> bool:
    return dotless.startswith(IN_SCOPE)


def parse_order_file(data: bytes, name: str) -> list[OrderLine]:
    """Every line of the file, validated; ``name`` is how messages name the file."""
    problems: list[str] = []
    lines: list[OrderLine] = []
    first_line: dict[str, int] = {}
    previous_order = 0
    for number, raw in enumerate(data.splitlines(), start=1):
        where = f"{name}:{number}"
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"{where}: not UTF-8 text (byte {error.start + 1})")
            continue
        parsed = _parse_line(text.rstrip("\r\n"), where, problems)
        if parsed is None:
            continue
        code = parsed.code.code
        if code in first_line:
            problems.append(f"{where}: code {code} again (first on line {first_line[code]})")
            continue
        if parsed.order <= previous_order:
            problems.append(f"{where}: order number {parsed.order} is not after {previous_order}")
        first_line[code] = number
        previous_order = parsed.order
        lines.append(parsed)
    if not lines and not problems:
        problems.append(f"{name}: contains no codes")
    if problems:
        raise OrderFileError(problems)
    return lines


def _parse_line(text: str, where: str, problems: list[str]) -> OrderLine | None:
    if len(text) <= _LONG_START:
        problems.append(
            f"{where}: too short ({len(text)} characters) for the order-file layout: "
            "order number, code, billable flag, short and long description"
        )
        return None
    found: list[str] = []
    order = text[_ORDER]
    if not order.isdigit():
        found.append(f"order number {order!r} (columns 1-5) is not 5 digits")
    for column in _BLANKS:
        if text[column] != " ":
            found.append(f"column {column + 1} should be blank, found {text[column]!r}")
    dotless = text[_CODE].rstrip()
    if not _DOTLESS_CODE.fullmatch(dotless):
        found.append(f"code {text[_CODE]!r} (columns 7-13) is not an ICD-10-CM code")
    flag = text[_FLAG]
    if flag not in "01":
        found.append(f"billable flag {flag!r} (column 15) should be 0 or 1")
    description = text[_LONG_START:].strip()
    if not description:
        found.append("the long description (from column 78) is empty")
    if not text[_SHORT].strip():
        found.append("the short description (columns 17-76) is empty")
    if found:
        problems.append(f"{where}: " + "; ".join(found))
        return None
    code = Icd10Code(code=dotted(dotless), description=description, billable=flag == "1")
    return OrderLine(order=int(order), code=code)


def fiscal_year(name: str) -> str:
    """ "FY2027" from icd10cm_order_2027.txt, or "" when the name does not say."""
    match = _FISCAL_YEAR.search(name)
    return f"FY{match.group(1)}" if match else ""


def code_set_text(lines: Iterable[OrderLine], *, source: str, data: bytes) -> str:
    """The in-scope codes in the shipped TSV format, with a header naming the source.

    The text depends only on the file, so importing the same file twice writes the
    same bytes."""
    kept = [line.code for line in lines if in_scope(line.code.code.replace(".", ""))]
    year = fiscal_year(source) or "fiscal year not given in the file name"
    header = [
        "# Trellis ICD-10-CM subset: the diagnosis codes a behavioral-health clinician records.",
        f"# source: CMS/NCHS ICD-10-CM order file {source} ({year}), public domain, "
        "U.S. government work.",
        f"# sha256 of the source: {hashlib.sha256(data).hexdigest()}",
        "# coverage: chapter 5 (F01-F99); Z55-Z65, Z69, Z70-Z73, Z81, Z03.89, Z13.3x, Z13.4x,",
        "#   Z76.5, Z86.5x, Z91.4x, Z91.5x; R45.851 and R45.88.",
        "# descriptions: the order file's long descriptions. Codes in Tabular List order.",
        "# billable: 1 = valid for a claim (a leaf code); 0 = category or subcategory header.",
        "# imported with: trellis icd10 import",
        "# columns: code<TAB>description<TAB>billable",
    ]
    rows = [f"{c.code}\t{c.description}\t{int(c.billable)}" for c in kept]
    return "\n".join([*header, *rows]) + "\n"


@dataclass(frozen=True, slots=True)
class CodeSetChange:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    retitled: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.retitled)


def compare(old: Mapping[str, Icd10Code], new: Mapping[str, Icd10Code]) -> CodeSetChange:
    """What an import changes: codes added, removed, or with a new title or flag."""
    return CodeSetChange(
        added=tuple(code for code in new if code not in old),
        removed=tuple(code for code in old if code not in new),
        retitled=tuple(code for code in new if code in old and new[code] != old[code]),
    )
