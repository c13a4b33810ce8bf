"""`trellis templates`: list, show and check the plan-template library from the shell."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.core.library.helpers import MINIMAL, minimal
from trellis.core.library import builtin_templates, template_to_dict
from trellis.core.library.file_model import template_json_schema
from trellis.core.library.loader import _load_folder
from trellis.library.management.commands import templates as command

TRELLIS = Path(sys.executable).parent / "trellis"
DATA = Path(__file__).resolve().parents[2] / "trellis" / "data" / "templates"
EXAMPLE = "gad-adult-cbt"  # the README's example, shipped


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("templates", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_list_json_from_the_installed_command() -> None:
    run_ = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(TRELLIS), "templates", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run_.returncode == 0, run_.stderr
    listed = json.loads(run_.stdout)
    shipped = _load_folder(DATA)  # read afresh, as the subprocess did
    assert [entry["id"] for entry in listed] == sorted(shipped)
    for entry in listed:
        template = shipped[entry["id"]]
        assert entry == {
            "id": template.id,
            "title": template.title,
            "icd10": list(template.icd10),
            "modality": template.modality,
            "age_group": template.age_group,
            "counts": template.counts,
        }
        assert set(entry["counts"]) == {"problems", "goals", "objectives", "interventions"}


def test_list_table_has_a_header_and_a_row_per_template() -> None:
    out, _ = run("list")
    header, *rows = out.splitlines()
    assert header.split()[:4] == ["id", "modality", "age", "group"]
    assert [row.split()[0] for row in rows] == sorted(builtin_templates())
    example = builtin_templates()[EXAMPLE]
    row = next(row for row in rows if row.startswith(f"{EXAMPLE} "))
    counts = "/".join(str(n) for n in example.counts.values())
    assert row.split()[1:5] == [
        example.modality,
        example.age_group,
        ",".join(example.icd10),
        counts,
    ]
    assert row.endswith(example.title)


def test_show_json_is_the_whole_template_in_its_file_shape() -> None:
    out, _ = run("show", EXAMPLE, "--json")
    assert json.loads(out) == template_to_dict(builtin_templates()[EXAMPLE])


def test_show_outlines_problems_goals_objectives_and_references() -> None:
    out, _ = run("show", EXAMPLE)
    example = builtin_templates()[EXAMPLE]
    lines = out.splitlines()
    assert lines[0] == f"{example.title} ({EXAMPLE})"
    assert f"Problem 1: {example.problems[0].title} [F41.1]" in lines
    assert any(line.startswith("  Goal 1.1: ") for line in lines)
    assert any(line.startswith("    Objective 1.1.1: ") for line in lines)
    assert "References:" in lines
    assert sum(line.startswith("      - [") for line in lines) == example.counts["interventions"]


def test_show_of_an_unknown_id_exits_2_naming_the_nearest() -> None:
    with pytest.raises(
        CommandError, match="unknown template 'gad'; did you mean gad-adult-cbt"
    ) as e:
        run("show", "gad")
    assert e.value.returncode == 2


def test_show_of_a_far_off_id_lists_the_known_ones() -> None:
    with pytest.raises(CommandError, match=f"known templates: .*{EXAMPLE}") as caught:
        run("show", "zzzz")
    assert caught.value.returncode == 2


def test_check_of_good_files(tmp_path: Path) -> None:
    path = tmp_path / "worry-adult-cbt.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    out, err = run("check", str(path))
    assert err == ""
    assert out == ("ok: 1 template, 1 problem, 1 goal, 1 objective, 2 interventions checked\n")


def test_check_reports_every_problem_on_stderr_and_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINIMAL.replace("kind: at_or_below", "kind: below"), encoding="utf-8")
    vague = tmp_path / "vague.yaml"
    vague.write_text(
        MINIMAL.replace(
            "Within 4 weeks, the client will keep a worry log on at least 5 days a week.",
            "The client will feel better.",
        ).replace("icd10: [F41.1]", "icd10: [F41.1, F41.7]"),
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError, match=r"^3 problems found$") as caught:
        call_command("templates", "check", str(broken), str(vague), stdout=StringIO(), stderr=err)
    assert caught.value.returncode == 2
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("broken.yaml: problems[0].goals[0].target.kind: must be one of")
    assert lines[1].startswith("vague.yaml: icd10[1]: 'F41.7' is not a complete ICD-10-CM code")
    assert lines[2].startswith("vague.yaml: problems[0].goals[0].objectives[0].statement: not ")


def test_check_of_an_absent_file(tmp_path: Path) -> None:
    err = StringIO()
    with pytest.raises(CommandError, match="1 problem found"):
        call_command("templates", "check", str(tmp_path / "absent.yaml"), stderr=err)
    assert err.getvalue().startswith("absent.yaml: cannot be read")


def test_check_without_files_checks_the_shipped_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real library is checked by tests/core/library/test_shipped_library.py."""
    sound = minimal()
    monkeypatch.setattr(command, "builtin_templates", lambda: {sound.id: sound})
    out, _ = run("check")
    assert out == "ok: 1 template, 1 problem, 1 goal, 1 objective, 2 interventions checked\n"

    uncited = replace(sound, references=())
    monkeypatch.setattr(command, "builtin_templates", lambda: {sound.id: uncited})
    err = StringIO()
    with pytest.raises(CommandError, match="2 problems found"):
        call_command("templates", "check", stdout=StringIO(), stderr=err)
    assert err.getvalue().count("is not a reference of this template") == 2


def test_schema_prints_the_template_file_format_as_json_schema() -> None:
    out, err = run("schema")
    schema = json.loads(out)
    assert schema == template_json_schema()
    assert schema["title"] == "Trellis plan template"
    assert {"problems", "measures", "references"} <= set(schema["required"])
    assert err == ""
