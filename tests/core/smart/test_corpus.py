"""The labeled corpus: its shape, and the analyzer's accuracy on it.

Dev is what the analyzer was tuned on (at least 95% on specific, measurable and
time-bound, as issue 4 asks). Holdout was never tuned on; its bar (90%) is a report of
how the rules carry over to statements they were not written against.
"""

from __future__ import annotations

from collections import Counter

import pytest

from trellis.core.smart import analyze

from .helpers import corpus

ROWS = corpus()
HEADLINE = ("specific", "measurable", "time_bound")
AREAS = {
    "depression", "anxiety", "trauma", "ocd", "substance", "adhd", "eating", "grief",
    "couples_family", "child_adolescent", "smi",
}  # fmt: skip


def test_every_row_has_the_documented_fields() -> None:
    for row in ROWS:
        assert set(row) == {
            "id", "area", "text", "specific", "measurable", "time_bound", "achievable",
            "split", "reason", "batch",
        }, row["id"]  # fmt: skip
        assert row["batch"] in (1, 2), row["id"]
        assert all(isinstance(row[key], bool) for key in HEADLINE), row["id"]
        assert row["achievable"] in (False, None), row["id"]
        assert row["split"] in ("dev", "holdout"), row["id"]
        assert row["text"].strip() and row["reason"].strip(), row["id"]


def test_size_split_and_coverage() -> None:
    assert len(ROWS) >= 220
    assert len({row["id"] for row in ROWS}) == len(ROWS)
    assert len({row["text"] for row in ROWS}) == len(ROWS)
    holdout = sum(row["split"] == "holdout" for row in ROWS) / len(ROWS)
    assert 0.2 <= holdout <= 0.3
    areas = Counter(row["area"] for row in ROWS)
    assert all(areas[area] >= 10 for area in AREAS), areas
    first_person = [row for row in ROWS if row["text"].startswith(("I ", "I'", "We "))]
    assert len(first_person) >= 20
    assert sum(row["achievable"] is False for row in ROWS) >= 10
    for key in HEADLINE:  # both kinds of example for every criterion
        assert 0.25 <= sum(row[key] for row in ROWS) / len(ROWS) <= 0.85, key


def _accuracy(split: str, criterion: str) -> float:
    rows = [row for row in ROWS if row["split"] == split]
    right = sum(analyze(row["text"]).as_dict()[criterion] == row[criterion] for row in rows)
    return right / len(rows)


@pytest.mark.parametrize("criterion", HEADLINE)
def test_dev_accuracy_is_at_least_95_percent(criterion: str) -> None:
    assert _accuracy("dev", criterion) >= 0.95


@pytest.mark.parametrize("criterion", HEADLINE)
def test_holdout_accuracy_is_at_least_90_percent(criterion: str) -> None:
    assert _accuracy("holdout", criterion) >= 0.90


def test_dev_achievable_accuracy() -> None:
    assert _accuracy("dev", "achievable") >= 0.95
