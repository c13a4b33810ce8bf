"""The PHQ-9 and GAD-7 difficulty question: loaded from the file, kept out of the total,
and a broken entry refused with the file and the field named."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from tests.core.measures.test_broken_files import PHQ9, Edit, _set
from trellis.core.measures import InstrumentFileError, builtin_instruments, load_instrument, score


@pytest.mark.parametrize("name", ["PHQ-9", "GAD-7"])
def test_the_difficulty_question_ships_with_four_options(name: str) -> None:
    (question,) = builtin_instruments()[name].unscored
    assert question.id == "difficulty"
    assert question.text.startswith("If you checked off any problems, how difficult")
    assert [o.text for o in question.options] == [
        "Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult",
    ]  # fmt: skip


def test_it_changes_neither_the_range_nor_the_total() -> None:
    phq9 = builtin_instruments()["PHQ-9"]
    assert (phq9.min_score, phq9.max_score) == (0, 27)
    assert score(phq9, [3] * 8 + [0]).total == 24  # nine items, the question not among them


def _duplicate(data: dict) -> None:
    data["unscored"].append(copy.deepcopy(data["unscored"][0]))


CASES: list[tuple[str, Edit, str]] = [
    ("duplicate id", _duplicate, "unscored[1].id: id 'difficulty' is used by another question"),
    ("repeated value", _set("unscored.0.options.1.value", 0),
     "unscored[0].options[1].value: value 0 is used by another option"),
    ("no options", _set("unscored.0.options", []), "unscored[0].options:"),
    ("bad id", _set("unscored.0.id", "Difficulty!"), "unscored[0].id: must be lower case"),
    ("no source", lambda d: d["unscored"][0].pop("source"), "unscored[0].source:"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "edit", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_question_names_the_file_and_field(tmp_path: Path, name, edit, message) -> None:
    data = copy.deepcopy(PHQ9)
    edit(data)
    path = tmp_path / "phq9.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentFileError) as caught:
        load_instrument(path)
    assert str(caught.value).startswith(f"phq9.yaml: {message}"), str(caught.value)
