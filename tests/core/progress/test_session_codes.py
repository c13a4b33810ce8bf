"""Service codes' time bands, worked by hand from CPT's midpoint rule (cited in
trellis/data/billing/session_codes.yaml): 90832 16-37, 90834 38-52, 90837 53 or more."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from trellis.core.datafile import decode_yaml
from trellis.core.progress.session_codes import (
    SessionCodeFileError,
    minutes_between,
    session_codes,
    time_problem,
)

DATA = Path(__file__).resolve().parents[3] / "trellis/data/billing/session_codes.yaml"
CODES = session_codes(decode_yaml(DATA.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("code", "fits", "does_not"),
    [
        ("90832", [16, 30, 37], [15, 38]),
        ("90834", [38, 45, 52], [37, 53]),
        ("90837", [53, 60, 90], [52]),
        ("90839", [30, 74], [29, 75]),
        ("90847", [26, 50], [25]),
    ],
)
def test_each_time_band_has_its_edges(code, fits, does_not) -> None:
    band = CODES.service_codes[code]
    assert all(time_problem(band, m) == "" for m in fits)
    assert all(time_problem(band, m) for m in does_not)


def test_a_code_without_a_band_takes_any_length_and_a_timed_one_needs_one() -> None:
    assert time_problem(CODES.service_codes["90791"], None) == ""
    assert time_problem(CODES.service_codes["90853"], 90) == ""
    assert "give the session's length" in time_problem(CODES.service_codes["90834"], None)
    assert time_problem(CODES.service_codes["90834"], 30) == (
        "90834 is for 38 to 52 minutes; this session lasted 30 minutes."
    )


def test_the_places_are_cms_telehealth_and_office() -> None:
    assert set(CODES.places) == {"02", "10", "11"}


def test_minutes_between_two_clock_times() -> None:
    assert minutes_between(time(9, 0), time(9, 53)) == 53
    assert minutes_between(time(10, 0), time(9, 30)) == -30


def test_a_band_without_a_source_is_refused_with_where() -> None:
    data = {
        "references": [],
        "service_codes": [{"code": "1", "description": "x", "minutes": {"min": 1}}],
    }
    with pytest.raises(SessionCodeFileError, match=r"service_codes\[0\]\.minutes: source"):
        session_codes(data)
