"""The demo's data files (`trellis/data/demo/`): checked whole on load, with errors that
name the file and the field, and a bad file loads nothing."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trellis.accounts.models import Practice, User
from trellis.audit.models import AuditEvent
from trellis.clients.models import Client
from trellis.demo.seed import seed_demo
from trellis.demo.stories import DEMO_DATA, DemoFileError, load_clients, load_staff

DANA = "01-dana-whitfield.yaml"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the shipped demo files, to spoil."""
    folder = tmp_path / "demo"
    shutil.copytree(DEMO_DATA, folder)
    return folder


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / "clients" / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def _refused(folder: Path) -> str:
    with pytest.raises(DemoFileError) as caught:
        load_clients(folder)
    return str(caught.value)


def test_the_shipped_files_load_and_every_score_has_its_answers() -> None:
    staff = load_staff()
    stories = load_clients()
    assert staff.staff[0].email == "clinician@demo.test"
    assert len(stories) == 9
    assert sum(len(s.scores) for s in stories) == 41


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  start: 110 days ago",
            "  start: next week",
            f"{DANA}: plans[0].start: 'next week' is not a day: write '30 days ago', "
            "'in 14 days' or 'today'",
        ),
        (
            "  total: 17\n",
            "  total: 16\n",
            f"{DANA}: scores[0].total: the answers score 17, not 16",
        ),
        (
            "answers: [2, 2, 2, 2, 2, 2, 2, 2, 1]",
            "answers: [2, 2, 2, 2, 2, 2, 2, 2]",
            f"{DANA}: scores[0].answers: PHQ-9: expected 9 answers, got 8",
        ),
        (
            "  date: 9 days ago",
            "  date: in 3 days",
            f"{DANA}: scores[7].date: must be in the past",
        ),
        (
            "  gender_identity: Woman\n",
            "  gender_identity: Woman\n  favourite_colour: blue\n",
            f"{DANA}: intake.favourite_colour: Extra inputs are not permitted",
        ),
        (
            "  status: superseded",
            "  status: finished",
            f"{DANA}: plans[0].status: Input should be 'draft'",
        ),
        (
            "ratings: [3, 2, 2]",
            "ratings: [3, 2]",
            f"{DANA}: plans[1].notes[0].ratings: 2 ratings for 3 goals",
        ),
        (
            "    sections:\n      data:",
            "    sections:\n      subjective:",
            f"{DANA}: plans[0].notes[0].sections: a DAP note has data, assessment, plan",
        ),
        (
            "  diagnosis: F41.1",
            "  diagnosis: F40.10",
            f"{DANA}: plans[0].problems[1].diagnosis: F40.10 is not among the client's diagnoses",
        ),
        (
            "care_team: [clinician@demo.test]",
            "care_team: [someone@demo.test]",
            f"{DANA}: care_team[0]: 'someone@demo.test' is not demo staff",
        ),
        (
            "first_name: Dana\nlast_name: Whitfield",
            "first_name: Dana\nfirst_name: D",
            f"{DANA}: line 5: not valid YAML (duplicate key 'first_name')",
        ),
    ],
)
def test_a_mistake_is_named_by_file_and_field(demo: Path, old: str, new: str, message: str) -> None:
    _edit(demo, DANA, old, new)
    assert message in _refused(demo)


def test_a_bad_file_loads_nothing_not_even_the_good_ones(demo: Path, db: None) -> None:
    _edit(demo, "09-grace-holloway.yaml", "  total: ", "  total: 99 # ")
    with pytest.raises(DemoFileError, match=r"09-grace-holloway\.yaml: scores"):
        seed_demo(folder=demo)
    assert not Practice.objects.exists() and not Client.objects.exists()
    assert not AuditEvent.objects.exists()


def test_what_the_services_refuse_is_named_and_rolled_back(demo: Path, db: None) -> None:
    _edit(
        demo, "02-luis-ortega.yaml", "objective: By the end of CPT", "objective: By the end of DBT"
    )
    with pytest.raises(DemoFileError) as caught:
        seed_demo(folder=demo)
    assert str(caught.value) == (
        "Luis Ortega: the services refused it: revision: no objective of the plan begins "
        "'By the end of DBT'"
    )
    assert not Client.objects.exists() and not User.objects.exists()


def test_the_command_says_why_it_loaded_nothing(demo: Path, db: None) -> None:
    _edit(demo, DANA, "  date: 9 days ago", "  date: today")
    with pytest.raises(CommandError, match=rf"{DANA}: scores\[7\]\.date: must be in the past"):
        call_command("seed-demo", "--data", str(demo), stdout=StringIO())
    assert not Client.objects.exists()


def test_the_command_loads_an_edited_copy(demo: Path, db: None) -> None:
    _edit(demo, DANA, "preferred_language: English", "preferred_language: Portuguese")
    out = StringIO()
    call_command("seed-demo", "--data", str(demo), stdout=out)
    assert "9 clients" in out.getvalue()
    assert Client.objects.get(first_name="Dana").preferred_language == "Portuguese"
