"""The shipped instrument files: complete, licensed, and every number cited.

The citation check here walks the raw YAML on its own (not through the loader), so a bug
in the loader's check cannot hide an uncited number.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .helpers import INSTRUMENTS

DATA = Path(__file__).resolve().parents[3] / "trellis" / "data" / "instruments"
FILES = sorted(DATA.glob("*.yaml"))


def _numbers(
    value: object, path: str, cited_by: tuple[str, ...]
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every numeric leaf with the ``source`` ids of the blocks above it (root excluded)."""
    if isinstance(value, dict):
        source = value.get("source")
        if source is not None and path:
            cited_by = (*cited_by, *(source if isinstance(source, list) else [source]))
        for key, child in value.items():
            if key != "source":
                yield from _numbers(child, f"{path}.{key}" if path else key, cited_by)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _numbers(child, f"{path}[{index}]", cited_by)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield path, cited_by


def test_the_expected_instruments_ship() -> None:
    assert set(INSTRUMENTS) == {
        "PHQ-9", "PHQ-2", "GAD-7", "GAD-2", "PSWQ", "PCL-5",
        "DASS-21", "WHO-5", "K10", "AUDIT", "AUDIT-C", "ASQ",
    }  # fmt: skip
    assert len(FILES) == len(INSTRUMENTS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_number_has_a_citation_that_resolves(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    references = {entry["id"] for entry in data["references"]}
    found = list(_numbers({k: v for k, v in data.items() if k != "references"}, "", ()))
    assert found, "a scored instrument has numbers"
    for where, sources in found:
        assert sources, f"{path.name}: {where} has no citation"
        unknown = [s for s in sources if s not in references]
        assert not unknown, f"{path.name}: {where} cites unknown {unknown}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_citation_names_a_reference(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    references = {entry["id"] for entry in data["references"]}

    def sources(value: object) -> Iterator[str]:
        if isinstance(value, dict):
            for key, child in value.items():
                if key == "source":
                    yield from child if isinstance(child, list) else [child]
                else:
                    yield from sources(child)
        elif isinstance(value, list):
            for child in value:
                yield from sources(child)

    assert set(sources(data)) <= references


@pytest.mark.parametrize(
    ("instrument_id", "items", "low", "high"),
    [
        ("PHQ-9", 9, 0, 27),
        ("PHQ-2", 2, 0, 6),
        ("GAD-7", 7, 0, 21),
        ("GAD-2", 2, 0, 6),
        ("PSWQ", 16, 16, 80),
        ("PCL-5", 20, 0, 80),
        ("DASS-21", 21, 0, 126),
        ("WHO-5", 5, 0, 100),
        ("K10", 10, 10, 50),
        ("AUDIT", 10, 0, 40),
        ("AUDIT-C", 3, 0, 12),
        ("ASQ", 5, 0, 5),
    ],
)
def test_item_counts_and_ranges(instrument_id: str, items: int, low: int, high: int) -> None:
    inst = INSTRUMENTS[instrument_id]
    assert (len(inst.items), inst.min_score, inst.max_score) == (items, low, high)


def test_scoring_details_from_the_manuals() -> None:
    pswq = INSTRUMENTS["PSWQ"]
    assert [item.number for item in pswq.items if item.reverse] == [1, 3, 8, 10, 11]
    assert INSTRUMENTS["DASS-21"].multiplier == 2
    assert INSTRUMENTS["WHO-5"].multiplier == 4
    assert INSTRUMENTS["WHO-5"].higher_is_better
    assert [s.id for s in INSTRUMENTS["PCL-5"].subscales] == ["B", "C", "D", "E"]
    assert [s.id for s in INSTRUMENTS["DASS-21"].subscales] == ["depression", "anxiety", "stress"]
    assert [(c.item, c.at_least, c.flag) for c in INSTRUMENTS["PHQ-9"].critical] == [
        (9, 1, "item9_positive")
    ]
    pcl5_cutoff = INSTRUMENTS["PCL-5"].cutoffs[0]
    assert (pcl5_cutoff.at_least, pcl5_cutoff.at_least_high) == (31, 33)


def test_loinc_codes_where_known() -> None:
    codes = {key: (inst.loinc.panel, inst.loinc.total) for key, inst in INSTRUMENTS.items()}
    assert codes["PHQ-9"] == ("44249-1", "44261-6")
    assert codes["GAD-7"] == ("69737-5", "70274-6")
    assert codes["PHQ-2"] == ("55757-9", "55758-7")
    assert codes["AUDIT"] == ("72110-0", "75624-7")
    assert codes["AUDIT-C"] == ("72109-2", "75626-2")
    for key in ("GAD-2", "PSWQ", "DASS-21", "WHO-5", "K10", "ASQ"):
        assert codes[key] == (None, None), f"{key}: unverified codes must stay null"
        assert INSTRUMENTS[key].loinc.note, f"{key}: a null code needs a note saying why"


def test_every_instrument_states_its_licence_and_what_it_rests_on() -> None:
    for inst in INSTRUMENTS.values():
        assert inst.licence is not None and inst.licence.status and inst.licence.text
        cited = {ref.id for ref in inst.references}
        assert inst.licence.sources and set(inst.licence.sources) <= cited
