"""`trellis icd10 import`: a practice loads the CMS order file it was given.

The fixtures are in the order file's fixed-width layout with real ICD-10-CM codes and
titles (their short descriptions are the long ones cut at 60 characters).
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import PASSWORD
from trellis.clients.codeset import active_path, code_table
from trellis.clients.models import Diagnosis
from trellis.core import icd10

DATA = Path(__file__).parent / "data"
GOOD = DATA / "icd10cm_order_2027.txt"
BROKEN = DATA / "icd10cm_order_broken.txt"


@pytest.fixture
def target(settings, tmp_path: Path) -> Path:
    settings.ICD10CM_FILE = tmp_path / "var" / "icd10cm.tsv"
    return Path(settings.ICD10CM_FILE)


def run(*args: str) -> str:
    out = StringIO()
    call_command("icd10", *args, stdout=out)
    return out.getvalue()


def test_import_keeps_the_chapters_trellis_covers(target: Path) -> None:
    assert active_path() == icd10.DEFAULT_PATH
    out = run("import", "--allow-removals", str(GOOD))
    assert "imported 11 codes (9 billable)" in out
    assert active_path() == target
    table = code_table()
    assert "A00.0" not in table and "I10" not in table
    assert table["F32.A"] == icd10.Icd10Code("F32.A", "Depression, unspecified", True)
    assert table["F41"].billable is False
    assert table["R45.851"].billable and table["Z73.3"].billable
    header = target.read_text(encoding="utf-8").splitlines()[:3]
    assert "icd10cm_order_2027.txt (FY2027)" in header[1]
    assert header[2].startswith("# sha256 of the source: ")


def test_importing_the_same_file_again_changes_nothing(target: Path) -> None:
    run("import", "--allow-removals", str(GOOD))
    first = target.read_bytes()
    assert "already imported, nothing changed" in run("import", str(GOOD))
    assert target.read_bytes() == first


def test_a_file_that_would_remove_most_codes_is_refused(target: Path) -> None:
    with pytest.raises(
        CommandError,
        match=r"would remove \d+ of the \d+ codes in use: is it the whole order file\?",
    ):
        run("import", str(GOOD))
    assert not target.exists()


def test_dry_run_writes_nothing(target: Path) -> None:
    out = run("import", "--dry-run", str(GOOD))
    assert "would import 11 codes" in out and "Nothing written" in out
    assert not target.exists()


def test_a_malformed_file_names_each_bad_line_and_imports_nothing(target: Path) -> None:
    run("import", "--allow-removals", str(GOOD))
    before = target.read_bytes()
    with pytest.raises(CommandError) as raised:
        run("import", str(BROKEN))
    message = str(raised.value)
    assert raised.value.returncode == 2
    assert f"{BROKEN}:3: too short" in message
    assert f"{BROKEN}:5: billable flag '2' (column 15) should be 0 or 1" in message
    assert f"{BROKEN}:8: order number '0000X' (columns 1-5) is not 5 digits" in message
    assert "Nothing was imported." in message
    assert target.read_bytes() == before


def test_a_missing_file_is_refused(target: Path, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        run("import", str(tmp_path / "nope.txt"))
    assert not target.exists()


def test_status_says_which_code_set_is_in_use(target: Path) -> None:
    assert run("status").startswith(f"shipped code set {icd10.DEFAULT_PATH}")
    run("import", "--allow-removals", str(GOOD))
    assert run("status").startswith(f"imported code set {target}: 11 codes, 9 billable")


@pytest.mark.django_db
def test_diagnoses_are_searched_and_recorded_from_the_imported_set(
    target: Path, client, cast
) -> None:
    run("import", "--allow-removals", str(GOOD))
    client.login(username=cast.clinician.email, password=PASSWORD)
    found = client.get(reverse("clients:icd10_search"), {"q": "ptsd"}).json()
    assert found["total"] == 0  # F43.1x is not in the imported sample
    url = reverse("clients:diagnosis_add", args=[cast.client.pk])
    response = client.post(url, {"code": "F43.10", "status": "active"})
    assert "not an ICD-10-CM code Trellis knows" in response.content.decode()
    assert client.post(url, {"code": "Z73.3", "status": "active"}).status_code == 302
    assert Diagnosis.objects.filter(client=cast.client, code="Z73.3").exists()
