"""ICD-10-CM diagnosis codes: the shipped code set, look-up and search.

The codes are data (``trellis/data/icd10cm/icd10cm.tsv``), not code, so a new
fiscal-year release is a file change. The file is validated on load because a
wrong code on a diagnosis ends up on a claim and in a FHIR Condition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "icd10cm" / "icd10cm.tsv"

# A category (F32), optionally a dot and one to four more characters (F32.A, F10.120).
_CODE_FORMAT = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")
# What a person types when they mean a code rather than words: F4, f41.1, F329.
_CODE_QUERY = re.compile(r"[A-Z][0-9][0-9A-Z.]*")
_WORD = re.compile(r"[a-z0-9]+")

# Clinicians search by abbreviation; the Tabular List spells things out. Each
# abbreviation stands for phrases or codes, any of which may match.
ABBREVIATIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "adhd": ("attention deficit hyperactivity",),
        "add": ("attention deficit",),
        "arfid": ("avoidant restrictive food",),
        "asd": ("autistic", "acute stress"),
        "aud": ("alcohol",),
        "bed": ("binge eating",),
        "bn": ("bulimia",),
        "bpd": ("borderline personality",),
        "cud": ("cannabis",),
        "did": ("dissociative identity",),
        "dmdd": ("disruptive mood dysregulation",),
        "gad": ("generalized anxiety",),
        "ied": ("intermittent explosive",),
        "ipv": ("partner abuse", "intimate partner"),
        "mdd": ("major depressive",),
        "nssi": ("nonsuicidal self harm",),
        # F42.2 "Mixed obsessional thoughts and acts" is the usual code for OCD.
        "ocd": ("obsessive compulsive", "F42.2"),
        "ocpd": ("obsessive compulsive personality",),
        "odd": ("oppositional defiant",),
        "oud": ("opioid",),
        "pdd": ("dysthymic", "pervasive developmental"),
        "pmdd": ("premenstrual dysphoric",),
        "ptsd": ("post traumatic stress",),
        "sad": ("social phobia", "separation anxiety"),
    }
)


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


@cache
def codes() -> Mapping[str, Icd10Code]:
    """The shipped code set, read once per process and read-only, as it is shared."""
    return MappingProxyType(load_codes())


def _compact(code: str) -> str:
    return re.sub(r"[\s.]", "", code).upper()


def _dotted(compact: str) -> str:
    return compact if len(compact) <= 3 else f"{compact[:3]}.{compact[3:]}"


def lookup(code: str, *, table: Mapping[str, Icd10Code] | None = None) -> Icd10Code | None:
    """Find a code as typed: any case, with or without the dot (F329 is F32.9)."""
    table = codes() if table is None else table
    return table.get(_dotted(_compact(code)))


def search(
    query: str, limit: int = 20, *, table: Mapping[str, Icd10Code] | None = None
) -> list[Icd10Code]:
    """Codes matching a code prefix or every word of the query, best first.

    Code-prefix matches come before description matches; within each, billable
    codes come before headers (a clinician is picking one to record), then the
    code set's own order.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    table = codes() if table is None else table
    prefix_hits = _code_prefix_matches(query, table.values())
    word_hits = _description_matches(query, table.values())
    # sorted() is stable, so ties keep the code set's order.
    ranked = sorted(prefix_hits, key=_header_last)
    seen = {entry.code for entry in ranked}
    ranked += sorted((entry for entry in word_hits if entry.code not in seen), key=_header_last)
    return ranked[:limit]


def _header_last(entry: Icd10Code) -> bool:
    return not entry.billable


def _code_prefix_matches(query: str, entries: Iterable[Icd10Code]) -> list[Icd10Code]:
    typed = query.strip().upper()
    if not _CODE_QUERY.fullmatch(typed):
        return []
    prefix = _compact(typed)
    return [entry for entry in entries if entry.code.replace(".", "").startswith(prefix)]


def _description_matches(query: str, entries: Iterable[Icd10Code]) -> list[Icd10Code]:
    terms = [_alternatives(word) for word in _WORD.findall(query.lower())]
    if not terms:
        return []
    return [
        entry
        for entry in entries
        if all(any(_phrase_matches(phrase, entry) for phrase in term) for term in terms)
    ]


# A phrase to match: a code prefix (compact, e.g. "F422"), or else words ("generalized", "anx").
type _Phrase = tuple[str, tuple[str, ...]]


def _alternatives(word: str) -> tuple[_Phrase, ...]:
    """The word itself, plus what it stands for if it is an abbreviation.

    An expansion in upper case is a code (query words are lowered, so they never are).
    """
    expansions = tuple(
        (_compact(text), ()) if _CODE_QUERY.fullmatch(text) else ("", _words(text))
        for text in ABBREVIATIONS.get(word, ())
    )
    return (("", (word,)), *expansions)


def _phrase_matches(phrase: _Phrase, entry: Icd10Code) -> bool:
    """The code starts with the phrase's code, or each word starts a description word."""
    code_prefix, parts = phrase
    if code_prefix:
        return entry.code.replace(".", "").startswith(code_prefix)
    text = _searchable(entry.description)
    return all(f" {part}" in text for part in parts)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


@cache
def _searchable(description: str) -> str:
    """Lower-cased words each after a space, so " anx" in it means a word starts with anx."""
    return "".join(f" {word}" for word in _words(description))
