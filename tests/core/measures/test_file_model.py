"""The instrument file format as pydantic models: messages in our words, and the schema.

The messages of ``test_broken_files`` are the contract; these cases cover what pydantic
itself reports (unknown, missing and wrongly typed fields, deep in lists) and the two
files the hand-written reader crashed on instead of naming the field.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from trellis.core.measures import InstrumentFileError, builtin_instruments, parse_instrument
from trellis.core.measures.file_model import InstrumentFile, instrument_json_schema

DATA = Path(__file__).resolve().parents[3] / "trellis" / "data" / "instruments"
FILES = sorted(DATA.glob("*.yaml"))


def _data(name: str) -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))


def _message(data: dict[str, Any], file: str = "mood3.yaml") -> str:
    with pytest.raises(InstrumentFileError) as caught:
        parse_instrument(data, file)
    assert caught.value.file == file
    assert str(caught.value) == f"{file}: {caught.value.path}: {caught.value.problem}"
    return str(caught.value)


def test_a_wrong_value_deep_in_a_list_names_the_indexed_field() -> None:
    data = _data("phq9.yaml")
    data["scoring"]["options"][2]["value"] = 1.5
    assert _message(data) == "mood3.yaml: scoring.options[2].value: must be a whole number, not 1.5"


def test_a_misspelt_required_field_is_reported_as_the_typo() -> None:
    data = _data("phq9.yaml")
    data["scorng"] = data.pop("scoring")
    message = _message(data)
    assert message.startswith("mood3.yaml: scorng: unknown field (expected one of: bands, ")
    assert "scoring" in message


def test_an_unknown_field_in_a_nested_block_lists_the_block_s_fields() -> None:
    data = _data("phq9.yaml")
    data["bands"][1]["maximum"] = 9
    assert _message(data) == (
        "mood3.yaml: bands[1].maximum: unknown field (expected one of: label, max, min, "
        "note, source)"
    )


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("scoring", "range"), [0, "27"], "scoring.range[1]: must be a number, not text '27'"),
        (("scoring", "range"), [0, 9, 27], "scoring.range: must be [lowest, highest]"),
        (("bands", 0, "source"), ["kroenke2001", ""], "bands[0].source[1]: must not be empty"),
        (("bands", 0, "max"), float("inf"), "bands[0].max: must be a finite number"),
        (("critical",), [], "critical: must not be empty"),
        (("critical",), None, "critical: must be a list, not empty"),
        (("licence",), "free", "licence: must be a mapping of fields, not text 'free'"),
        (("references", 0, "year"), 1700, "references[0].year: must be a year such as 2001"),
        (("scoring", "multiplier"), 0, "scoring.multiplier: must be above 0"),
        (("scoring", "higher_is"), "lower", "scoring.higher_is: must be one of worse, better"),
        # A note is words for whoever maintains the file; a number there was a slip.
        (("bands", 0, "note"), 4, "bands[0].note: must be text, not 4"),
    ],
)
def test_structural_refusals_read_as_before(
    path: tuple[str | int, ...], value: object, message: str
) -> None:
    data = _data("phq9.yaml")
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert _message(data).startswith(f"mood3.yaml: {message}")


def test_a_reliability_without_an_sd_names_the_reliability() -> None:
    """The old reader raised KeyError here: it pointed at ``sd``, which the file left out."""
    data = _data("phq9.yaml")
    change = data["change"]
    del change["sd"]
    change["reliable_change"] = None
    change["reliability"] = {"value": 0.89, "source": "kroenke2001"}
    assert _message(data).startswith(
        "mood3.yaml: change.reliability: the RCI needs both an sd and a reliability"
    )


def test_prorating_per_subscale_without_subscales_names_the_rule() -> None:
    """The old reader raised ValueError (min of no groups) for this DASS-21 edit."""
    data = _data("dass21.yaml")
    del data["subscales"]
    assert _message(data, "dass21.yaml") == (
        "dass21.yaml: missing.per: prorating per subscale needs subscales that hold every item once"
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_file_fits_the_model(path: Path) -> None:
    model = InstrumentFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert model.id in builtin_instruments()


def test_the_schema_publishes_the_file_s_top_level_fields() -> None:
    schema = instrument_json_schema()
    assert json.loads(json.dumps(schema)) == schema  # plain JSON, nothing Python-only
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "name", "references", "licence", "scoring", "items"}
    assert set(schema["properties"]) == InstrumentFile.allowed()
    assert "construct" in schema["properties"]  # the file's name, not the Python one


def test_every_block_of_the_schema_refuses_unknown_fields() -> None:
    definitions = instrument_json_schema()["$defs"]
    assert {"BandEntry", "ChangeEntry", "CutoffEntry", "MissingEntry"} <= set(definitions)
    for name, definition in definitions.items():
        assert definition["additionalProperties"] is False, name


def test_the_schema_gives_the_words_the_loader_accepts() -> None:
    definitions = instrument_json_schema()["$defs"]
    assert definitions["Scoring"]["properties"]["higher_is"]["enum"] == ["worse", "better"]
    missing = definitions["MissingEntry"]["properties"]
    assert missing["rule"]["enum"] == ["reject", "prorate", "count_as"]
    assert missing["basis"]["enum"] == ["published", "team_reading"]
    assert definitions["BandEntry"]["required"] == ["min", "max", "label", "source"]


@pytest.mark.skipif(
    importlib.util.find_spec("jsonschema") is None, reason="jsonschema is not installed"
)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_file_validates_against_the_schema(path: Path) -> None:
    import jsonschema

    schema = instrument_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_an_optional_field_written_empty_is_refused_where_empty_means_nothing() -> None:
    """``flag:`` with nothing after it is a slip; ``url: null`` is a known unknown."""
    data = _data("auditc.yaml")
    data["cutoffs"][0]["flag"] = None
    assert _message(data, "auditc.yaml") == (
        "auditc.yaml: cutoffs[0].flag: must be text, not empty"
    )
    data = _data("auditc.yaml")
    data["cutoffs"][0]["applies_to"] = None
    assert _message(data, "auditc.yaml") == (
        "auditc.yaml: cutoffs[0].applies_to: must be a mapping of fields, not empty"
    )
    data = _data("auditc.yaml")
    data["references"][0]["url"] = None
    assert parse_instrument(data, "auditc.yaml").references[0].url is None


def test_the_schema_says_the_same_of_empty_values() -> None:
    definitions = instrument_json_schema()["$defs"]
    cutoff = definitions["CutoffEntry"]["properties"]
    assert cutoff["flag"]["type"] == "string" and "anyOf" not in cutoff["flag"]
    assert cutoff["applies_to"] == {"$ref": "#/$defs/AppliesToEntry"}
    assert {"type": "null"} in definitions["ReferenceEntry"]["properties"]["url"]["anyOf"]
    assert definitions["ScreenEntry"]["dependentRequired"] == {"any_of": ["at_least"]}
