"""Which instruments a practice can use: the shipped ones plus its own files.

A practice's files are parsed by the same loader as the shipped ones. Parsed
instruments are cached by the file's content: the cache holds no state that could
differ between app servers, only the result of a pure function of the text.
"""

from __future__ import annotations

import functools

from django.http import Http404

from trellis.core.measures import Instrument, builtin_instruments, parse_text
from trellis.measures.models import CustomInstrument


class UnknownInstrument(Http404):
    """An instrument id this practice does not have (404 in a view, exit 2 in the CLI)."""


def normalize_id(text: str) -> str:
    """'phq9', 'PHQ 9' and 'PHQ-9' all name the PHQ-9."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def instruments_for(practice_id: int | None) -> dict[str, Instrument]:
    """Shipped instruments first, then the practice's own, keyed by id."""
    found = builtin_instruments()
    if practice_id is None:
        return found
    rows = CustomInstrument.objects.filter(practice_id=practice_id, is_active=True).only(
        "source", "file_name"
    )
    for row in rows:
        instrument = parse_cached(row.source, row.file_name)
        found.setdefault(instrument.id, instrument)
    return found


def instrument_get(practice_id: int | None, instrument_id: str) -> Instrument:
    wanted = normalize_id(instrument_id)
    for key, instrument in instruments_for(practice_id).items():
        if normalize_id(key) == wanted:
            return instrument
    raise UnknownInstrument(f"No instrument {instrument_id!r}")


@functools.lru_cache(maxsize=256)
def parse_cached(source: str, file_name: str) -> Instrument:
    return parse_text(source, file_name)
