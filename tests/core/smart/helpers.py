"""Shared helpers for the SMART analyzer tests: the corpus and one-line verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trellis.core.smart import analyze

CORPUS = Path(__file__).resolve().parents[3] / "trellis" / "data" / "smart_corpus" / "corpus.jsonl"


def corpus() -> list[dict[str, Any]]:
    """Every labeled statement of the corpus, in file order."""
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def verdicts(text: str) -> tuple[bool | None, bool | None, bool | None]:
    """(specific, measurable, time_bound) for ``text``."""
    result = analyze(text)
    return result.specific.value, result.measurable.value, result.time_bound.value
