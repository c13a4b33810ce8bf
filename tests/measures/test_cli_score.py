"""`trellis score`: one administration scored from the shell, or refused with status 2.

Expected values are worked by hand from trellis/data/instruments (phq9.yaml, dass21.yaml).
"""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

TRELLIS = Path(sys.executable).parent / "trellis"
DATA = Path(__file__).resolve().parents[2] / "trellis" / "data" / "instruments"

# 1+2+1+2+2+2+1+2+1 = 14: PHQ-9 band 10-14 "Moderate"; item 9 = 1 meets the critical
# item's at_least: 1, so item9_positive is raised.
PHQ9_14 = "1,2,1,2,2,2,1,2,1"


def trellis(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console command, as a clinician's shell would run it."""
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(TRELLIS), *args], capture_output=True, text=True, timeout=60, check=False
    )


def score(*args: str) -> str:
    out = StringIO()
    call_command("score", *args, stdout=out)
    return out.getvalue()


def test_json_is_one_line_in_the_issue_shape() -> None:
    run = trellis("score", "PHQ-9", "--responses", PHQ9_14, "--json")
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        '{"instrument": "PHQ-9", "total": 14, "severity": "moderate", "subscales": {}, '
        '"flags": ["item9_positive"], "min": 0, "max": 27}\n'
    )


