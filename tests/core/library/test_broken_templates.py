"""A broken template is refused with a message naming the file and the field."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from trellis.core.library import TemplateFileError, parse_template, parse_template_text

from .helpers import MINIMAL, minimal_data

FILE = "worry-adult-cbt.yaml"
OBJECTIVE = "problems[0].goals[0].objectives[0]"
Edit = Callable[[dict[str, Any]], None]


def _at(data: dict[str, Any], path: str) -> tuple[Any, str | int]:
    """The container holding a dotted path's last key (``problems.0.goals``)."""
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    return node, int(last) if last.isdigit() else last


def _set(path: str, value: object) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node, key = _at(data, path)
        node[key] = value

    return edit


def _delete(path: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node, key = _at(data, path)
        del node[key]

    return edit


OBJ = "problems.0.goals.0.objectives.0"
CASES: list[tuple[str, Edit, str]] = [
    ("missing field", _delete("title"), "title: is required"),
    ("typo field", _set("keywrods", ["x"]), "keywrods: unknown field"),
    ("typo nested field", _set(f"{OBJ}.dealine", "x"), f"{OBJECTIVE}.dealine: unknown field"),
    ("unknown age group", _set("age_group", "teen"), "age_group: must be one of child, "),
    ("unknown modality", _set("modality", "hypnosis"), "modality: must be one of cbt, cbt_i"),
    (
        "unknown intervention modality",
        _set(f"{OBJ}.interventions.1.modality", "CBT"),
        f"{OBJECTIVE}.interventions[1].modality: must be one of",
    ),
    ("empty title", _set("title", "  "), "title: must not be empty"),
    ("title not text", _set("title", 12), "title: must be text, not 12"),
    (
        "zero sessions",
        _set("expected_sessions", 0),
        "expected_sessions: must be a whole number from 1",
    ),
    (
        "review days as text",
        _set("review_interval_days", "90"),
        "review_interval_days: must be a whole number",
    ),
    ("icd10 not a list", _set("icd10", "F41.1"), "icd10: must be a list"),
    ("icd10 empty", _set("icd10", []), "icd10: must not be empty"),
    (
        "icd10 badly written",
        _set("icd10", ["f41.1"]),
        "icd10[0]: 'f41.1' is not written as an ICD-10-CM code",
    ),
    ("icd10 twice", _set("icd10", ["F41.1", "F41.1"]), "icd10[1]: code 'F41.1' is listed twice"),
    (
        "problem code not the template's",
        _set("problems.0.icd10", "F41.0"),
        "problems[0].icd10: F41.0 is not among the template's codes (F41.1)",
    ),
    ("no problems", _set("problems", []), "problems: must not be empty"),
    (
        "goal without objective",
        _set("problems.0.goals.0.objectives", []),
        "problems[0].goals[0].objectives: must not be empty",
    ),
    (
        "objective without intervention",
        _set(f"{OBJ}.interventions", []),
        f"{OBJECTIVE}.interventions: must not be empty",
    ),
    (
        "objective without deadline",
        _delete(f"{OBJ}.deadline"),
        f"{OBJECTIVE}.deadline: is required",
    ),
    (
        "unreadable deadline",
        _set(f"{OBJ}.deadline", "soon"),
        f"{OBJECTIVE}.deadline: Cannot read the deadline 'soon'",
    ),
    (
        "bad kind",
        _set(f"{OBJ}.target.kind", "below"),
        f"{OBJECTIVE}.target.kind: must be one of at_or_below, ",
    ),
    (
        "value on reliable_improvement",
        _set("problems.0.goals.0.target.kind", "reliable_improvement"),
        "problems[0].goals[0].target.value: is not used when kind is reliable_improvement",
    ),
    (
        "no value on at_or_below",
        _delete("problems.0.goals.0.target.value"),
        "problems[0].goals[0].target.value: is required when kind is at_or_below",
    ),
    (
        "value as text",
        _set("problems.0.goals.0.target.value", "nine"),
        "problems[0].goals[0].target.value: must be a number",
    ),
    (
        "percent above 100",
        _set(f"{OBJ}.target", {"instrument": "PSWQ", "kind": "down_by_percent", "value": 150}),
        f"{OBJECTIVE}.target.value: must be a percentage above 0 and at most 100",
    ),
    (
        "negative points",
        _set(f"{OBJ}.target.value", -3),
        f"{OBJECTIVE}.target.value: must be above 0",
    ),
    (
        "target deadline unreadable",
        _set("problems.0.goals.0.target.deadline", "by spring"),
        "problems[0].goals[0].target.deadline: Cannot read the deadline",
    ),
    (
        "every_weeks 0",
        _set("measures.0.every_weeks", 0),
        "measures[0].every_weeks: must be a whole number of weeks from 1 to 52",
    ),
    (
        "every_weeks 53",
        _set("measures.1.every_weeks", 53),
        "measures[1].every_weeks: must be a whole number of weeks from 1 to 52",
    ),
    (
        "measure twice",
        _set("measures.1.instrument", "GAD-7"),
        "measures[1].instrument: GAD-7 is scheduled twice",
    ),
    (
        "reference id twice",
        _set("references", [{"id": "a", "citation": "A"}, {"id": "a", "citation": "B"}]),
        "references[1].id: reference id 'a' is used twice",
    ),
    (
        "unknown source",
        _set(f"{OBJ}.interventions.0.source", "nice-cg90"),
        f"{OBJECTIVE}.interventions[0].source: unknown reference 'nice-cg90' "
        "(references: nice-cg113)",
    ),
    (
        "bad id",
        _set("id", "Worry_CBT"),
        "id: must be lower-case letters and digits joined by hyphens",
    ),
    (
        "adaptation key",
        _set("adaptations", {"Child Teen": "x"}),
        "adaptations.Child Teen: must be named in lower case",
    ),
    (
        "empty adaptation",
        _set("adaptations.cultural", ""),
        "adaptations.cultural: must not be empty",
    ),
    (
        "yes/no as text",
        _set("session_frequency", True),
        "session_frequency: must be text, not true (a yes/no value) (quote yes/no/on/off in YAML)",
    ),
]


@pytest.mark.parametrize(("edit", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_template_names_file_and_field(edit: Edit, message: str) -> None:
    data = minimal_data()
    edit(data)
    with pytest.raises(TemplateFileError) as caught:
        parse_template(data, FILE)
    assert str(caught.value).startswith(f"{FILE}: {message}")
    assert caught.value.file == FILE
    assert str(caught.value) == f"{FILE}: {caught.value.path}: {caught.value.problem}"


def test_duplicate_yaml_key_is_refused_with_its_line() -> None:
    text = MINIMAL.replace("modality: cbt\n", "modality: cbt\nmodality: act\n", 1)
    with pytest.raises(
        TemplateFileError, match=rf"^{FILE}: line 8: not valid YAML \(duplicate key 'modality'\)"
    ):
        parse_template_text(text, FILE)


def test_duplicate_nested_yaml_key_is_refused() -> None:
    text = MINIMAL.replace(
        "                frequency: Weekly\n",
        "                frequency: Weekly\n                frequency: Daily\n",
    )
    with pytest.raises(TemplateFileError, match="duplicate key 'frequency'"):
        parse_template_text(text, FILE)


def test_duplicate_json_key_is_refused() -> None:
    text = json.dumps(minimal_data())
    text = text.replace('"modality": "cbt",', '"modality": "cbt", "modality": "act",', 1)
    with pytest.raises(
        TemplateFileError, match=r"^t\.json: not valid JSON \(duplicate key 'modality'\)"
    ):
        parse_template_text(text, "t.json")


def test_yaml_syntax_error_names_the_line() -> None:
    with pytest.raises(TemplateFileError, match=rf"^{FILE}: line 2: not valid YAML"):
        parse_template_text("id: x\ntitle: a: b\n", FILE)


def test_json_syntax_error_names_the_line() -> None:
    with pytest.raises(TemplateFileError, match=r"^t\.json: line 2: not valid JSON"):
        parse_template_text('{"id": "x",\n "title" "y"}', "t.json")


def test_a_file_that_is_not_a_mapping() -> None:
    with pytest.raises(
        TemplateFileError, match=rf"^{FILE}: must be a mapping of fields, not a list"
    ):
        parse_template_text("- id: x\n", FILE)
