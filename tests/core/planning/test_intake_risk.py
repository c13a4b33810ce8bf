"""The intake risk screening as one level, at each of its answers, and what the plan check
makes of it: current ideation or recent self-harm asks for a safety plan, as a critical
answer does; a past self-harm, a denial or an unasked question does not."""

from __future__ import annotations

import pytest

from tests.core.planning.test_quality import TODAY, codes, plan
from trellis.core.planning.intake_risk import calls_for_safety_plan, intake_risk
from trellis.core.planning.quality import check_plan

ASKED = {"suicidal_ideation": "denied", "homicidal_ideation": "denied", "self_harm": "none"}

# Every answer of each question, the others denied: the level it gives.
CASES = [
    ("suicidal_ideation", "not_assessed", "not_screened"),
    ("suicidal_ideation", "denied", "none"),
    ("suicidal_ideation", "passive", "current"),
    ("suicidal_ideation", "active_no_plan", "current"),
    ("suicidal_ideation", "active_plan", "current"),
    ("suicidal_ideation", "", "not_screened"),
    ("homicidal_ideation", "not_assessed", "not_screened"),
    ("homicidal_ideation", "denied", "none"),
    ("homicidal_ideation", "passive", "current"),
    ("homicidal_ideation", "active_no_plan", "current"),
    ("homicidal_ideation", "active_plan", "current"),
    ("self_harm", "not_assessed", "not_screened"),
    ("self_harm", "none", "none"),
    ("self_harm", "past", "history"),
    ("self_harm", "recent", "current"),
    ("self_harm", "", "not_screened"),
]


@pytest.mark.parametrize(("question", "answer", "level"), CASES)
def test_each_answer_gives_its_level(question: str, answer: str, level: str) -> None:
    assert intake_risk(**{**ASKED, question: answer}) == level


@pytest.mark.parametrize(("question", "answer", "level"), CASES)
def test_the_plan_check_asks_for_a_safety_plan_only_for_current_risk(
    question: str, answer: str, level: str
) -> None:
    screened = plan(intake_risk=intake_risk(**{**ASKED, question: answer}))
    findings = check_plan(screened, today=TODAY)
    if level == "current":
        [finding] = findings
        assert (finding.code, finding.severity) == ("risk_without_safety_plan", "error")
        assert finding.message.startswith(
            "The intake screening recorded current ideation or self-harm in the last 12 months"
        )
    else:
        assert findings == []


def test_current_ideation_outweighs_an_unasked_question() -> None:
    level = intake_risk(
        suicidal_ideation="passive", homicidal_ideation="not_assessed", self_harm="not_assessed"
    )
    assert level == "current" and calls_for_safety_plan(level)
    past = intake_risk(suicidal_ideation="denied", homicidal_ideation="", self_harm="past")
    assert past == "history" and not calls_for_safety_plan(past)


def test_intake_risk_with_a_safety_plan_still_asks_about_means() -> None:
    written = plan(intake_risk="current", has_safety_plan=True)
    assert check_plan(written, today=TODAY) == []
    [finding] = check_plan(
        plan(intake_risk="current", has_safety_plan=True, means_not_asked=("medication",)),
        today=TODAY,
    )
    assert finding.code == "means_not_asked"
    assert "access to medication has not been asked" in finding.message


def test_a_risk_flag_keeps_its_own_message() -> None:
    both = check_plan(plan(risk_flagged=True, intake_risk="current"), today=TODAY)
    assert codes(both) == ["risk_without_safety_plan"]
    assert both[0].message.startswith("Risk is flagged but there is no safety plan")
