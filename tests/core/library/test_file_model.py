"""The template file format as pydantic models: messages in our words, and the schema.

``test_broken_templates`` holds the messages that are the contract; these cover what
pydantic itself reports, and the JSON Schema published for authors' editors.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from trellis.core.library import (
    AGE_GROUPS,
    MODALITIES,
    TemplateFileError,
    builtin_templates,
    parse_template,
)
from trellis.core.library.file_model import TemplateFile, template_json_schema
from trellis.core.planning.targets import KINDS

from .helpers import minimal_data

DATA = Path(__file__).resolve().parents[3] / "trellis" / "data" / "templates"
FILES = sorted(DATA.glob("*.yaml"))
FILE = "worry-adult-cbt.yaml"


def _message(data: dict[str, Any]) -> str:
    with pytest.raises(TemplateFileError) as caught:
        parse_template(data, FILE)
    return str(caught.value)


def test_an_adaptation_named_by_a_number_is_named_as_written() -> None:
    data = minimal_data()
    data["adaptations"] = {1: "x"}
    assert _message(data) == (
        f"{FILE}: adaptations.1: must be named in lower case with underscores "
        "(child_teen, cultural)"
    )


def test_adaptations_that_are_not_a_mapping() -> None:
    data = minimal_data()
    data["adaptations"] = ["cultural"]
    assert _message(data) == (
        f"{FILE}: adaptations: must map a name (child_teen, cultural...) to a text"
    )


def test_an_intervention_that_is_not_a_mapping() -> None:
    data = minimal_data()
    data["problems"][0]["goals"][0]["objectives"][0]["interventions"][1] = "Explain worry"
    assert _message(data) == (
        f"{FILE}: problems[0].goals[0].objectives[0].interventions[1]: must be a mapping of "
        "fields, not text 'Explain worry'"
    )


def test_a_missing_nested_field_names_its_place() -> None:
    data = minimal_data()
    del data["problems"][0]["goals"][0]["objectives"][0]["interventions"][0]["frequency"]
    assert _message(data) == (
        f"{FILE}: problems[0].goals[0].objectives[0].interventions[0].frequency: is required"
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_file_fits_the_model(path: Path) -> None:
    model = TemplateFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert model.id in builtin_templates()


def test_the_schema_publishes_the_file_s_top_level_fields() -> None:
    schema = template_json_schema()
    assert json.loads(json.dumps(schema)) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert set(schema["properties"]) == TemplateFile.allowed()
    assert set(schema["properties"]) - set(schema["required"]) == {"adaptations"}
    for name, definition in schema["$defs"].items():
        assert definition["additionalProperties"] is False, name


def test_the_schema_gives_the_words_the_loader_accepts() -> None:
    schema = template_json_schema()
    assert schema["properties"]["age_group"]["enum"] == list(AGE_GROUPS)
    assert schema["properties"]["modality"]["enum"] == list(MODALITIES)
    target = schema["$defs"]["TargetEntry"]["properties"]
    assert target["kind"]["enum"] == list(KINDS)


@pytest.mark.skipif(
    importlib.util.find_spec("jsonschema") is None, reason="jsonschema is not installed"
)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_file_validates_against_the_schema(path: Path) -> None:
    import jsonschema

    schema = template_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
