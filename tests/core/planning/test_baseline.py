"""The baseline rule, hand-worked at every boundary. The 30-day window is the team's
decision: issue 10 asked for a recency window because a score two years before the plan's
start was chosen over one two weeks after it (no published source fixes the number)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trellis.core.planning import (
    BASELINE_WINDOW_DAYS,
    Score,
    choice_no_longer_valid,
    choose_baseline,
    chosen_baseline,
)

START = date(2026, 11, 15)


def _on(days: int) -> date:
    """``days`` after the start (negative: before it)."""
    return START + timedelta(days=days)


def test_the_window_is_30_days() -> None:
    assert BASELINE_WINDOW_DAYS == 30


def test_a_score_exactly_30_days_before_counts() -> None:
    scores = [Score(_on(-30), 12.0), Score(_on(10), 8.0)]
    chosen = choose_baseline(scores, START, label="PHQ-9")
    assert chosen.score == Score(date(2026, 10, 16), 12.0)
    assert chosen.index == 0
    assert chosen.reason == "PHQ-9 12 on 16 Oct 2026, 30 days before the plan started"
    assert not chosen.is_chosen


def test_a_score_31_days_before_does_not_and_the_first_after_is_taken() -> None:
    scores = [Score(_on(-31), 12.0), Score(_on(10), 8.0)]
    chosen = choose_baseline(scores, START, label="PHQ-9")
    assert chosen.score == Score(date(2026, 11, 25), 8.0)
    assert chosen.index == 1
    assert chosen.reason == (
        "PHQ-9 8 on 25 Nov 2026, 10 days after the plan started: first score after the "
        "start, as the last one before it, 15 Oct 2026, is more than 30 days earlier"
    )


def test_a_score_on_the_start_day_counts_and_beats_an_older_one_in_the_window() -> None:
    scores = [Score(_on(-12), 15.0), Score(_on(0), 11.0), Score(_on(1), 9.0)]
    chosen = choose_baseline(scores, START, label="PHQ-9")
    assert chosen.score == Score(START, 11.0)
    assert chosen.reason == "PHQ-9 11 on 15 Nov 2026, the day the plan started"


def test_of_two_scores_on_the_same_day_the_last_given_is_the_baseline() -> None:
    scores = [Score(_on(-3), 15.0), Score(_on(-3), 13.0)]
    assert choose_baseline(scores, START, label="PHQ-9").index == 1


def test_the_issue_case_two_years_before_loses_to_two_weeks_after() -> None:
    """Issue 10: a score from two years before the start was chosen over one two weeks
    after it."""
    scores = [Score(date(2024, 11, 15), 20.0), Score(_on(14), 16.0), Score(_on(28), 12.0)]
    chosen = choose_baseline(scores, START, label="PHQ-9")
    assert chosen.score == Score(date(2026, 11, 29), 16.0)
    assert "14 days after the plan started" in chosen.reason
    assert "the last one before it, 15 Nov 2024, is more than 30 days earlier" in chosen.reason


def test_one_day_before_is_said_in_the_singular() -> None:
    chosen = choose_baseline([Score(_on(-1), 14.0)], START, label="GAD-7")
    assert chosen.reason == "GAD-7 14 on 14 Nov 2026, 1 day before the plan started"


def test_with_no_score_after_the_start_the_first_one_is_said_to_be_missing() -> None:
    assert choose_baseline([], START, label="PHQ-9").reason == "no PHQ-9 score yet"
    old = choose_baseline([Score(_on(-90), 14.0)], START, label="PHQ-9")
    assert old.score is None and old.index is None
    assert old.reason == (
        "no PHQ-9 baseline: no score since the start, and the last one before it, "
        "17 Aug 2026, is more than 30 days earlier"
    )


def test_only_scores_after_the_start_take_the_first() -> None:
    chosen = choose_baseline([Score(_on(3), 14.5), Score(_on(9), 10.0)], START, label="K10")
    assert chosen.index == 0
    assert chosen.reason == (
        "K10 14.5 on 18 Nov 2026, 3 days after the plan started: first score after the "
        "start, as there is none before it"
    )


def test_a_subscale_label_and_another_window() -> None:
    scores = [Score(_on(-10), 14.0), Score(_on(5), 8.0)]
    chosen = choose_baseline(scores, START, label="DASS-21 depression", window_days=7)
    assert chosen.index == 1
    assert chosen.reason.startswith("DASS-21 depression 8 on 20 Nov 2026")
    with pytest.raises(ValueError, match="0 days or more"):
        choose_baseline(scores, START, label="PHQ-9", window_days=-1)


def test_a_clinicians_choice_says_who_chose_it() -> None:
    chosen = chosen_baseline(
        Score(date(2026, 11, 3), 12.0), START, label="PHQ-9", chosen_by="Casey Clinician"
    )
    assert chosen.is_chosen and chosen.chosen_by == "Casey Clinician"
    assert chosen.reason == (
        "PHQ-9 12 on 3 Nov 2026, 12 days before the plan started: chosen by Casey Clinician"
    )
    missing = chosen_baseline(None, START, label="DASS-21 stress", chosen_by=None)
    assert missing.score is None
    assert missing.reason == "chosen by a clinician, but that score has no DASS-21 stress value"


def test_a_choice_marked_entered_in_error_falls_back_to_the_rule_and_says_so() -> None:
    default = choose_baseline([Score(_on(-2), 14.0)], START, label="PHQ-9")
    lost = choice_no_longer_valid(default)
    assert lost.score == default.score and not lost.is_chosen
    assert lost.reason == (
        "the chosen score was marked entered in error, so the rule applies: "
        "PHQ-9 14 on 13 Nov 2026, 2 days before the plan started"
    )
