"""Standardized outcome measures: instrument data, scoring, severity and change.

Pure Python (no Django): the app, the CLI and the tests all call these few functions.

    load_instrument(path)            one instrument file (ours, or a FHIR Questionnaire)
    builtin_instruments()            the shipped instruments, keyed by id ("PHQ-9")
    score(instrument, answers, who)  total, subscales, severity, flags -> ScoreResult
    score_total(instrument, total)   a historical total alone: band and cut-offs only
                                     (who: Respondent, sex at birth and age, optional)
    change(instrument, a, b)         RCI, reliable change, recovery on one measure
    paired_outcome(phq9, (a, b),     NHS Talking Therapies' outcomes on PHQ-9 and the
                   gad7, (c, d))     anxiety measure together -> PairedOutcome
"""

from .change import ChangeResult, change
from .errors import AnswerError, InstrumentFileError
from .fhir import instrument_from_fhir
from .loader import (
    builtin_instruments,
    find_instrument,
    instrument_key,
    load_instrument,
    parse_instrument,
    parse_text,
)
from .recovery import PairedOutcome, paired_outcome
from .schema import Instrument, Respondent
from .scoring import ScoreResult, critical_answers, score
from .total_only import score_total

__all__ = [
    "AnswerError",
    "ChangeResult",
    "Instrument",
    "InstrumentFileError",
    "PairedOutcome",
    "Respondent",
    "ScoreResult",
    "builtin_instruments",
    "change",
    "critical_answers",
    "find_instrument",
    "instrument_from_fhir",
    "instrument_key",
    "load_instrument",
    "paired_outcome",
    "parse_instrument",
    "parse_text",
    "score",
    "score_total",
]
