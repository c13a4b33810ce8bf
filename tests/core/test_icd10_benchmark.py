"""The diagnosis-search benchmark: common clinician queries find their code in the top 5.

The queries (``data/icd10_benchmark.tsv``) are written as a clinician types them; the
figure is printed so a change to the ranking shows its effect (`pytest -s`).
"""

from pathlib import Path

from trellis.core.icd10 import codes
from trellis.core.icd10_search import search

BENCHMARK = Path(__file__).parent / "data" / "icd10_benchmark.tsv"
TOP = 5


def cases() -> list[tuple[str, str]]:
    rows = []
    for line in BENCHMARK.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected = line.split("\t")
            rows.append((query, expected))
    return rows


def test_benchmark_has_at_least_50_distinct_queries_of_shipped_codes() -> None:
    rows = cases()
    assert len(rows) >= 50
    assert len({query for query, _ in rows}) == len(rows)
    assert all(codes()[expected].billable for _, expected in rows)


def test_every_benchmark_query_finds_its_code_in_the_top_5() -> None:
    rows = cases()
    misses = [
        (query, expected, [entry.code for entry in search(query, TOP).matches])
        for query, expected in rows
        if expected not in {entry.code for entry in search(query, TOP).matches}
    ]
    hits = len(rows) - len(misses)
    print(f"\nICD-10-CM search benchmark: {hits}/{len(rows)} = {hits / len(rows):.0%} in top {TOP}")
    assert misses == []
