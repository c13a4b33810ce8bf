"""Vague goals are named as such, and suggestions are concrete rewrites of the goal's words."""

from __future__ import annotations

import pytest

from trellis.core.measures import builtin_instruments
from trellis.core.smart import analyze
from trellis.core.smart.concepts import CONCEPTS


@pytest.mark.parametrize(
    "text",
    [
        "Client will feel better.",
        "Be more confident.",
        "I want to be happy again.",
        "Client will improve mood.",
        "Couple will improve communication.",
        "Client will use healthy coping skills.",
        "Client will feel less nervous at work.",
    ],
)
def test_vague_goals(text: str) -> None:
    result = analyze(text)
    assert result.vague is True
    assert (result.specific.value, result.measurable.value, result.time_bound.value) == (
        False,
        False,
        False,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Client will stop drinking.",  # specific
        "Client will be happier 50% of the time.",  # measurable
        "Client will feel better within two weeks.",  # time-bound
    ],
)
def test_one_criterion_is_enough_not_to_be_vague(text: str) -> None:
    assert analyze(text).vague is False


def test_a_feeling_is_quoted_as_the_reason_it_is_not_specific() -> None:
    result = analyze("Client will feel less anxious.")
    assert result.specific.value is False
    assert "feel" in result.specific.evidence
    assert "feeling" in result.specific.reason


def test_missing_deadline_and_measure_are_suggested_in_the_issue_wording() -> None:
    suggestions = analyze("Client will feel less anxious.").suggestions
    assert "add a deadline, e.g. 'within 12 weeks'" in suggestions
    assert "name how you'll measure it, e.g. 'GAD-7 below 10'" in suggestions


def test_the_rewrite_keeps_the_goal_own_words() -> None:
    suggestions = analyze("Client will feel less anxious.").suggestions
    assert suggestions[-1] == (
        "for example: 'Client will feel less anxious, as shown by GAD-7 below 10 within 12 weeks'"
    )


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        (
            "Client will practice deep breathing.",
            "Client will practice deep breathing, at least 3 times a week within 12 weeks",
        ),
        ("Client will reduce self-harm.", "Client will reduce self-harm by half within 12 weeks"),
        ("I want to stop cutting.", "I want to stop cutting for 30 days in a row"),
        ("Client will walk daily.", "Client will walk daily within 12 weeks"),
    ],
)
def test_rewrites_follow_the_direction_the_goal_points(text: str, rewrite: str) -> None:
    assert analyze(text).suggestions[-1] == f"for example: '{rewrite}'"


def test_a_behavior_is_suggested_for_a_feeling_with_no_measure_to_offer() -> None:
    suggestions = analyze("Child will be nicer to his brother.").suggestions
    assert suggestions[0].startswith("name a behavior you could see, e.g. 'Child will ")


def test_a_named_instrument_without_a_target_gets_one_suggested() -> None:
    result = analyze("Client will reduce GAD-7 within 12 weeks.")
    assert result.target is None
    assert result.suggestions[0] == "add a target for GAD-7, e.g. 'GAD-7 down by half'"


def test_a_complete_goal_gets_no_suggestions() -> None:
    assert analyze("Client will walk 3 times a week for the next 8 weeks.").suggestions == ()


@pytest.mark.parametrize(
    ("text", "problem", "kept"),
    [
        ("Client will learn coping skills.", "Anxiety", "Client will learn coping skills"),
        ("Client will use coping skills in therapy.", "Depression", "use coping skills in therapy"),
        ("Client will practice grounding.", "PTSD", "Client will practice grounding"),
    ],
)
def test_a_rewrite_keeps_the_clinician_words_and_never_swaps_in_attendance(
    text: str, problem: str, kept: str
) -> None:
    rewrite = analyze(text, problem=problem).rewrite
    assert rewrite is not None and kept in rewrite
    assert "attend every" not in rewrite


@pytest.mark.parametrize(
    ("text", "softened"),
    [
        ("Client will never feel anxious again.", "Client will feel anxious less often"),
        ("I want to always be happy.", "I want to be happy more often"),
        ("Client will stop having flashbacks forever.", "Client will stop having flashbacks"),
    ],
)
def test_a_rewrite_never_keeps_an_absolute_no_one_can_meet(text: str, softened: str) -> None:
    result = analyze(text)
    assert result.achievable.value is False
    assert result.rewrite is not None and result.rewrite.startswith(softened)
    assert analyze(result.rewrite).achievable.value is None
    assert result.suggestions[-1] == f"for example: '{result.rewrite}'"


def test_a_state_said_to_get_better_is_shown_by_its_measure() -> None:
    assert analyze("Client will sleep better.").rewrite == (
        "Client will sleep better, as shown by falling asleep within 30 minutes on 5 nights a "
        "week in a sleep diary within 12 weeks"
    )
    assert analyze("Mood will improve.").rewrite == (
        "Mood will improve, as shown by PHQ-9 below 10 within 12 weeks"
    )


def test_suggestions_name_only_instruments_trellis_ships() -> None:
    shipped = set(builtin_instruments())
    for concept in CONCEPTS.values():
        if concept.measure is None:
            continue
        first = concept.measure.split()[0]
        if any(ch.isdigit() for ch in first) or first.isupper():
            assert first in shipped, f"{concept.name}: {concept.measure}"
