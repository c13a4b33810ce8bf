"""A historical total entered without its answers: range and steps checked by hand at the
edges, the band read from the total, and the missing item check said out loud."""

from __future__ import annotations

import pytest

from trellis.core.measures import AnswerError, Respondent, builtin_instruments, score_total


def _instrument(name: str):
    return builtin_instruments()[name]


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
     (19, "moderately severe"), (20, "severe"), (27, "severe")],
)  # fmt: skip
def test_phq9_bands_at_every_edge(total: int, band: str) -> None:
    result = score_total(_instrument("PHQ-9"), total)
    assert result.total == total and result.severity == band
    assert result.subscales == {}


@pytest.mark.parametrize(
    ("name", "total", "message"),
    [
        ("PHQ-9", -1, "The PHQ-9 total runs from 0 to 27; -1 is outside it."),
        ("PHQ-9", 28, "The PHQ-9 total runs from 0 to 27; 28 is outside it."),
        ("PHQ-9", 9.5, "The PHQ-9 total is a whole number; 9.5 is not one."),
        ("K10", 9, "The K10 total runs from 10 to 50; 9 is outside it."),
        ("K10", 51, "The K10 total runs from 10 to 50; 51 is outside it."),
        ("WHO-5", 50, "Every WHO-5 total is a multiple of 4 (each answer counts 4 times)"),
        ("ASQ", 1, "read from its answers by a screening rule"),
    ],
)
def test_totals_the_instrument_cannot_produce_are_refused(name, total, message) -> None:
    with pytest.raises(AnswerError) as caught:
        score_total(_instrument(name), total)
    assert message in str(caught.value)


def test_the_ends_of_each_range_are_accepted() -> None:
    assert score_total(_instrument("K10"), 10).total == 10
    assert score_total(_instrument("K10"), 50).total == 50
    assert score_total(_instrument("WHO-5"), 52).total == 52
    assert score_total(_instrument("WHO-5"), 100).total == 100
    assert score_total(_instrument("GAD-7"), 21).severity == "severe"


def test_the_unchecked_critical_item_is_named_and_never_flagged() -> None:
    result = score_total(_instrument("PHQ-9"), 27)
    assert result.flags == ()
    assert result.notes[-1] == (
        "Entered as a total only: the item answers are not known, so no critical item "
        "could be checked (critical item 9)."
    )


def test_cutoffs_on_the_total_still_flag_for_the_client() -> None:
    # AUDIT-C: positive at 3 for women and 4 for men (Bradley 2007), per the shipped file.
    auditc = _instrument("AUDIT-C")
    women = score_total(auditc, 3, Respondent(sex="female", age=40))
    men = score_total(auditc, 3, Respondent(sex="male", age=40))
    assert women.flags and not men.flags
