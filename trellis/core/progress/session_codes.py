"""Service codes and places of service on a progress note, and whether a session's length
fits the code's time band. Pure: the data file is decoded elsewhere and handed in.

A time band is the range of face-to-face minutes a time-based psychotherapy code stands
for (CPT's midpoint rule, cited in ``trellis/data/billing/session_codes.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any


class SessionCodeFileError(ValueError):
    """The data file is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class Code:
    code: str
    description: str
    min_minutes: int | None = None
    max_minutes: int | None = None

    @property
    def band(self) -> str:
        if self.min_minutes is None:
            return ""
        if self.max_minutes is None:
            return f"{self.min_minutes} minutes or more"
        return f"{self.min_minutes} to {self.max_minutes} minutes"

    @property
    def label(self) -> str:
        return f"{self.code} · {self.description}"


@dataclass(frozen=True)
class SessionCodes:
    service_codes: dict[str, Code]
    places: dict[str, Code]


def _code(entry: Any, where: str, sources: set[str], *, timed: bool) -> Code:
    if not isinstance(entry, dict) or not entry.get("code") or not entry.get("description"):
        raise SessionCodeFileError(f"{where}: give a code and a description.")
    minutes = entry.get("minutes") if timed else None
    if minutes is None:
        if not timed and entry.get("source") not in sources:
            raise SessionCodeFileError(f"{where}: source: cite one of the references.")
        return Code(str(entry["code"]), str(entry["description"]))
    low, high = minutes.get("min"), minutes.get("max")
    if minutes.get("source") not in sources:
        raise SessionCodeFileError(f"{where}.minutes: source: cite one of the references.")
    if not isinstance(low, int) or (high is not None and (not isinstance(high, int) or high < low)):
        raise SessionCodeFileError(f"{where}.minutes: min and max are whole minutes, min first.")
    return Code(str(entry["code"]), str(entry["description"]), low, high)


def session_codes(data: Any) -> SessionCodes:
    """The codes of a decoded data file, validated."""
    if not isinstance(data, dict):
        raise SessionCodeFileError("session_codes.yaml: expected a mapping.")
    references = data.get("references") or []
    sources = {str(r["id"]) for r in references if isinstance(r, dict) and r.get("id")}
    codes = [
        _code(e, f"service_codes[{n}]", sources, timed=True)
        for n, e in enumerate(data.get("service_codes") or [])
    ]
    places = [
        _code(e, f"places_of_service[{n}]", sources, timed=False)
        for n, e in enumerate(data.get("places_of_service") or [])
    ]
    return SessionCodes({c.code: c for c in codes}, {p.code: p for p in places})


def minutes_between(start: time, end: time) -> int:
    """Whole minutes from ``start`` to ``end`` on the same day (negative if end is first)."""
    day = datetime(2000, 1, 1)  # noqa: DTZ001 (a clock difference, no time zone involved)
    return int((datetime.combine(day, end) - datetime.combine(day, start)).total_seconds() // 60)


def time_problem(code: Code, minutes: int | None) -> str:
    """Why a session of ``minutes`` does not fit ``code``'s time band, or "" when it fits
    (or the code has no band)."""
    if code.min_minutes is None:
        return ""
    if minutes is None:
        return f"{code.code} is reported by time ({code.band}): give the session's length."
    too_short = minutes < code.min_minutes
    too_long = code.max_minutes is not None and minutes > code.max_minutes
    if too_short or too_long:
        return f"{code.code} is for {code.band}; this session lasted {minutes} minutes."
    return ""
