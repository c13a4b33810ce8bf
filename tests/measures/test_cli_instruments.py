"""`trellis instruments`: the shipped list, and checking a practice's own files."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trellis.core.measures.file_model import instrument_json_schema

TRELLIS = Path(sys.executable).parent / "trellis"
DATA = Path(__file__).resolve().parents[2] / "trellis" / "data" / "instruments"
SHIPPED = [
    "ASQ",
    "AUDIT",
    "AUDIT-C",
    "DASS-21",
    "GAD-2",
    "GAD-7",
    "K10",
    "PCL-5",
    "PHQ-2",
    "PHQ-9",
    "PSWQ",
    "WHO-5",
]


def trellis(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console command, as a clinician's shell would run it."""
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(TRELLIS), *args], capture_output=True, text=True, timeout=60, check=False
    )


def broken_copy(folder: Path) -> Path:
    """phq9.yaml with the Moderate band ending below where it starts."""
    text = (DATA / "phq9.yaml").read_text(encoding="utf-8")
    path = folder / "broken.yaml"
    path.write_text(text.replace("{min: 10, max: 14,", "{min: 10, max: 9,"), encoding="utf-8")
    return path


def test_json_lists_every_shipped_instrument_sorted_by_id() -> None:
    run = trellis("instruments", "--json")
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 1
    listed = json.loads(run.stdout)
    assert [entry["id"] for entry in listed] == SHIPPED
    by_id = {entry["id"]: entry for entry in listed}
    # From phq9.yaml: 9 items scored 0-3, LOINC 44249-1 / 44261-6, "free to use".
    assert by_id["PHQ-9"] == {
        "id": "PHQ-9",
        "name": "Patient Health Questionnaire-9",
        "items": 9,
        "min": 0,
        "max": 27,
        "subscales": [],
        "loinc": {"panel": "44249-1", "total": "44261-6"},
        "licence": "free to use",
    }
    # dass21.yaml: 21 items 0-3, doubled (0-126); no LOINC code verified.
    assert by_id["DASS-21"]["subscales"] == ["depression", "anxiety", "stress"]
    assert (by_id["DASS-21"]["min"], by_id["DASS-21"]["max"]) == (0, 126)
    assert by_id["DASS-21"]["loinc"] == {"panel": None, "total": None}
    # k10.yaml: 10 items scored 1-5.
    assert (by_id["K10"]["items"], by_id["K10"]["min"], by_id["K10"]["max"]) == (10, 10, 50)


def test_table_has_a_header_and_a_row_per_instrument() -> None:
    out = StringIO()
    call_command("instruments", stdout=out)
    header, *rows = out.getvalue().splitlines()
    assert header.split() == ["id", "items", "range", "subscales", "licence", "name"]
    assert [row.split()[0] for row in rows] == SHIPPED
    phq9 = next(row for row in rows if row.startswith("PHQ-9 "))
    assert phq9.split()[:4] == ["PHQ-9", "9", "0-27", "-"]
    assert phq9.endswith("Patient Health Questionnaire-9")


def test_check_reports_good_and_bad_files_and_exits_2(tmp_path: Path) -> None:
    good = DATA / "gad7.yaml"
    bad = broken_copy(tmp_path)
    run = trellis("instruments", "--check", str(good), str(bad))
    assert run.returncode == 2
    assert run.stdout == f"ok: GAD-7 (7 items) from {good}\n"
    assert "broken.yaml: bands[2].max: must be >= min" in run.stderr
    assert "1 of 2 instrument files are invalid" in run.stderr


def test_check_of_valid_files_succeeds() -> None:
    out = StringIO()
    paths = [str(DATA / "phq9.yaml"), str(DATA / "pcl5.yaml")]
    call_command("instruments", "--check", *paths, stdout=out)
    assert out.getvalue().splitlines() == [
        f"ok: PHQ-9 (9 items) from {paths[0]}",
        f"ok: PCL-5 (20 items) from {paths[1]}",
    ]


def test_check_reads_fhir_questionnaires(tmp_path: Path) -> None:
    weight = "http://hl7.org/fhir/StructureDefinition/itemWeight"
    options = [
        {"valueCoding": {"code": str(v)}, "extension": [{"url": weight, "valueDecimal": v}]}
        for v in range(4)
    ]
    path = tmp_path / "q.json"
    path.write_text(
        json.dumps(
            {
                "resourceType": "Questionnaire",
                "name": "OneItem",
                "item": [{"linkId": "1", "type": "choice", "answerOption": options}],
            }
        ),
        encoding="utf-8",
    )
    out = StringIO()
    call_command("instruments", "--check", str(path), stdout=out)
    assert out.getvalue() == f"ok: OneItem (1 item) from {path}\n"


def test_check_of_a_missing_file_names_it(tmp_path: Path) -> None:
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 1 instrument files are invalid") as caught:
        call_command("instruments", "--check", str(tmp_path / "absent.yaml"), stderr=err)
    assert caught.value.returncode == 2
    assert "absent.yaml: cannot be read" in err.getvalue()


def test_json_and_check_are_exclusive() -> None:
    run = trellis("instruments", "--json", "--check", str(DATA / "phq9.yaml"))
    assert run.returncode == 2
    assert run.stdout == ""
    assert "not allowed with argument" in run.stderr


def test_schema_prints_the_instrument_file_format_as_json_schema() -> None:
    run = trellis("instruments", "--schema")
    assert run.returncode == 0, run.stderr
    schema = json.loads(run.stdout)
    assert schema == instrument_json_schema()
    assert schema["title"] == "Trellis instrument file"
    assert {"scoring", "items", "bands", "change"} <= set(schema["properties"])
