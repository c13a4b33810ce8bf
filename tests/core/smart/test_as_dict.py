"""The CLI's JSON shape (issue 4): exact keys, order and values for the issue's example."""

from __future__ import annotations

import json

from trellis.core.smart import analyze

EXAMPLE = "Reduce worry so that GAD-7 drops by 60% within 12 weeks"
EXPECTED = (
    '{"specific": true, "measurable": true, "achievable": null, "relevant": null, '
    '"time_bound": true, "vague": false, "measure": "GAD-7", "target": {"value": 60, '
    '"unit": "percent"}, "deadline": "12 weeks", "suggestions": []}'
)


def test_the_issue_example_gives_exactly_the_issue_json() -> None:
    assert json.dumps(analyze(EXAMPLE).as_dict()) == EXPECTED


def test_a_trailing_full_stop_changes_nothing() -> None:
    assert json.dumps(analyze(EXAMPLE + ".").as_dict()) == EXPECTED


def test_explain_gives_evidence_and_a_reason_per_criterion() -> None:
    explained = analyze(EXAMPLE).explain()
    assert list(explained) == ["specific", "measurable", "achievable", "relevant", "time_bound"]
    assert explained["specific"]["evidence"] == ["worry", "GAD-7"]
    assert explained["measurable"]["evidence"] == ["GAD-7", "60%"]
    assert explained["time_bound"]["evidence"] == ["within 12 weeks"]
    assert all(entry["reason"] for entry in explained.values())


def test_the_result_is_json_serializable_for_every_kind_of_target() -> None:
    for text in (
        "Client will reduce PHQ-9 from 18 to 9 or lower by the 10th session.",
        "Client will sleep 7 to 8 hours per night within four weeks.",
        "Client will be in bed by 10:30 pm.",
        "Client will stay sober for 6 months.",
    ):
        json.dumps(analyze(text).as_dict())
