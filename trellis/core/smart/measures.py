"""Standardized instruments named in a goal, normalized to the id the measures core uses.

People write "PHQ9", "phq 9", "the Patient Health Questionnaire": a goal tied to a
measure must name it the same way as the administration it will be compared with. The
acronyms that are also English words (AUDIT, SPIN, SCARED, DAS) only count in capitals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spans import Span, literal_starts, word_pattern, word_starts

# (id, pattern, case-sensitive). More specific forms come first: AUDIT-C before AUDIT.
_INSTRUMENTS: tuple[tuple[str, str, bool], ...] = (
    ("PHQ-9", r"\bPHQ[- ]?9\b|\bPatient Health Questionnaire(?:[- ]9)?\b", False),
    ("PHQ-2", r"\bPHQ[- ]?2\b", False),
    ("PHQ-A", r"\bPHQ[- ]?A\b", False),
    ("GAD-7", r"\bGAD[- ]?7\b|\bGeneral(?:ized)? Anxiety Disorder[- ]7\b", False),
    ("GAD-2", r"\bGAD[- ]?2\b", False),
    ("PSWQ", r"\bPSWQ\b|\bPenn State Worry Questionnaire\b", False),
    ("PCL-5", r"\bPCL[- ]?5\b|\bPTSD Checklist\b", False),
    ("CAPS-5", r"\bCAPS[- ]?5\b", False),
    ("DASS-21", r"\bDASS(?:[- ]?21)?\b", False),
    ("WHO-5", r"\bWHO[- ]?5\b", False),
    ("K10", r"\bK[- ]?10\b|\bKessler\b", False),
    ("AUDIT-C", r"\bAUDIT[- ]?C\b", True),
    ("AUDIT", r"\bAUDIT\b|\bAlcohol Use Disorders Identification Test\b", True),
    ("DAST-10", r"\bDAST(?:[- ]?10)?\b", False),
    ("C-SSRS", r"\bC-?SSRS\b|\bColumbia[- ]Suicide\b", False),
    ("BDI-II", r"\bBDI(?:[- ]?(?:II|2))?\b|\bBeck Depression Inventory\b", False),
    ("BAI", r"\bBAI\b|\bBeck Anxiety Inventory\b", True),
    ("CY-BOCS", r"\bCY-?BOCS\b", False),
    ("Y-BOCS", r"\bY-?BOCS\b|\bYale[- ]Brown\b", False),
    ("OCI-R", r"\bOCI(?:-R)?\b", True),
    ("EDE-Q", r"\bEDE-?Q\b|\bEating Disorder Examination\b", False),
    ("ASRS", r"\bASRS\b", False),
    ("Vanderbilt", r"\bVanderbilt\b", False),
    ("SCARED", r"\bSCARED\b", True),
    ("CDI-2", r"\bCDI(?:[- ]?2)?\b|\bChildren's Depression Inventory\b", True),
    ("RCADS", r"\bRCADS\b", False),
    ("SDQ", r"\bSDQ\b", True),
    ("SPIN", r"\bSPIN\b|\bSocial Phobia Inventory\b", True),
    ("PDSS", r"\bPDSS\b", False),
    ("ISI", r"\bISI\b|\bInsomnia Severity Index\b", True),
    ("EPDS", r"\bEPDS\b|\bEdinburgh Postnatal\b", False),
    ("DAS", r"\bDAS\b|\bDyadic Adjustment Scale\b", True),
    ("BPRS", r"\bBPRS\b|\bBrief Psychiatric Rating Scale\b", False),
    ("PANSS", r"\bPANSS\b", False),
    ("YMRS", r"\bYMRS\b|\bYoung Mania Rating Scale\b", False),
    ("MADRS", r"\bMADRS\b", False),
    ("HAM-D", r"\bHAM-?D\b|\bHDRS\b|\bHamilton Depression\b", False),
    ("HAM-A", r"\bHAM-?A\b|\bHamilton Anxiety\b", False),
    ("ORS", r"\bORS\b|\bOutcome Rating Scale\b", True),
    ("ASQ", r"\bASQ\b|\bAsk Suicide-Screening Questions\b", True),
    # Common instruments Trellis does not ship: named, they still fix what is counted.
    ("LSAS", r"\bLSAS\b|\bLiebowitz\b", False),
    ("HADS", r"\bHADS\b|\bHospital Anxiety and Depression Scale\b", False),
    ("QIDS-SR", r"\bQIDS(?:-SR(?:16)?|-C)?\b", False),
    ("CORE-10", r"\bCORE[- ]?10\b", True),
    ("OQ-45", r"\bOQ[- ]?45\b", False),
    ("SCL-90", r"\bSCL[- ]?90(?:-R)?\b", False),
    ("CES-D", r"\bCES-?D\b", False),
    ("GDS", r"\bGDS(?:[- ]?15)?\b|\bGeriatric Depression Scale\b", True),
    ("PSS", r"\bPSS(?:[- ]?10)?\b|\bPerceived Stress Scale\b", True),
    ("WSAS", r"\bWSAS\b|\bWork and Social Adjustment Scale\b", False),
    ("CSI", r"\bCSI(?:[- ]?(?:4|16|32))?\b|\bCouples Satisfaction Index\b", True),
    ("PSQI", r"\bPSQI\b|\bPittsburgh Sleep Quality\b", False),
    ("ESS", r"\bEpworth\b", False),
    ("BSL-23", r"\bBSL[- ]?23\b", False),
    ("DERS", r"\bDERS(?:[- ]?16)?\b|\bDifficulties in Emotion Regulation\b", True),
    ("CRAFFT", r"\bCRAFFT\b", True),
    ("SCOFF", r"\bSCOFF\b", True),
    ("EAT-26", r"\bEAT[- ]?26\b", True),
    ("PC-PTSD-5", r"\bPC-PTSD(?:-5)?\b", False),
    ("CBCL", r"\bCBCL\b|\bChild Behavior Checklist\b", False),
    ("SNAP-IV", r"\bSNAP(?:-IV|-4)\b", False),
    ("Conners", r"\bConners\b", False),
    ("SCAS", r"\bSCAS\b|\bSpence\b", False),
    ("MDQ", r"\bMDQ\b|\bMood Disorder Questionnaire\b", True),
    ("SRS", r"\bSRS\b|\bSession Rating Scale\b", True),
    ("FTND", r"\bFTND\b|\bFagerstr[oö]m\b", False),
    ("PACS", r"\bPACS\b|\bPenn Alcohol Craving\b", True),
    ("MoCA", r"\bMoCA\b", True),
    ("ACE", r"\bACEs?\s+(?:score|questionnaire)\b", True),
    (
        "SUDS",
        r"\bSUDS\b|\bSubjective [Uu]nits of [Dd]istress\b|\bsubjective [Uu]nits of [Dd]istress\b",
        True,
    ),
)
INSTRUMENT_IDS: tuple[str, ...] = tuple(name for name, _, _ in _INSTRUMENTS)
# Each instrument's pattern, with the word beginnings its name needs: a statement is
# searched only for the instruments whose names could be in it (this runs on every
# keystroke, and most statements name one instrument or none).
_PATTERNS: tuple[tuple[int, re.Pattern[str], frozenset[str]], ...] = tuple(
    (
        index,
        word_pattern(pattern if not exact else f"(?-i:{pattern})", flags=re.IGNORECASE),
        literal_starts(pattern) or frozenset(["?"]),
    )
    for index, (_, pattern, exact) in enumerate(_INSTRUMENTS)
)
if any("?" in starts for _, _, starts in _PATTERNS):  # pragma: no cover - import-time check
    raise ValueError("every instrument pattern must start with letters or a digit")
_BY_START: dict[str, list[int]] = {}
for _index, _, _starts in _PATTERNS:
    for _start in _starts:
        _BY_START.setdefault(_start, []).append(_index)
_START_KEYS = frozenset(_BY_START)


@dataclass(frozen=True, slots=True)
class InstrumentMention:
    """An instrument found in the text: its normalized id and where it was written."""

    id: str
    span: Span


def find_instruments(text: str) -> list[InstrumentMention]:
    """Every instrument named in ``text``, in reading order, overlaps resolved.

    Where two names overlap, the one that starts first wins, and at the same place the
    one listed first above (AUDIT-C before AUDIT), as one alternation would choose.
    """
    present = _START_KEYS.intersection(word_starts(text))
    if not present:
        return []
    indices = {index for start in present for index in _BY_START[start]}
    candidates = sorted(
        (match.start(), index, match)
        for index in indices
        for match in _PATTERNS[index][1].finditer(text)
    )
    found: list[InstrumentMention] = []
    reached = 0
    for start, index, match in candidates:
        if start >= reached:
            found.append(InstrumentMention(INSTRUMENT_IDS[index], Span.of(match)))
            reached = match.end()
    return found


def normalize_instrument(name: str) -> str | None:
    """The id for a name as typed ("phq9" -> "PHQ-9"), or None if it is not one we know."""
    mentions = find_instruments(name.strip())
    if len(mentions) == 1 and mentions[0].span.text == name.strip():
        return mentions[0].id
    return None
