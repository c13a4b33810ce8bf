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


def test_a_measure_of_something_else_is_named_as_such() -> None:
    for problem in ("Generalized anxiety: constant worry", None):
        result = analyze("Client will reduce anxiety, ASQ below 5 within 8 weeks.", problem=problem)
        assert result.relevant.value is False
        assert result.relevant.reason.startswith(
            "the ASQ is a suicide-risk screener, not a measure of anxiety"
        )
        assert result.relevant.reason in result.suggestions
    pcl = analyze("Client will reduce PCL-5 below 33.", problem="Alcohol use disorder")
    assert pcl.relevant.reason.startswith("the PCL-5 is a PTSD checklist, not a measure of")


@pytest.mark.parametrize(
    "text",
    [
        "Client will attend every therapy session.",
        "Client will keep all appointments.",
        "Client will do well at work and in sessions.",
    ],
)
def test_generic_words_never_make_a_goal_relevant(text: str) -> None:
    result = analyze(text, problem="Excessive worry at work; anxious before sessions")
    assert result.relevant.value is not True, result.relevant.reason


@pytest.mark.parametrize(
    "text",
    [
        "Client will reduce rumination to 20 minutes a day.",
        "Client will practice cognitive restructuring on a thought record daily.",
        "Client will challenge catastrophic thoughts when they come.",
    ],
)
def test_the_domain_of_worry_is_known(text: str) -> None:
    result = analyze(text, problem="Generalized anxiety disorder: excessive worry")
    assert result.relevant.value is True, result.relevant.reason
