"""The PCL-5's DSM-5 provisional-diagnosis rule, read from the answers, not the total.

Source: National Center for PTSD, "PTSD Checklist for DSM-5 (PCL-5)": treat each item rated
2 ("Moderately") or higher as a symptom endorsed, then apply the DSM-5 rule of at least
1 B item (questions 1-5), 1 C item (6-7), 2 D items (8-14) and 2 E items (15-20).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from trellis.core.measures import InstrumentFileError, load_instrument, score

from .helpers import instrument

FLAG = "dsm5_provisional_ptsd"
DATA = Path(__file__).resolve().parents[3] / "trellis" / "data" / "instruments"


def answers(**rated: int) -> list[int]:
    """Twenty answers of 0 with the named items (``q1=2``) set."""
    raw = [0] * 20
    for key, value in rated.items():
        raw[int(key[1:]) - 1] = value
    return raw


# The smallest pattern: one B, one C, two D, two E, each at 2 -> total 6 x 2 = 12.
MINIMAL = {"q1": 2, "q6": 2, "q8": 2, "q9": 2, "q15": 2, "q16": 2}


def test_total_12_meets_the_pattern_below_the_cut_point() -> None:
    result = score(instrument("PCL-5"), answers(**MINIMAL))
    assert result.total == 12
    assert FLAG in result.flags  # the pattern holds though 12 is far below 31-33


def test_total_40_misses_the_pattern_with_no_avoidance() -> None:
    # B items 1-5 at 4 (20) and D items 8-12 at 4 (20): total 40, but C (6-7) has none.
    rated = {f"q{n}": 4 for n in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12)}
    result = score(instrument("PCL-5"), answers(**rated))
    assert result.total == 40
    assert FLAG not in result.flags


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"q1": 1}, "B: an item rated 1 ('A little bit') is not a symptom"),
        ({"q6": 1}, "C: none at 2 or more"),
        ({"q9": 1}, "D: only one symptom, two needed"),
        ({"q16": 0}, "E: only one symptom, two needed"),
    ],
)
def test_one_cluster_short_of_the_rule(change: dict[str, int], why: str) -> None:
    result = score(instrument("PCL-5"), answers(**{**MINIMAL, **change}))
    assert FLAG not in result.flags, why


def test_symptoms_anywhere_in_a_cluster_count() -> None:
    # B via item 5, C via item 7, D via 13 and 14, E via 19 and 20; item ratings of 3 and 4.
    rated = {"q5": 3, "q7": 4, "q13": 2, "q14": 3, "q19": 2, "q20": 4}
    assert FLAG in score(instrument("PCL-5"), answers(**rated)).flags


def _pcl5() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((DATA / "pcl5.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda rule: rule["clusters"][0].update(subscale="Z"),
            "cluster_rules[0].clusters[0].subscale: unknown subscale 'Z'",
        ),
        (
            lambda rule: rule["clusters"][1].update(at_least=3),
            "cluster_rules[0].clusters[1].at_least: must be between 1 and 2",
        ),
        (
            lambda rule: rule.update(item_at_least=5),
            "cluster_rules[0].item_at_least: must be between 1 and 4",
        ),
        (lambda rule: rule.pop("source"), "cluster_rules[0].source: is required"),
    ],
)
def test_a_broken_cluster_rule_is_refused_naming_the_field(
    tmp_path: Path, edit: Any, message: str
) -> None:
    data = _pcl5()
    edit(data["cluster_rules"][0])
    path = tmp_path / "pcl5.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentFileError) as caught:
        load_instrument(path)
    assert message in str(caught.value)
