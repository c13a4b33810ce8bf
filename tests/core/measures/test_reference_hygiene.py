"""Every reference in an instrument file is cited by some `source:` and has a year.

An uncited reference hides which number it was meant to back; an undated one cannot be
found again. Both are refused with the file and the field, for shipped and uploaded files.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from trellis.core.measures import InstrumentFileError, builtin_instruments, load_instrument

DATA = Path(__file__).resolve().parents[3] / "trellis" / "data" / "instruments"
AUDIT_C: dict[str, Any] = yaml.safe_load((DATA / "auditc.yaml").read_text(encoding="utf-8"))


def _load(tmp_path: Path, data: dict[str, Any], name: str = "auditc.yaml") -> object:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_instrument(path)


def test_an_uncited_reference_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(AUDIT_C)
    data["references"].append(
        {"id": "extra2020", "citation": "Someone A. A paper nobody cites. J Test. 2020;1:1."}
    )
    with pytest.raises(InstrumentFileError) as caught:
        _load(tmp_path, data)
    assert str(caught.value) == (
        "auditc.yaml: references[5].id: reference 'extra2020' is cited by no `source:`: "
        "cite it where its number is used, or remove it"
    )


def test_a_reference_without_a_year_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(AUDIT_C)
    del data["references"][4]["year"]  # loinc: a web page whose citation has no year
    with pytest.raises(InstrumentFileError) as caught:
        _load(tmp_path, data)
    assert str(caught.value).startswith(
        "auditc.yaml: references[4].citation: reference 'loinc' has no year: add `year:`"
    )


def test_a_year_in_the_citation_or_a_year_field_is_enough(tmp_path: Path) -> None:
    data = copy.deepcopy(AUDIT_C)
    assert "year" not in data["references"][0]  # bush1998: "... 1998;158(16) ..."
    loaded = _load(tmp_path, data)
    years = {r.id: r.year for r in loaded.references}  # type: ignore[attr-defined]
    assert years["bush1998"] == 1998 and years["loinc"] == 2026


def test_a_year_that_is_not_a_year_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(AUDIT_C)
    data["references"][4]["year"] = "recent"
    with pytest.raises(InstrumentFileError, match=r"references\[4\]\.year: must be a whole"):
        _load(tmp_path, data)


def test_every_shipped_file_passes_with_no_exemption() -> None:
    """Every shipped reference is cited and dated (the PCL-5, PHQ-9 and GAD-7 once were not)."""
    shipped = builtin_instruments()
    for instrument in shipped.values():
        assert all(reference.year for reference in instrument.references), instrument.id


def test_the_dass21_missing_rule_is_marked_as_our_reading() -> None:
    assert builtin_instruments()["DASS-21"].missing.basis == "team_reading"
    assert builtin_instruments()["PHQ-9"].missing.basis == "published"


def test_a_basis_that_is_not_one_of_the_two_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load((DATA / "dass21.yaml").read_text(encoding="utf-8"))
    data["missing"]["basis"] = "guess"
    with pytest.raises(InstrumentFileError, match=r"missing\.basis: must be one of published"):
        _load(tmp_path, data, "dass21.yaml")
