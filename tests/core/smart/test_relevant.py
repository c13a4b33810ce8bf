"""Relevant is judged against the problem and diagnoses by shared clinical concepts."""

from __future__ import annotations

import pytest

from trellis.core.smart import analyze


def test_unknown_without_a_problem_or_diagnosis() -> None:
    result = analyze("Client will reduce nightmares to one a week within 10 weeks.")
    assert result.relevant.value is None


@pytest.mark.parametrize(
    ("text", "problem", "diagnoses"),
    [
        (
            "Client will reduce nightmares to one a week.",
            None,
            ["F43.10 Post-traumatic stress disorder"],
        ),
        ("Client will reduce nightmares to one a week.", None, ["F43.10"]),
        ("Client will reduce PHQ-9 below 10.", "Major depressive disorder, recurrent", []),
        ("Client will do one pleasant activity a day.", "Depression", []),
        ("Reduce worry so that GAD-7 drops by 60%.", "Generalized anxiety", []),
        ("Client will go 60 days without drinking.", None, ["Alcohol use disorder, moderate"]),
        ("Client will call her sponsor weekly.", "Opioid use disorder", []),
        ("Client will eat three meals a day.", "Anorexia nervosa", []),
        ("Couple will have a weekly check-in.", "Marital conflict", []),
        ("Client will take medication every day.", "Schizophrenia: hearing voices", []),
    ],
)
def test_shared_concepts_make_a_goal_relevant(
    text: str, problem: str | None, diagnoses: list[str]
) -> None:
    result = analyze(text, problem=problem, diagnoses=diagnoses)
    assert result.relevant.value is True, result.relevant.reason
    assert result.relevant.evidence


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Client will reduce drinking days to two a week.", "Anorexia nervosa"),
        ("Client will reduce PCL-5 below 33.", "Alcohol use disorder"),
        ("Child will reduce tantrums to one a day.", "Insomnia"),
    ],
)
def test_a_goal_about_another_problem_is_flagged(text: str, problem: str) -> None:
    result = analyze(text, problem=problem)
    assert result.relevant.value is False
    assert any(problem in suggestion for suggestion in result.suggestions)


def test_shared_words_decide_when_no_concept_is_named() -> None:
    result = analyze("Client will find a volunteer placement.", problem="No volunteer placement")
    assert result.relevant.value is True
    unknown = analyze("Client will find meaning again.", problem="Unemployment")
    assert unknown.relevant.value is None
