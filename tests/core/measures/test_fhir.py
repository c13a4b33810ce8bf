"""Importing a FHIR R4 Questionnaire whose answer options carry scores."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from trellis.core.measures import (
    AnswerError,
    InstrumentFileError,
    instrument_from_fhir,
    load_instrument,
    score,
)

WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
FREQUENCY = ["Not at all", "Several days", "More than half the days", "Nearly every day"]


def _options(url: str, on_coding: bool = False) -> list[dict[str, Any]]:
    options = []
    for weight, display in enumerate(FREQUENCY):
        extension = [{"url": url, "valueDecimal": float(weight)}]
        coding: dict[str, Any] = {
            "system": "http://loinc.org",
            "code": f"LA{weight}",
            "display": display,
        }
        option: dict[str, Any] = {"valueCoding": coding}
        if on_coding:
            coding["extension"] = extension
        else:
            option["extension"] = extension
        options.append(option)
    return options


def questionnaire() -> dict[str, Any]:
    """A GAD-2-like Questionnaire: a group, a display item, two scored items, a total."""
    return {
        "resourceType": "Questionnaire",
        "id": "gad-2-example",
        "name": "GAD2Example",
        "title": "Two anxiety questions",
        "status": "active",
        "code": [{"system": "http://loinc.org", "code": "69725-0", "display": "example"}],
        "copyright": "Example copyright text.",
        "item": [
            {"linkId": "intro", "type": "display", "text": "Over the last 2 weeks..."},
            {
                "linkId": "g1",
                "type": "group",
                "item": [
                    {
                        "linkId": "q1",
                        "type": "choice",
                        "text": "Feeling nervous, anxious, or on edge",
                        "answerOption": _options(WEIGHT),
                    },
                    {
                        "linkId": "q2",
                        "type": "choice",
                        "text": "Not being able to stop or control worrying",
                        "_text": {"extension": []},
                        "answerOption": _options(ORDINAL, on_coding=True),
                    },
                ],
            },
            {"linkId": "total", "type": "integer", "readOnly": True, "text": "Total score"},
        ],
    }


def test_questionnaire_becomes_a_scorable_instrument() -> None:
    inst = instrument_from_fhir(questionnaire(), source="gad2.json")
    assert (inst.id, inst.name) == ("GAD2Example", "Two anxiety questions")
    assert [item.text for item in inst.items] == [
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
    ]
    assert [option.text for option in inst.items[1].options] == FREQUENCY
    assert (inst.min_score, inst.max_score) == (0, 6)
    assert inst.bands == () and inst.loinc.panel == "69725-0"
    assert inst.licence is not None and inst.licence.text == "Example copyright text."
    result = score(inst, [2, 3])
    assert result.as_dict() == {
        "instrument": "GAD2Example",
        "total": 5,
        "severity": None,  # a Questionnaire carries no bands
        "subscales": {},
        "flags": [],
        "min": 0,
        "max": 6,
    }
    with pytest.raises(AnswerError, match="item 1: 4 is not one of the options"):
        score(inst, [4, 0])


def test_load_instrument_recognizes_a_questionnaire_file(tmp_path: Path) -> None:
    path = tmp_path / "gad2.json"
    path.write_text(json.dumps(questionnaire()), encoding="utf-8")
    assert load_instrument(path).id == "GAD2Example"


def _broken(edit: str) -> dict[str, Any]:
    data = copy.deepcopy(questionnaire())
    option = data["item"][1]["item"][0]["answerOption"][2]
    if edit == "no weight":
        del option["extension"]
    elif edit == "half":
        option["extension"][0]["valueDecimal"] = 0.5
    elif edit == "duplicate":
        option["extension"][0]["valueDecimal"] = 1
    elif edit == "no options":
        del data["item"][1]["item"][0]["answerOption"]
    return data


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("no weight", "gad2.json: item[1].item[0].answerOption[2]: has no score"),
        ("half", "gad2.json: item[1].item[0].answerOption[2]: score 0.5 is not a whole number"),
        ("duplicate", "gad2.json: item[1].item[0].answerOption[2]: score 1 is used by another"),
    ],
)
def test_broken_questionnaire_names_the_answer_option(edit: str, message: str) -> None:
    with pytest.raises(InstrumentFileError) as caught:
        instrument_from_fhir(_broken(edit), source="gad2.json")
    assert str(caught.value).startswith(message), str(caught.value)


def test_questionnaire_without_scored_items() -> None:
    data = questionnaire()
    data["item"] = [data["item"][0]]
    with pytest.raises(InstrumentFileError, match=r"q\.json: item: has no choice items"):
        instrument_from_fhir(data, source="q.json")


def test_not_a_questionnaire() -> None:
    with pytest.raises(
        InstrumentFileError, match=r"p\.json: resourceType: must be 'Questionnaire'"
    ):
        instrument_from_fhir({"resourceType": "Patient"}, source="p.json")
