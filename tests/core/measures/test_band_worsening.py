"""A severity band worse, for scales without a reliable-change figure (issue 10).

Bands as the instrument files cite them: K10 10-15 low, 16-21 moderate, 22-29 high,
30-50 very high (Andrews & Slade 2001); DASS-21 depression subscale (doubled) 0-9 normal,
10-13 mild, 14-20 moderate (Lovibond & Lovibond 1995).
"""

from __future__ import annotations

import pytest

from trellis.core.measures import AnswerError
from trellis.core.measures.change import band_worsening

from .helpers import instrument


@pytest.mark.parametrize(
    ("baseline", "followup", "expected"),
    [
        (15, 16, ("low", "moderate")),  # the last low score to the first moderate one
        (15, 15, None),
        (16, 21, None),  # worse, but still moderate
        (21, 22, ("moderate", "high")),
        (29, 30, ("high", "very high")),
        (30, 12, None),  # better is never a worsening
    ],
)
def test_k10_band_boundaries(baseline: int, followup: int, expected: object) -> None:
    assert band_worsening(instrument("K10"), baseline, followup) == expected


def test_a_subscale_uses_its_own_bands() -> None:
    dass = instrument("DASS-21")
    assert band_worsening(dass, 8, 10, subscale="depression") == ("normal", "mild")
    assert band_worsening(dass, 10, 12, subscale="depression") is None


def test_a_scale_with_a_reliable_change_figure_is_judged_by_that_instead() -> None:
    # PHQ-9 9 -> 10 crosses mild -> moderate but is 1 point of the 6 that are reliable.
    assert band_worsening(instrument("PHQ-9"), 9, 10) is None


def test_a_score_outside_the_range_is_refused() -> None:
    with pytest.raises(AnswerError, match="K10: followup 51 is outside the range 10-50"):
        band_worsening(instrument("K10"), 15, 51)
