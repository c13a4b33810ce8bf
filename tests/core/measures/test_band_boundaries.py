"""Hand-worked answers on both sides of every severity band bound of every instrument.

Each row gives the answers, the total worked out by hand and the manual's band label.
A meta-test at the end checks the table reaches every bound, so a new band needs a row.
"""

from __future__ import annotations

import pytest

from trellis.core.measures import score

from .helpers import INSTRUMENTS, dass, instrument

# (instrument, answers, hand-worked total, expected severity)
TOTAL_CASES: list[tuple[str, list[int | None], float, str | None]] = [
    # PHQ-9, Kroenke 2001: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 mod. severe, 20-27 severe
    ("PHQ-9", [0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
    ("PHQ-9", [1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"),  # 1+1+1+1
    ("PHQ-9", [1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"),  # 5 x 1
    ("PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 1], 9, "mild"),  # 9 x 1
    ("PHQ-9", [2, 1, 1, 1, 1, 1, 1, 1, 1], 10, "moderate"),  # 2 + 8
    ("PHQ-9", [2, 2, 2, 2, 2, 1, 1, 1, 1], 14, "moderate"),  # 10 + 4
    ("PHQ-9", [2, 2, 2, 2, 2, 2, 1, 1, 1], 15, "moderately severe"),  # 12 + 3
    ("PHQ-9", [3, 3, 3, 2, 2, 2, 2, 1, 1], 19, "moderately severe"),  # 9 + 8 + 2
    ("PHQ-9", [3, 3, 3, 3, 2, 2, 2, 1, 1], 20, "severe"),  # 12 + 6 + 2
    ("PHQ-9", [3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "severe"),  # 9 x 3
    # GAD-7, Spitzer 2006: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe
    ("GAD-7", [0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
    ("GAD-7", [1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
    ("GAD-7", [1, 1, 1, 1, 1, 0, 0], 5, "mild"),
    ("GAD-7", [2, 2, 1, 1, 1, 1, 1], 9, "mild"),  # 4 + 5
    ("GAD-7", [2, 2, 2, 1, 1, 1, 1], 10, "moderate"),  # 6 + 4
    ("GAD-7", [2, 2, 2, 2, 2, 2, 2], 14, "moderate"),
    ("GAD-7", [3, 2, 2, 2, 2, 2, 2], 15, "severe"),  # 3 + 12
    ("GAD-7", [3, 3, 3, 3, 3, 3, 3], 21, "severe"),
    # K10 (items 1-5), ABS 2012 / Andrews & Slade 2001: 10-15 low, 16-21 moderate,
    # 22-29 high, 30-50 very high
    ("K10", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 10, "low"),
    ("K10", [2, 2, 2, 2, 2, 1, 1, 1, 1, 1], 15, "low"),  # 10 + 5
    ("K10", [2, 2, 2, 2, 2, 2, 1, 1, 1, 1], 16, "moderate"),  # 12 + 4
    ("K10", [3, 2, 2, 2, 2, 2, 2, 2, 2, 2], 21, "moderate"),  # 3 + 18
    ("K10", [3, 3, 2, 2, 2, 2, 2, 2, 2, 2], 22, "high"),  # 6 + 16
    ("K10", [3, 3, 3, 3, 3, 3, 3, 3, 3, 2], 29, "high"),  # 27 + 2
    ("K10", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 30, "very high"),
    ("K10", [5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 50, "very high"),
    # WHO-5 (raw x 4), Topp 2015: <=28 likely depression, <=50 poor well-being, above: none
    ("WHO-5", [0, 0, 0, 0, 0], 0, "likely depression"),
    ("WHO-5", [2, 2, 1, 1, 1], 28, "likely depression"),  # raw 7 x 4
    ("WHO-5", [2, 2, 2, 1, 1], 32, "poor well-being"),  # raw 8 x 4
    ("WHO-5", [3, 3, 2, 2, 2], 48, "poor well-being"),  # raw 12 x 4
    ("WHO-5", [3, 3, 3, 2, 2], 52, None),  # raw 13 x 4: above every band
    ("WHO-5", [5, 5, 5, 5, 5], 100, None),
    # AUDIT (items 9-10 score 0/2/4), Babor 2001 zones: I 0-7, II 8-15, III 16-19, IV 20-40
    ("AUDIT", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "zone i"),
    ("AUDIT", [1, 1, 1, 1, 1, 1, 1, 0, 0, 0], 7, "zone i"),
    ("AUDIT", [1, 1, 1, 1, 1, 1, 1, 1, 0, 0], 8, "zone ii"),
    ("AUDIT", [2, 2, 2, 2, 2, 1, 1, 1, 2, 0], 15, "zone ii"),  # 10 + 3 + 2
    ("AUDIT", [2, 2, 2, 2, 2, 1, 1, 0, 2, 2], 16, "zone iii"),  # 10 + 2 + 4
    ("AUDIT", [3, 2, 2, 2, 2, 2, 1, 1, 2, 2], 19, "zone iii"),  # 3 + 10 + 2 + 4
    ("AUDIT", [3, 3, 2, 2, 2, 2, 1, 1, 2, 2], 20, "zone iv"),  # 6 + 8 + 2 + 4
    ("AUDIT", [4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 40, "zone iv"),
]

# DASS-21 scales (raw sum x 2), Lovibond & Lovibond 1995. Only even scores are reachable
# without prorating, so each bound is tested by the nearest even score on each side.
# (scale, raw sum, hand-worked scale score, expected label)
DASS_CASES: list[tuple[str, int, int, str]] = [
    ("depression", 0, 0, "normal"),
    ("depression", 4, 8, "normal"),  # 0-9
    ("depression", 5, 10, "mild"),  # 10-13
    ("depression", 6, 12, "mild"),
    ("depression", 7, 14, "moderate"),  # 14-20
    ("depression", 10, 20, "moderate"),
    ("depression", 11, 22, "severe"),  # 21-27
    ("depression", 13, 26, "severe"),
    ("depression", 14, 28, "extremely severe"),  # 28+
    ("depression", 21, 42, "extremely severe"),
    ("anxiety", 0, 0, "normal"),
    ("anxiety", 3, 6, "normal"),  # 0-7
    ("anxiety", 4, 8, "mild"),  # 8-9
    ("anxiety", 5, 10, "moderate"),  # 10-14
    ("anxiety", 7, 14, "moderate"),
    ("anxiety", 8, 16, "severe"),  # 15-19
    ("anxiety", 9, 18, "severe"),
    ("anxiety", 10, 20, "extremely severe"),  # 20+
    ("anxiety", 21, 42, "extremely severe"),
    ("stress", 0, 0, "normal"),
    ("stress", 7, 14, "normal"),  # 0-14
    ("stress", 8, 16, "mild"),  # 15-18
    ("stress", 9, 18, "mild"),
    ("stress", 10, 20, "moderate"),  # 19-25
    ("stress", 12, 24, "moderate"),
    ("stress", 13, 26, "severe"),  # 26-33
    ("stress", 16, 32, "severe"),
    ("stress", 17, 34, "extremely severe"),  # 34+
    ("stress", 21, 42, "extremely severe"),
]


@pytest.mark.parametrize(("instrument_id", "answers", "total", "severity"), TOTAL_CASES)
def test_total_band(
    instrument_id: str, answers: list[int | None], total: float, severity: str | None
) -> None:
    result = score(instrument(instrument_id), answers)
    assert result.total == total
    assert result.severity == severity


@pytest.mark.parametrize(("scale", "raw", "expected", "label"), DASS_CASES)
def test_dass_scale_band(scale: str, raw: int, expected: int, label: str) -> None:
    result = score(instrument("DASS-21"), dass(**{scale: raw}))
    assert result.subscales[scale] == expected
    assert result.subscale_severity[scale] == label
    assert result.total == expected  # the other two scales are 0


def _near(totals: list[float], low: float, high: float) -> bool:
    return any(low <= total <= high for total in totals)


def test_every_band_bound_has_a_case_on_each_side() -> None:
    """The tables above reach both sides of every bound, for totals and for DASS scales."""
    for inst in INSTRUMENTS.values():
        step = inst.multiplier  # the smallest possible move of a total
        bands = [(inst.id, inst.bands, [t for i, _, t, _ in TOTAL_CASES if i == inst.id])]
        for sub in inst.subscales:
            done: list[float] = [
                t for s, _, t, _ in DASS_CASES if s == sub.id and inst.id == "DASS-21"
            ]
            bands.append((f"{inst.id} {sub.id}", sub.bands, done))
        for name, band_list, totals in bands:
            for band in band_list:
                assert _near(totals, band.min, band.min + step - 1e-9), (name, "min", band)
                assert _near(totals, band.max - step + 1e-9, band.max), (name, "max", band)
