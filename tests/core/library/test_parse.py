"""A valid template file loads into plain frozen data, from YAML, JSON or a path."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from trellis.core.library import (
    MeasureSchedule,
    Reference,
    TemplateFileError,
    TemplateIntervention,
    TemplateTarget,
    load_template,
    parse_template_text,
    template_to_dict,
)

from .helpers import MINIMAL, minimal


def test_minimal_template_loads_every_field() -> None:
    template = minimal()
    assert template.id == "worry-adult-cbt"
    assert template.title == "Worry (adult) — CBT"
    # A folded block ends with a newline; texts are stored stripped.
    assert template.summary.endswith("experiments with uncertainty.")
    assert (template.age_group, template.modality) == ("adult", "cbt")
    assert template.icd10 == ("F41.1",)
    assert template.keywords == ("worry", "anxiety", "rumination")
    assert (template.review_interval_days, template.expected_sessions) == (90, 12)
    assert template.session_frequency == "Weekly, 50 minutes"
    assert template.measures == (MeasureSchedule("GAD-7", 2), MeasureSchedule("PSWQ", 4))
    assert template.adaptations == {
        "cultural": "Ask how worry is spoken of in the client's family."
    }
    assert template.references == (
        Reference(
            "nice-cg113",
            "NICE. Generalised anxiety disorder and panic disorder in adults (CG113).",
            "https://www.nice.org.uk/guidance/cg113",
        ),
    )
    assert template.source_file == "worry-adult-cbt.yaml"


def test_nested_parts_and_counts() -> None:
    template = minimal()
    (problem,) = template.problems
    assert problem.icd10 == "F41.1"
    (goal,) = problem.goals
    assert goal.target == TemplateTarget("GAD-7", "at_or_below", 9, "within 12 weeks")
    (objective,) = goal.objectives
    assert objective.deadline == "within 4 weeks"
    assert objective.target == TemplateTarget("PSWQ", "down_by_points", 10, None)
    assert objective.interventions[0] == TemplateIntervention(
        "cbt",
        "Teach the worry log and review it each session.",
        "Weekly",
        "nice-cg113",
        "Therapist",
    )
    assert objective.interventions[1].delivered_by == ""
    assert template.counts == {"problems": 1, "goals": 1, "objectives": 1, "interventions": 2}


def test_templates_are_immutable_and_hashable() -> None:
    template = minimal()
    with pytest.raises(FrozenInstanceError):
        template.title = "Other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        template.adaptations["cultural"] = "changed"  # type: ignore[index]
    assert hash(template) == hash(minimal())
    assert template == minimal()
    assert template != replace(template, adaptations={})


def test_json_text_loads_the_same_template() -> None:
    text = json.dumps(template_to_dict(minimal()))
    assert parse_template_text(text, "worry.json") == replace(minimal(), source_file="worry.json")


def test_load_template_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "worry-adult-cbt.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_template(path) == minimal()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(TemplateFileError, match=r"^absent\.yaml: cannot be read") as caught:
        load_template(tmp_path / "absent.yaml")
    assert (caught.value.file, caught.value.path) == ("absent.yaml", "")


def test_optional_parts_may_be_left_out() -> None:
    text = (
        MINIMAL.replace(
            "adaptations:\n  cultural: Ask how worry is spoken of in the client's family.\n", ""
        )
        .replace("    icd10: F41.1\n", "")
        .replace("                delivered_by: Therapist\n", "")
        .replace("    url: https://www.nice.org.uk/guidance/cg113\n", "")
    )
    template = parse_template_text(text, "t.yaml")
    assert template.adaptations == {}
    assert template.problems[0].icd10 is None
    assert template.interventions[0].delivered_by == ""
    assert template.references[0].url is None


def test_a_template_may_schedule_no_measure() -> None:
    """Where no shipped instrument fits (insomnia), objectives count what the client records."""
    text = MINIMAL.replace(
        "  - {instrument: GAD-7, every_weeks: 2}\n  - {instrument: PSWQ, every_weeks: 4}\n", ""
    ).replace("measures:\n", "measures: []\n")
    assert parse_template_text(text, "t.yaml").measures == ()


def test_templates_pickle_and_deep_copy() -> None:
    template = minimal()
    assert pickle.loads(pickle.dumps(template)) == template  # noqa: S301 - our own data
    copied = copy.deepcopy(template)
    assert copied == template
    assert copied.adaptations == template.adaptations
