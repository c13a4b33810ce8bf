"""An imported instrument carries critical items, and one that is a shipped instrument with
critical items in disguise must declare them (issue 10: an imported PHQ-9, LOINC 44249-1,
raised no flag on item 9)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.core.measures.test_fhir import WEIGHT, _options
from tests.factories import actor
from trellis.core.measures import InstrumentFileError, builtin_instruments, instrument_from_fhir
from trellis.core.measures.fhir import CRITICAL_AT_LEAST
from trellis.core.measures.lookalike import missing_critical_items
from trellis.measures import services
from trellis.measures.models import CustomInstrument

pytestmark = pytest.mark.django_db
PHQ9_ITEMS = [i.text for i in builtin_instruments()["PHQ-9"].items]


def phq9_questionnaire(*, loinc: str | None = "44249-1", critical: Any = None) -> dict:
    items = []
    for number, text in enumerate(PHQ9_ITEMS, 1):
        item: dict[str, Any] = {
            "linkId": f"q{number}",
            "type": "choice",
            "text": text,
            "answerOption": _options(WEIGHT),
        }
        if number == 9 and critical is not None:
            item["extension"] = [{"url": CRITICAL_AT_LEAST, "valueInteger": critical}]
        items.append(item)
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "name": "ImportedPHQ9",
        "title": "PHQ-9 from another system",
        "item": items,
    }
    if loinc:
        resource["code"] = [{"system": "http://loinc.org", "code": loinc}]
    return resource


def _upload(cast, resource: dict) -> CustomInstrument:
    return services.custom_instrument_add(
        actor=actor(cast.admin), file_name="phq9.json", source=json.dumps(resource)
    )


def test_the_critical_extension_becomes_a_critical_item(cast) -> None:
    row = _upload(cast, phq9_questionnaire(critical=1))
    imported = instrument_from_fhir(json.loads(row.source))
    [critical] = imported.critical
    assert (critical.item, critical.at_least, critical.flag) == (9, 1, "item9_positive")
    score = services.administration_record(
        actor=actor(cast.clinician),
        client=cast.client,
        instrument=imported,
        answers=[0, 0, 0, 0, 0, 0, 0, 0, 1],
    )
    assert score.is_critical and score.flags == ["item9_positive"]


@pytest.mark.parametrize(
    ("loinc", "why"),
    [
        ("44249-1", "its LOINC code 44249-1 is the PHQ-9's"),
        (None, "its item 9 reads as the PHQ-9's item 9"),
    ],
)
def test_a_phq9_without_its_critical_item_is_refused(cast, loinc, why) -> None:
    with pytest.raises(ValidationError) as caught:
        _upload(cast, phq9_questionnaire(loinc=loinc))
    message = caught.value.message_dict["file"][0]
    assert message.startswith("phq9.json: critical: declares no critical items, but " + why)
    assert not CustomInstrument.objects.exists()


def test_our_format_is_held_to_the_same_rule() -> None:
    phq9 = builtin_instruments()["PHQ-9"]
    from dataclasses import replace

    assert missing_critical_items(phq9, builtin_instruments().values()) is None
    stripped = replace(phq9, id="MY-PHQ", critical=())
    assert "PHQ-9" in (missing_critical_items(stripped, builtin_instruments().values()) or "")


@pytest.mark.parametrize("value", [0, 7, "1", True])
def test_a_bad_critical_threshold_names_the_item(value) -> None:
    with pytest.raises(InstrumentFileError) as caught:
        instrument_from_fhir(phq9_questionnaire(critical=value), source="q.json")
    assert str(caught.value).startswith("q.json: item[8].extension:")


def test_an_unrelated_questionnaire_needs_no_critical_item(cast) -> None:
    from tests.core.measures.test_fhir import questionnaire

    assert _upload(cast, questionnaire()).instrument_id == "GAD2Example"
