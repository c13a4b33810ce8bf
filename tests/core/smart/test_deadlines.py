"""Deadlines and durations make a goal time-bound; frequencies and clock times do not."""

from __future__ import annotations

import pytest

from trellis.core.smart import analyze


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Client will walk within 12 weeks.", "12 weeks"),
        ("Client will walk in 3 months.", "3 months"),
        ("In 3 months, client will be walking daily.", "3 months"),
        ("Client will walk daily over the next six weeks.", "6 weeks"),
        ("Client will walk for the next 90 days.", "90 days"),
        ("Client will walk three times a week for a month.", "1 month"),
        ("Client will walk twelve weeks from now.", "12 weeks"),
        ("Client will list triggers by the 8th session.", "8 sessions"),
        ("Client will list triggers by the third session.", "3 sessions"),
        ("Client will list triggers by session 4.", "4 sessions"),
        ("Client will list triggers within 10 sessions.", "10 sessions"),
        ("Client will list triggers by week 6.", "6 weeks"),
        ("Client will list triggers by the twelfth week of treatment.", "12 weeks"),
        ("Client will list triggers by 6 months.", "6 months"),
        ("Client will list triggers by the 90-day review.", "90 days"),
        ("Client will list triggers by the next plan review.", "next review"),
        ("Client will list triggers at next session.", "next session"),
        ("Client will list triggers by the end of today's session.", "end of this session"),
        ("Client will return to work by March 1.", "March 1"),
        ("Client will return to work by March 1st, 2027.", "March 1, 2027"),
        ("Client will return to work by the end of March.", "end of March"),
        ("Client will graduate in June 2027.", "June 2027"),
        ("Client will submit applications by 12/15.", "December 15"),
        ("Client will submit applications by 3/1/2026.", "March 1, 2026"),
        ("Client will vape less by the 1st of next month.", "1st of next month"),
        ("Client will go to a cafe twice this month.", "this month"),
        ("Client will go to a cafe by next month.", "next month"),
        ("Client will go to a cafe by the end of the semester.", "end of the semester"),
        ("Client will go to a cafe by the end of the school year.", "end of the school year"),
        ("Client will go to a cafe by discharge.", "discharge"),
        ("Client will go to a cafe by Christmas.", "Christmas"),
        ("Client will go to a cafe by summer.", "summer"),
        ("Client will complete a 12-week skills group.", "12 weeks"),
        ("Adolescent will go 60 days without cutting.", "60 days"),
        ("Client will maintain abstinence for 90 consecutive days.", "90 days"),
        ("Pt will complete the activity schedule 5x/wk x 6 wks.", "6 weeks"),
        ("Client will decrease GAD7 to 7 w/in 12 wks.", "12 weeks"),
    ],
)
def test_deadlines_are_found_and_normalized(text: str, deadline: str) -> None:
    result = analyze(text)
    assert result.time_bound.value is True, result.time_bound.reason
    assert result.deadline == deadline


@pytest.mark.parametrize(
    "text",
    [
        "Client will walk daily.",
        "Client will walk weekly.",
        "Client will walk every day.",
        "Partners will go on a date night every two weeks.",
        "Client will bring the log to each session.",
        "Client will practice breathing for 10 minutes.",
        "Client will start tasks within 15 minutes of arriving at work.",
        "Client will be in bed by 10:30 pm on school nights.",
        "I will go to bed by 11 every night.",
        "Client will get up before 9 am.",
        "Client will attend 8 sessions.",
        "Client will break assignments into steps, starting this week.",
        "Client will feel better soon.",
        "Client will eventually return to driving.",
        "I'd like to sleep better in the next few weeks.",
        "Client will improve as soon as possible.",
        "Client will show improvement over time.",
    ],
)
def test_frequencies_lengths_clock_times_and_vague_times_are_not_deadlines(text: str) -> None:
    result = analyze(text)
    assert result.time_bound.value is False
    assert result.deadline is None


def test_the_past_is_not_a_deadline() -> None:
    text = "Client, who has been drinking for 20 years, will reduce drinking."
    assert analyze(text).time_bound.value is False
    assert analyze("Client was hospitalized in March 2024 and will attend groups.").deadline is None
    assert analyze("Client stopped drinking 3 months ago.").time_bound.value is False


def test_a_date_of_birth_is_not_a_deadline() -> None:
    result = analyze("Client (DOB 04/12/1988) will attend a weekly group.")
    assert result.time_bound.value is False


def test_a_frequency_is_explained_as_how_often_not_by_when() -> None:
    result = analyze("Client will walk daily.")
    assert "how often, not by when" in result.time_bound.reason


def test_may_and_march_as_verbs_are_not_months() -> None:
    assert analyze("Client may march in the parade.").time_bound.value is False
