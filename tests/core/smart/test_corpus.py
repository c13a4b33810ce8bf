"""The labeled corpus: its shape, and the analyzer's accuracy on it.

Dev is the tuning part; blind5.jsonl is the blind part, written and labeled before the
analyzer was tuned on the second blind part (blind4.jsonl) and never read while tuning.
Issue 12 asks 97% on specific, measurable, time-bound and vague on both. The older
holdout (batches 1-2) keeps its issue-4 bar of 90%; the first two blind parts
(blind.jsonl, blind4.jsonl), now read, are held to the same 97% as the tuning part.
"""

from __future__ import annotations

from collections import Counter

import pytest

from trellis.core.smart import analyze

from .helpers import BLIND, BLIND4, FIRST_BLIND, corpus

ROWS = corpus()
FIRST_BLIND_ROWS = corpus(FIRST_BLIND)
BLIND4_ROWS = corpus(BLIND4)
BLIND_ROWS = corpus(BLIND)
HEADLINE = ("specific", "measurable", "time_bound")
ISSUE_12 = (*HEADLINE, "vague")
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
        assert row["batch"] in (1, 2, 3), row["id"]
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


BLIND_PARTS = [(FIRST_BLIND_ROWS, 3), (BLIND4_ROWS, 4), (BLIND_ROWS, 5)]


@pytest.mark.parametrize(("rows", "batch"), BLIND_PARTS)
def test_blind_part_shape(rows: list[dict[str, object]], batch: int) -> None:
    assert len(rows) >= 100
    assert len({row["id"] for row in rows}) == len(rows)
    assert {row["split"] for row in rows} == {"blind"}
    assert {row["batch"] for row in rows} == {batch}
    earlier = {str(row["text"]).lower() for row in ROWS}
    for older, older_batch in BLIND_PARTS:
        if older_batch < batch:
            earlier |= {str(row["text"]).lower() for row in older}
    assert not any(str(row["text"]).lower() in earlier for row in rows), "blind rows unseen"
    if batch >= 5:  # from batch 5 on, every area and both kinds of row are written
        assert {row["area"] for row in rows} >= AREAS
        assert len(rows) >= 150
    for key in HEADLINE:
        assert 0.25 <= sum(bool(row[key]) for row in rows) / len(rows) <= 0.85, key


def _label(row: dict[str, object], criterion: str) -> object:
    if criterion == "vague":  # derived, as the analyzer derives it
        return not (row["specific"] or row["measurable"] or row["time_bound"])
    return row[criterion]


def _accuracy(split: str, criterion: str) -> float:
    parts = {"blind": BLIND_ROWS, "first_blind": FIRST_BLIND_ROWS, "blind4": BLIND4_ROWS}
    rows = parts.get(split) or [row for row in ROWS if row["split"] == split]
    right = [
        analyze(str(row["text"])).as_dict()[criterion] == _label(row, criterion) for row in rows
    ]
    return sum(right) / len(rows)


def _bar(part: str, criterion: str, short: dict[str, float], *values: str) -> object:
    """Test parameters for one criterion of one part. A criterion measured under the bar is
    an expected failure, strict: it fails the day the criterion reaches the bar, so the mark
    cannot go stale."""
    if criterion not in short:
        return pytest.param(*values)
    reason = f"{part} {criterion} measured {short[criterion]} < 0.97"
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


# Batch 4 was measured once before anyone read it (specific 0.95, measurable 0.97,
# time-bound 0.99, vague 0.97); it became a tuning part once batch 5 was written, and its
# specific errors were fixed by rules for their classes (tests/core/smart/test_specific.py).
TUNING_SHORT: dict[str, dict[str, float]] = {}
TUNING_PARTS = ("dev", "first_blind", "blind4")


@pytest.mark.parametrize(
    ("criterion", "split"),
    [
        _bar(split, c, TUNING_SHORT.get(split, {}), c, split)
        for split in TUNING_PARTS
        for c in ISSUE_12
    ],
)
def test_tuning_part_accuracy_is_at_least_97_percent(criterion: str, split: str) -> None:
    assert _accuracy(split, criterion) >= 0.97


# Measured once on batch 5 (168 statements) before anyone read it, after tuning on dev and
# batches 3-4: specific 0.929, measurable 0.946, time-bound 1.000, vague 0.958 (on the 118
# rows that are no close paraphrase of an earlier row: 0.898, 0.941, 1.000, 0.941; see the
# corpus README). Specific, measurable and vague fall short of the issue's 97%; the test
# says so (strict: it fails the day a criterion reaches the bar). To tune on batch 5 a
# fresh blind part must be written first.
BLIND_SHORT: dict[str, float] = {"specific": 0.929, "measurable": 0.946, "vague": 0.958}


@pytest.mark.parametrize("criterion", [_bar("blind5", c, BLIND_SHORT, c) for c in ISSUE_12])
def test_blind_part_accuracy_is_at_least_97_percent(criterion: str) -> None:
    assert _accuracy("blind", criterion) >= 0.97


@pytest.mark.parametrize("criterion", HEADLINE)
def test_holdout_accuracy_is_at_least_90_percent(criterion: str) -> None:
    assert _accuracy("holdout", criterion) >= 0.90


def test_dev_achievable_accuracy() -> None:
    assert _accuracy("dev", "achievable") >= 0.95
