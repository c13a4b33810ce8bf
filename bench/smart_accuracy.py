"""SMART analyzer accuracy on the labeled corpus: tuning part, older holdout and blind part.

Run from the repo root: ``python bench/smart_accuracy.py``. The tuning part is every
``dev`` row of ``corpus.jsonl``; ``blind.jsonl`` (batch 3) and ``blind4.jsonl`` (batch 4)
were the first two blind parts, each read and tuned on after its first measurement;
``blind5.jsonl`` (batch 5) is the blind part, written and labeled before batch 4 was read
and never read while tuning (see the corpus README). ``--tuning-only`` leaves the blind
part out, so whoever tunes never sees it. The last line is one JSON object: the lowest
blind-part accuracy of specific, measurable, time-bound and vague, against the same figure
for a naive baseline (a long-enough sentence is "specific", a digit is "measurable", a
time word is "time-bound") computed in the same run.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trellis.core.smart import analyze  # noqa: E402 - after the path is set

CORPUS = ROOT / "trellis" / "data" / "smart_corpus" / "corpus.jsonl"
FIRST_BLIND = ROOT / "trellis" / "data" / "smart_corpus" / "blind.jsonl"
BLIND4 = ROOT / "trellis" / "data" / "smart_corpus" / "blind4.jsonl"
BLIND = ROOT / "trellis" / "data" / "smart_corpus" / "blind5.jsonl"
CRITERIA = ("specific", "measurable", "time_bound", "vague", "achievable")
HEADLINE = ("specific", "measurable", "time_bound", "vague")

type Row = dict[str, object]
type Judge = Callable[[str], dict[str, object]]

_TIME_WORDS = re.compile(r"\b(?:within|by|until|weeks?|months?|days?)\b", re.IGNORECASE)


def naive(text: str) -> dict[str, object]:
    """The baseline: rules anyone would try first."""
    specific = len(text.split()) >= 8
    measurable = any(ch.isdigit() for ch in text)
    time_bound = bool(_TIME_WORDS.search(text))
    return {
        "specific": specific,
        "measurable": measurable,
        "time_bound": time_bound,
        "vague": not (specific or measurable or time_bound),
        "achievable": None,
    }


def smart(text: str) -> dict[str, object]:
    return analyze(text).as_dict()


def load(path: Path = CORPUS) -> list[Row]:
    """The rows of one corpus file, each with its derived ``vague`` label."""
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    for row in rows:
        row["vague"] = not (row["specific"] or row["measurable"] or row["time_bound"])
    return rows


def confusion(rows: list[Row], judge: Judge, criterion: str) -> dict[str, int]:
    """Counts of (label, prediction) pairs; for achievable the positive class is False."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    positive: object = criterion != "achievable"
    for row in rows:
        label = row[criterion] == positive
        said = judge(str(row["text"]))[criterion] == positive
        counts[("t" if label == said else "f") + ("p" if said else "n")] += 1
    return counts


def accuracy(counts: dict[str, int]) -> float:
    total = sum(counts.values())
    return (counts["tp"] + counts["tn"]) / total if total else 0.0


def report(name: str, rows: list[Row], judge: Judge) -> dict[str, float]:
    print(f"\n{name}: {len(rows)} statements")
    print(f"  {'criterion':<12} {'accuracy':>8}   tp   fp   fn   tn")
    scores: dict[str, float] = {}
    for criterion in CRITERIA:
        counts = confusion(rows, judge, criterion)
        scores[criterion] = accuracy(counts)
        cells = "".join(f"{counts[key]:>5}" for key in ("tp", "fp", "fn", "tn"))
        print(f"  {criterion:<12} {scores[criterion]:>8.3f}{cells}")
    return scores


def main() -> None:
    rows, first, fourth, blind = load(), load(FIRST_BLIND), load(BLIND4), load(BLIND)
    splits = {split: [r for r in rows if r["split"] == split] for split in ("dev", "holdout")}
    sizes = " + ".join(str(len(part)) for part in (rows, first, fourth, blind))
    print(f"corpus: {sizes} statements ({CORPUS.parent.name})")
    report("analyzer, tuning part (dev)", splits["dev"], smart)
    report("analyzer, older holdout (batches 1-2)", splits["holdout"], smart)
    report("analyzer, first blind part (batch 3; read and tuned on after 1st run)", first, smart)
    report("analyzer, second blind part (batch 4; read and tuned on after 1st run)", fourth, smart)
    if "--tuning-only" in sys.argv[1:]:
        return
    scores = report("analyzer, blind part (batch 5, never read while tuning)", blind, smart)
    baseline = report("naive baseline, blind part", blind, naive)
    value = min(scores[c] for c in HEADLINE)
    base = min(baseline[c] for c in HEADLINE)
    line = {
        "name": "smart_accuracy_blind_min",
        "value": round(value, 4),
        "unit": "fraction",
        "baseline": round(base, 4),
        "ratio": round(value / base, 3) if base else None,
    }
    print(json.dumps(line))


if __name__ == "__main__":
    main()
