"""The shipped library is every *.yaml of its folder, each file named after its template."""

from __future__ import annotations

from pathlib import Path

import pytest

from trellis.core.library import TemplateFileError, builtin_templates
from trellis.core.library.loader import _builtin, _load_folder

from .helpers import MINIMAL, minimal


def test_a_folder_loads_yaml_files_by_id_and_ignores_the_readme(tmp_path: Path) -> None:
    (tmp_path / "worry-adult-cbt.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Plan templates\n", encoding="utf-8")
    assert _load_folder(tmp_path) == {"worry-adult-cbt": minimal()}


def test_the_id_must_be_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "worry.yaml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(TemplateFileError) as caught:
        _load_folder(tmp_path)
    assert str(caught.value) == (
        "worry.yaml: id: 'worry-adult-cbt' must be the file name without .yaml ('worry')"
    )


def test_a_broken_file_stops_loading_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "worry-adult-cbt.yaml").write_text(
        MINIMAL.replace("age_group: adult", "age_group: grown-up"), encoding="utf-8"
    )
    with pytest.raises(TemplateFileError, match=r"^worry-adult-cbt\.yaml: age_group: must be"):
        _load_folder(tmp_path)


def test_builtin_templates_are_read_once_and_handed_out_as_copies() -> None:
    first = builtin_templates()
    first["extra"] = minimal()
    assert "extra" not in builtin_templates()
    assert _builtin.cache_info().misses <= 1
