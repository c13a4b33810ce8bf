"""Which instrument a measures command means: a shipped id typed loosely, or a file.

People type "phq9" or "gad 7"; matching ignores case, spaces and hyphens. Every refusal
is a usage error (exit status 2) whose message says what would have been accepted.
"""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser

from trellis.core.measures import (
    Instrument,
    InstrumentFileError,
    builtin_instruments,
    find_instrument,
    instrument_key,
    load_instrument,
)

USAGE_ERROR = 2


def refuse(message: str) -> CommandError:
    """A CommandError that exits with status 2: the input, not the program, was wrong."""
    return CommandError(message, returncode=USAGE_ERROR)


def add_instrument_arguments(parser: CommandParser) -> None:
    """INSTRUMENT (a shipped id) and --file (a practice's own file), shared by the commands."""
    parser.add_argument(
        "instrument",
        nargs="?",
        help="A shipped instrument id such as PHQ-9 (case, spaces and hyphens ignored).",
    )
    parser.add_argument(
        "--file",
        metavar="PATH",
        help="Use this instrument file (our YAML/JSON, or a FHIR Questionnaire JSON).",
    )


def chosen_instrument(name: str | None, file: str | None) -> Instrument:
    """The instrument from --file if given, else the shipped one called ``name``."""
    if file is not None:
        return _from_file(file, name)
    if not name:
        raise refuse(f"name an instrument ({_known()}) or give --file PATH")
    return builtin_instrument(name)


def builtin_instrument(name: str) -> Instrument:
    """The shipped instrument whose id matches ``name`` loosely; the error lists them all."""
    instrument = find_instrument(builtin_instruments(), name)
    if instrument is not None:
        return instrument
    raise refuse(f"unknown instrument {name!r}; known instruments: {_known()}")


def _from_file(file: str, name: str | None) -> Instrument:
    """A custom instrument; a named id that disagrees with the file is refused, not ignored."""
    try:
        instrument = load_instrument(file)
    except InstrumentFileError as exc:
        raise refuse(str(exc)) from exc
    if name and instrument_key(name) != instrument_key(instrument.id):
        raise refuse(f"{file} defines {instrument.id!r}, not {name!r}")
    return instrument


def _known() -> str:
    return ", ".join(sorted(builtin_instruments()))
