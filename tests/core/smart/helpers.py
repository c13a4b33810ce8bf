"""Shared helpers for the SMART analyzer tests: the corpus and one-line verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trellis.core.smart import analyze

FOLDER = Path(__file__).resolve().parents[3] / "trellis" / "data" / "smart_corpus"
CORPUS = FOLDER / "corpus.jsonl"
FIRST_BLIND = FOLDER / "blind.jsonl"  # batch 3: read and tuned on after its first run
BLIND4 = FOLDER / "blind4.jsonl"  # batch 4: read and tuned on after batch 5 was written
BLIND = FOLDER / "blind5.jsonl"  # batch 5: never read while tuning


def corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """Every labeled statement of a corpus file, in file order."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def verdicts(text: str) -> tuple[bool | None, bool | None, bool | None]:
    """(specific, measurable, time_bound) for ``text``."""
    result = analyze(text)
    return result.specific.value, result.measurable.value, result.time_bound.value
