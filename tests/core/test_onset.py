"""Onset as precisely as known: a day, a month, a year, or words."""

from datetime import date

import pytest

from trellis.core.onset import Onset, OnsetError, Precision, from_stored, parse_onset

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("typed", "precision", "start", "label"),
    [
        ("2021-03-14", Precision.DAY, date(2021, 3, 14), "2021-03-14"),
        ("3/14/2021", Precision.DAY, date(2021, 3, 14), "2021-03-14"),
        ("2021-03", Precision.MONTH, date(2021, 3, 1), "March 2021"),
        ("3/2021", Precision.MONTH, date(2021, 3, 1), "March 2021"),
        ("March 2021", Precision.MONTH, date(2021, 3, 1), "March 2021"),
        ("mar. 2021", Precision.MONTH, date(2021, 3, 1), "March 2021"),
        ("2019", Precision.YEAR, date(2019, 1, 1), "2019"),
        ("about 2019", Precision.YEAR, date(2019, 1, 1), "about 2019"),
        ("~2019", Precision.YEAR, date(2019, 1, 1), "~2019"),
        ("childhood", Precision.DESCRIBED, None, "childhood"),
        ("after the  divorce", Precision.DESCRIBED, None, "after the divorce"),
        ("2026-12-07", Precision.DAY, TODAY, "2026-12-07"),
    ],
)
def test_onset_is_read_with_its_precision(typed, precision, start, label) -> None:
    onset = parse_onset(typed, today=TODAY)
    assert onset is not None
    assert (onset.precision, onset.start, onset.label) == (precision, start, label)


def test_nothing_typed_is_no_onset() -> None:
    assert parse_onset("   ", today=TODAY) is None


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("2021-02-30", "not a real date"),
        ("13/2021", "not a real date"),
        ("2027", "in the future"),
        ("January 2027", "in the future"),
        ("1850", "before 1900"),
    ],
)
def test_impossible_onsets_are_refused(typed: str, problem: str) -> None:
    with pytest.raises(OnsetError, match=problem):
        parse_onset(typed, today=TODAY)


def test_a_month_this_month_is_not_in_the_future() -> None:
    assert parse_onset("December 2026", today=TODAY) is not None


def test_stored_rows_read_back() -> None:
    assert from_stored("", "", None) is None
    assert from_stored("", "", date(2020, 5, 1)) == Onset(
        "2020-05-01", Precision.DAY, date(2020, 5, 1)
    )
    assert from_stored("2019", "year", date(2019, 1, 1)).label == "2019"  # type: ignore[union-attr]
