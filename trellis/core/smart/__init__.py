"""SMART analysis of goal and objective text: deterministic, local, explained.

Pure Python (no Django): the app's live feedback, the CLI and the benchmarks call

    analyze(text, problem=None, diagnoses=())   -> SmartResult (verdicts, evidence, parts)
    deadline_to_date(deadline, start, 7)        -> the date a "12 weeks" deadline falls on
"""

from .analyzer import analyze
from .dates import deadline_to_date
from .measures import INSTRUMENT_IDS, normalize_instrument
from .result import SmartResult, Target, Verdict

__all__ = [
    "INSTRUMENT_IDS",
    "SmartResult",
    "Target",
    "Verdict",
    "analyze",
    "deadline_to_date",
    "normalize_instrument",
]
