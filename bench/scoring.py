"""Scoring speed: 100,000 answer sets, against a loop that only sums the same answers.

Run from the repo root: ``python bench/scoring.py``. The answer sets are random but valid
(each answer one of its item's options), drawn with a fixed seed, spread evenly over
PHQ-9, GAD-7, DASS-21 and PCL-5. ``score`` caches nothing, so every call does the full
work. Each loop runs five times and the fastest run counts, to keep machine noise out.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trellis.core.measures import Instrument, builtin_instruments, score  # noqa: E402

INSTRUMENTS = ("PHQ-9", "GAD-7", "DASS-21", "PCL-5")
COUNT = 100_000
RUNS = 5
SEED = 20_240_601

AnswerSet = tuple[Instrument, list[int]]


def answer_sets() -> list[AnswerSet]:
    """COUNT valid answer sets, the instruments taking turns."""
    rng = random.Random(SEED)
    shipped = builtin_instruments()
    chosen = [shipped[instrument_id] for instrument_id in INSTRUMENTS]
    sets: list[AnswerSet] = []
    for index in range(COUNT):
        instrument = chosen[index % len(chosen)]
        answers = [rng.choice(sorted(item.values)) for item in instrument.items]
        sets.append((instrument, answers))
    return sets


def fastest(work: Callable[[Instrument, list[int]], object], sets: Sequence[AnswerSet]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        for instrument, answers in sets:
            work(instrument, answers)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    sets = answer_sets()
    value = fastest(score, sets) / COUNT * 1e6
    baseline = fastest(lambda instrument, answers: sum(answers), sets) / COUNT * 1e6
    print(f"score x{COUNT} ({', '.join(INSTRUMENTS)}): {value:.2f} us each")
    print(f"sum() x{COUNT}: {baseline:.3f} us each")
    line = {
        "name": "scoring",
        "value": round(value, 2),
        "unit": "us/score",
        "baseline": round(baseline, 3),
        "ratio": round(value / baseline, 1),
    }
    print(json.dumps(line))


if __name__ == "__main__":
    main()
