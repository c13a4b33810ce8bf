"""template_to_dict gives the file's shape back: JSON-ready, and it loads to the same template."""

from __future__ import annotations

import json
from dataclasses import replace

import yaml

from trellis.core.library import parse_template, parse_template_text, template_to_dict

from .helpers import minimal, minimal_data


def test_dict_has_the_keys_of_the_file_in_its_order() -> None:
    data = template_to_dict(minimal())
    assert list(data) == list(minimal_data())
    objective = data["problems"][0]["goals"][0]["objectives"][0]  # type: ignore[index]
    assert objective == {
        "statement": "Within 4 weeks, the client will keep a worry log on at least 5 days a week.",
        "deadline": "within 4 weeks",
        "target": {"instrument": "PSWQ", "kind": "down_by_points", "value": 10},
        "interventions": [
            {
                "modality": "cbt",
                "description": "Teach the worry log and review it each session.",
                "frequency": "Weekly",
                "delivered_by": "Therapist",
                "source": "nice-cg113",
            },
            {
                "modality": "psychoeducation",
                "description": "Explain the worry cycle.",
                "frequency": "Once",
                "source": "nice-cg113",
            },
        ],
    }


def test_dict_loads_back_to_an_equal_template() -> None:
    template = minimal()
    again = parse_template(template_to_dict(template), "copy.yaml")
    assert again == replace(template, source_file="copy.yaml")


def test_round_trip_through_json_and_yaml_text() -> None:
    template = minimal()
    as_json = json.dumps(template_to_dict(template))
    as_yaml = yaml.safe_dump(template_to_dict(template), allow_unicode=True, sort_keys=False)
    assert parse_template_text(as_json, "t.json") == replace(template, source_file="t.json")
    assert parse_template_text(as_yaml, "t.yaml") == replace(template, source_file="t.yaml")


def test_empty_optional_parts_are_left_out() -> None:
    template = replace(minimal(), adaptations={})
    data = template_to_dict(template)
    assert "adaptations" not in data
    assert parse_template(data, "t.yaml") == replace(template, source_file="t.yaml")
