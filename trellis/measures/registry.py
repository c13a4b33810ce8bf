"""Which instruments a practice can use: the shipped ones plus its own files.

A practice's files are parsed by the same loader as the shipped ones. Parsed
instruments are cached by the file's content: the cache holds no state that could
differ between app servers, only the result of a pure function of the text.
"""

from __future__ import annotations

import functools
import logging
from uuid import UUID

from django.http import Http404

from trellis.core.measures import (
    Instrument,
    InstrumentFileError,
    builtin_instruments,
    find_instrument,
    parse_text,
)
from trellis.measures.models import CustomInstrument

logger = logging.getLogger(__name__)


class UnknownInstrument(Http404):
    """An instrument id this practice does not have (404 in a view, exit 2 in the CLI)."""


def instruments_for(practice_id: UUID | None) -> dict[str, Instrument]:
    """Shipped instruments first, then the practice's own, keyed by id."""
    found = builtin_instruments()
    if practice_id is None:
        return found
    rows = CustomInstrument.objects.filter(practice_id=practice_id, is_active=True).only(
        "source", "file_name"
    )
    for row in rows:
        try:
            instrument = parse_cached(row.source, row.file_name)
        except InstrumentFileError as error:
            # Checked on upload; only a stricter loader could refuse it now. One broken
            # file must not take every measures page down with it.
            logger.warning("Practice instrument %s no longer loads: %s", row.pk, error)
            continue
        found.setdefault(instrument.id, instrument)
    return found


def instrument_get(practice_id: UUID | None, instrument_id: str) -> Instrument:
    instrument = find_instrument(instruments_for(practice_id), instrument_id)
    if instrument is None:
        raise UnknownInstrument(f"No instrument {instrument_id!r}")
    return instrument


@functools.lru_cache(maxsize=256)
def parse_cached(source: str, file_name: str) -> Instrument:
    return parse_text(source, file_name)