@pytest.mark.parametrize(
    ("instrument", "responses", "message"),
    [
        ("PHQ-9", "1,2,1,2,2,2,1,2", "PHQ-9: expected 9 answers, got 8"),
        ("PHQ-9", "1,2,1,2,2,2,1,2,4", "item 9: 4 is not one of the options (0, 1, 2, 3)"),
        ("PHQ-9", "1,2,1,2,2,2,1,2,x", "answer 9: 'x' is not a whole number"),
        ("PHQ-9", "1,2,1,2,2,2,1,2,1.5", "answer 9: '1.5' is not a whole number"),
        ("PHQ-9", "1,2,1,2,,2,1,2,1", "item 5 not answered, and its manual gives no rule"),
        ("PHQ-10", "1", "unknown instrument 'PHQ-10'; known instruments: ASQ, AUDIT,"),
    ],
    ids=["count", "option", "text", "decimal", "missing-no-prorating", "unknown"],
)
def test_invalid_answers_exit_2_with_message_and_no_output(
    instrument: str, responses: str, message: str
) -> None:
    run = trellis("score", instrument, "--responses", responses, "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert message in run.stderr


def test_unknown_instrument_names_every_known_id() -> None:
    with pytest.raises(CommandError) as caught:
        score("PHQ-10", "--responses", "1")
    assert caught.value.returncode == 2
    for known in ("GAD-7", "DASS-21", "PCL-5", "PHQ-9", "WHO-5"):
        assert known in str(caught.value)


@pytest.mark.parametrize("name", ["phq9", "PHQ9", "phq-9", "Phq 9"])
def test_lookup_ignores_case_spaces_and_hyphens(name: str) -> None:
    assert json.loads(score(name, "--responses", PHQ9_14, "--json"))["instrument"] == "PHQ-9"


@pytest.mark.parametrize("blank", ["", "-", " "])
def test_blank_answer_is_prorated_where_the_manual_allows(blank: str) -> None:
    # DASS-21 prorates at most one missing item per scale. Item 21 is a depression item
    # (3, 5, 10, 13, 16, 17, 21): it takes the mean of the other six (1), so each scale's
    # raw sum is 7, doubled to 14: depression 14-20 "Moderate", anxiety 10-14 "Moderate",
    # stress 0-14 "Normal". Total 3 x 14 = 42; the total has no bands.
    answers = ",".join(["1"] * 20 + [blank])
    assert json.loads(score("DASS-21", "--responses", answers, "--json")) == {
        "instrument": "DASS-21",
        "total": 42,
        "severity": None,
        "subscales": {"depression": 14, "anxiety": 14, "stress": 14},
        "flags": [],
        "min": 0,
        "max": 126,
        "subscale_severity": {"depression": "moderate", "anxiety": "moderate", "stress": "normal"},
        "prorated": [21],
    }


def test_too_many_blanks_in_one_scale_are_refused() -> None:
    answers = ["1"] * 21
    answers[16] = answers[20] = ""  # items 17 and 21: both depression items
    with pytest.raises(CommandError, match="2 answers missing in subscale depression") as caught:
        score("DASS-21", "--responses", ",".join(answers))
    assert caught.value.returncode == 2


def test_summary_without_json_reads_at_a_glance() -> None:
    assert score("PHQ-9", "--responses", PHQ9_14).splitlines() == [
        "PHQ-9: 14 (range 0-27), severity: moderate",
        "flags: item9_positive",
    ]


def test_summary_shows_subscales_and_prorated_items() -> None:
    lines = score("DASS-21", "--responses", ",".join(["1"] * 20 + ["-"])).splitlines()
    assert lines == [
        "DASS-21: 42 (range 0-126), severity: no band",
        "  depression: 14 (moderate)",
        "  anxiety: 14 (moderate)",
        "  stress: 14 (normal)",
        "prorated items: 21",
    ]


def test_custom_yaml_file_is_scored_like_a_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "phq9.yaml"
    path.write_text((DATA / "phq9.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = json.loads(score("--file", str(path), "--responses", PHQ9_14, "--json"))
    assert (result["instrument"], result["total"], result["severity"]) == ("PHQ-9", 14, "moderate")


def test_custom_fhir_questionnaire_is_scored(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps(_questionnaire()), encoding="utf-8")
    # Weights are the option positions 0-3: 2 + 3 = 5 of 0-6; a Questionnaire has no bands.
    assert json.loads(score("--file", str(path), "--responses", "2,3", "--json")) == {
        "instrument": "TwoItems",
        "total": 5,
        "severity": None,
        "subscales": {},
        "flags": [],
        "min": 0,
        "max": 6,
    }


def test_broken_file_exits_2_naming_file_and_field(tmp_path: Path) -> None:
    text = (DATA / "phq9.yaml").read_text(encoding="utf-8")
    broken = text.replace("{min: 10, max: 14, label: Moderate", "{min: 10, max: 9, label: Moderate")
    assert broken != text
    path = tmp_path / "custom.yaml"
    path.write_text(broken, encoding="utf-8")
    run = trellis("score", "--file", str(path), "--responses", PHQ9_14, "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert "custom.yaml: bands[2].max: must be >= min" in run.stderr


def test_file_that_defines_another_instrument_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "phq9.yaml"
    path.write_text((DATA / "phq9.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CommandError, match="defines 'PHQ-9', not 'GAD-7'") as caught:
        score("GAD-7", "--file", str(path), "--responses", PHQ9_14)
    assert caught.value.returncode == 2


def test_neither_instrument_nor_file_is_a_usage_error() -> None:
    with pytest.raises(CommandError, match="name an instrument") as caught:
        score("--responses", "1")
    assert caught.value.returncode == 2


def _questionnaire() -> dict[str, object]:
    """A minimal FHIR R4 Questionnaire: two choice items whose options carry itemWeight."""
    weight = "http://hl7.org/fhir/StructureDefinition/itemWeight"
    options = [
        {
            "valueCoding": {"code": f"a{value}", "display": f"answer {value}"},
            "extension": [{"url": weight, "valueDecimal": value}],
        }
        for value in range(4)
    ]
    return {
        "resourceType": "Questionnaire",
        "name": "TwoItems",
        "status": "active",
        "item": [
            {"linkId": str(n), "type": "choice", "text": f"Question {n}", "answerOption": options}
            for n in (1, 2)
        ],
    }


def test_sex_and_age_choose_the_audit_c_and_audit_cut_offs() -> None:
    woman = json.loads(score("AUDIT-C", "--responses", "1,1,1", "--sex", "female", "--json"))
    man = json.loads(score("AUDIT-C", "--responses", "1,1,1", "--sex", "male", "--json"))
    assert woman["flags"] == ["positive_screen_women"]
    assert man["flags"] == []
    assert "notes" not in woman and "notes" not in man
    old = score("AUDIT", "--responses", "1,1,1,1,1,1,1,0,0,0", "--sex", "male", "--age", "70")
    assert "flags: hazardous_harmful_use" in old


def test_without_sex_both_cut_offs_are_applied_and_the_output_says_so() -> None:
    out = score("AUDIT-C", "--responses", "1,1,1")
    assert "flags: positive_screen_women" in out
    assert "note: Sex assigned at birth is not recorded" in out


def test_an_impossible_age_is_refused() -> None:
    with pytest.raises(CommandError, match="--age: must be an age in whole years"):
        score("AUDIT", "--responses", "0,0,0,0,0,0,0,0,0,0", "--age", "200")
