"""The caseload in the order a clinician should look at it.

Clients are compared by their most urgent signal, then by their next most urgent, and so
on: of two clients with an open critical item, the one also deteriorating comes first,
and at an equal run of signals the one with more to look at. Then by name (ignoring
case), then by id so that the order never depends on the input's. Clients without
signals come last, by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .signals import DEFAULT_SETTINGS, Settings, Signal, signals_for
from .snapshot import ClientSnapshot

RankedClient = tuple[ClientSnapshot, list[Signal]]


def rank_clients(
    snapshots: Iterable[ClientSnapshot], *, today: date, settings: Settings = DEFAULT_SETTINGS
) -> list[RankedClient]:
    """Each client with its signals (most urgent first), most urgent client first."""
    ranked = [
        (snapshot, signals_for(snapshot, today=today, settings=settings)) for snapshot in snapshots
    ]
    return sorted(ranked, key=_order)


def _order(ranked: RankedClient) -> tuple[tuple[int, ...], str, str]:
    snapshot, signals = ranked
    return _urgency_key(signals), snapshot.name.casefold(), snapshot.client_id


def _urgency_key(signals: list[Signal]) -> tuple[int, ...]:
    """Smaller sorts first. Urgencies are positive, so the closing 0 puts a client whose
    signals are a prefix of another's (fewer to look at) after it, and a client with no
    signals, ``(0,)``, after everyone."""
    return (*(-signal.urgency for signal in signals), 0)
