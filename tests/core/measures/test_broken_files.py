"""A broken instrument file is refused with a message naming the file and the field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from trellis.core.measures import InstrumentFileError, load_instrument
from trellis.core.measures._reader import Node
from trellis.core.measures.loader import _check_citations

DATA = Path(__file__).resolve().parents[3] / "trellis" / "data" / "instruments"
PHQ9: dict[str, Any] = yaml.safe_load((DATA / "phq9.yaml").read_text(encoding="utf-8"))

Edit = Callable[[dict[str, Any]], None]


def _set(path: str, value: object) -> Edit:
    """An edit that sets a dotted path (``bands.2.max``) to a value."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return edit


def _both_bases(data: dict[str, Any]) -> None:
    data["change"]["sd"] = {"value": 3.5, "source": "kroenke2001"}
    data["change"]["reliability"] = {"value": 0.89, "source": "kroenke2001"}


def _rci_only(sd: object, reliability: object) -> Edit:
    """An RCI basis in place of the points threshold."""

    def edit(data: dict[str, Any]) -> None:
        data["change"]["sd"] = sd
        data["change"]["reliability"] = reliability
        data["change"]["reliable_change"] = None

    return edit


def _delete(path: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        del node[int(last) if last.isdigit() else last]

    return edit


def _add_screen(data: dict[str, Any]) -> None:
    data["screen"] = [{"label": "Anything", "source": "kroenke2001"}]


def _screen_default_first(data: dict[str, Any]) -> None:
    del data["bands"]
    data["screen"] = [
        {"label": "Otherwise", "source": "kroenke2001"},
        {"label": "Positive", "any_of": [9], "at_least": 1, "source": "kroenke2001"},
    ]


def _prorate_uncited(data: dict[str, Any]) -> None:
    data["missing"] = {"rule": "prorate", "max_missing": 1}


CASES: list[tuple[str, Edit, str]] = [
    ("band max below min", _set("bands.2.max", 9), "bands[2].max: must be >= min"),
    ("band overlap", _set("bands.1.min", 4), "bands[1].min: overlaps the band before it"),
    ("band gap", _set("bands.1.min", 6), "bands[1].min: leaves a gap after the band before it"),
    ("band beyond range", _set("bands.4.max", 30), "bands[4]: lies outside the score range 0-27"),
    ("band min not a number", _set("bands.0.min", "zero"), "bands[0].min: must be a number"),
    ("missing field", _delete("scoring"), "scoring: is required"),
    ("typo field", _set("bnads", []), "bnads: unknown field"),
    ("missing label", _delete("bands.3.label"), "bands[3].label: is required"),
    ("range mismatch", _set("scoring.range", [0, 28]), "scoring.range: declares 0-28 but"),
    (
        "unknown reference",
        _set("bands.0.source", "kroenke2010"),
        "bands[0].source: unknown reference",
    ),
    ("uncited block", _delete("critical.0.source"), "critical[0].source: is required"),
    (
        "reverse item missing",
        _set("scoring.reverse", [10]),
        "scoring.reverse[0]: item 10 does not exist",
    ),
    (
        "no such option set",
        _set("items.0.options", "yes_no"),
        "items[0].options: no option set named",
    ),
    (
        "duplicate option value",
        _set("scoring.options.1.value", 0),
        "scoring.options[1].value: value 0",
    ),
    (
        "unreachable critical",
        _set("critical.0.at_least", 4),
        "critical[0].at_least: can never be reached",
    ),
    ("bad flag", _set("critical.0.flag", "Item 9!"), "critical[0].flag: must be lower case"),
    ("prorate uncited", _prorate_uncited, "missing.source: is required"),
    ("bad loinc", _set("loinc.panel", "PHQ9"), "loinc.panel: 'PHQ9' is not a LOINC code"),
    (
        "bad reliability",
        _set("change.reliability", {"value": 1.2, "source": "kroenke2001"}),
        "change.reliability.value: must be between 0 and 1",
    ),
    # One basis for reliable change (issue 10): a points threshold beside an RCI let the
    # PHQ-9 page show RCI -3.05 next to "no reliable improvement" for 18 -> 13.
    (
        "threshold and RCI both",
        _both_bases,
        "change.reliable_change: give one basis for reliable change",
    ),
    (
        "SD without reliability",
        _rci_only({"value": 3.5, "source": "kroenke2001"}, None),
        "change.reliability: the RCI needs both an sd and a reliability",
    ),
    (
        "SD and reliability from two samples",
        _rci_only(
            {"value": 3.5, "source": "phqscreeners"}, {"value": 0.89, "source": "kroenke2001"}
        ),
        "change.reliability: the SD and the reliability must come from one sample",
    ),
    (
        "wrong caseness direction",
        _set("change.caseness", {"at_most": 9, "source": "iapt_manual"}),
        "change.caseness.at_most: higher is worse here",
    ),
    (
        "bands and screen",
        _add_screen,
        "screen: an instrument has either severity bands or screen rules",
    ),
    (
        "default screen rule first",
        _screen_default_first,
        "screen[0]: only the last rule may omit any_of",
    ),
    ("text where a list belongs", _set("items", "nine questions"), "items: must be a list"),
    (
        "yes/no unquoted",
        _set("items.0.text", True),
        "items[0].text: must be text, not true (a yes/no value) (quote",
    ),
]


@pytest.mark.parametrize(("name", "edit", "message"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_names_file_and_field(
    tmp_path: Path, name: str, edit: Edit, message: str
) -> None:
    data = copy.deepcopy(PHQ9)
    edit(data)
    path = tmp_path / "phq9.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentFileError) as caught:
        load_instrument(path)
    assert str(caught.value).startswith(f"phq9.yaml: {message}"), str(caught.value)
    assert caught.value.file == "phq9.yaml"


def test_the_unedited_copy_loads(tmp_path: Path) -> None:
    path = tmp_path / "phq9.yaml"
    path.write_text(yaml.safe_dump(PHQ9, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert load_instrument(path).id == "PHQ-9"


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "custom.yaml"
    path.write_text("id: X\nname: [unclosed\n", encoding="utf-8")
    with pytest.raises(InstrumentFileError, match=r"^custom\.yaml: line \d+: not valid YAML"):
        load_instrument(path)


def test_duplicate_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "custom.yaml"
    path.write_text("id: X\nid: Y\n", encoding="utf-8")
    with pytest.raises(InstrumentFileError, match=r"^custom\.yaml: line 2: .*duplicate key 'id'"):
        load_instrument(path)


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "custom.json"
    path.write_text('{"id": "X",\n', encoding="utf-8")
    with pytest.raises(InstrumentFileError, match=r"^custom\.json: line \d+: not valid JSON"):
        load_instrument(path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InstrumentFileError, match=r"^absent\.yaml: cannot be read"):
        load_instrument(tmp_path / "absent.yaml")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "custom.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(InstrumentFileError, match=r"^custom\.yaml: must be a mapping of fields"):
        load_instrument(path)


def test_citation_walk_catches_a_number_no_block_cites() -> None:
    """Second line of defence behind the required ``source`` fields."""
    data = {"extra": {"inner": [{"value": 3}]}, "bands": [{"min": 0, "source": "a"}]}
    with pytest.raises(InstrumentFileError) as caught:
        _check_citations(Node(data, "", "custom.yaml"), {"a"})
    assert str(caught.value) == (
        "custom.yaml: extra.inner[0].value: this number has no citation: "
        "add `source:` to the block that holds it"
    )
