"""SMART analyzer speed: 1,000 statements, against a loop that only splits the text.

Run from the repo root: ``python bench/smart_speed.py``. The statements are the labeled
corpus repeated to 1,000. The analyzer caches no result; its only cache (the words of the
last 64 strings it read, shared by the modules reading one statement) is far smaller than
the corpus cycle, so a repeat costs what the first reading did. Each loop runs five times
and the fastest run counts, to keep machine noise out.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trellis.core.smart import analyze  # noqa: E402 - after the path is set

CORPUS = ROOT / "trellis" / "data" / "smart_corpus" / "corpus.jsonl"
COUNT = 1000
RUNS = 5


def statements() -> list[str]:
    with CORPUS.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    return list(islice(cycle(texts), COUNT))


def fastest(work: Callable[[str], object], texts: list[str]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        for text in texts:
            work(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    texts = statements()
    analyze(texts[0])  # import-time work (compiling patterns) is not per statement
    value = fastest(analyze, texts)
    baseline = fastest(lambda text: text.lower().split(), texts)
    print(f"analyze x{COUNT}: {value:.4f} s ({value / COUNT * 1e6:.0f} us each)")
    print(f"lower().split() x{COUNT}: {baseline:.6f} s")
    line = {
        "name": "smart_analyze_1000",
        "value": round(value, 4),
        "unit": "s",
        "baseline": round(baseline, 6),
        "ratio": round(value / baseline, 1),
    }
    print(json.dumps(line))


if __name__ == "__main__":
    main()
