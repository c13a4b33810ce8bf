"""Progress rules: the caseload dashboard's "needs attention" signals.

Pure Python (no Django): the progress app builds one ``ClientSnapshot`` per client and
calls these.

    signals_for(snapshot, *, today, settings)    a client's signals, most urgent first
    rank_clients(snapshots, *, today, settings)  the caseload, most urgent client first

Codes (stable strings, most urgent first): critical_item, deteriorated, review_overdue,
target_missed, worse_than_baseline, no_improvement, no_session, review_due, measures_due,
target_met, improving (the last two are good news, ``POSITIVE``). The rule behind each,
and its exact boundary, is in ``progress.signals``.
"""

from .ranking import RankedClient, rank_clients
from .signals import (
    CODES,
    DEFAULT_SETTINGS,
    LABELS,
    POSITIVE,
    URGENCY,
    URGENCY_CRITICAL_ITEM,
    URGENCY_DETERIORATED,
    URGENCY_IMPROVING,
    URGENCY_MEASURES_DUE,
    URGENCY_NO_IMPROVEMENT,
    URGENCY_NO_SESSION,
    URGENCY_REVIEW_DUE,
    URGENCY_REVIEW_OVERDUE,
    URGENCY_TARGET_MET,
    URGENCY_TARGET_MISSED,
    URGENCY_WORSE_THAN_BASELINE,
    Settings,
    Signal,
    SignalCode,
    signals_for,
)
from .snapshot import (
    ClientSnapshot,
    CriticalSnapshot,
    InstrumentChange,
    MeasureDue,
    TargetSnapshot,
)

__all__ = [
    "CODES",
    "DEFAULT_SETTINGS",
    "LABELS",
    "POSITIVE",
    "URGENCY",
    "URGENCY_CRITICAL_ITEM",
    "URGENCY_DETERIORATED",
    "URGENCY_IMPROVING",
    "URGENCY_MEASURES_DUE",
    "URGENCY_NO_IMPROVEMENT",
    "URGENCY_NO_SESSION",
    "URGENCY_REVIEW_DUE",
    "URGENCY_REVIEW_OVERDUE",
    "URGENCY_TARGET_MET",
    "URGENCY_TARGET_MISSED",
    "URGENCY_WORSE_THAN_BASELINE",
    "ClientSnapshot",
    "CriticalSnapshot",
    "InstrumentChange",
    "MeasureDue",
    "RankedClient",
    "Settings",
    "Signal",
    "SignalCode",
    "TargetSnapshot",
    "rank_clients",
    "signals_for",
]
