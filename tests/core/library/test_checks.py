"""Library checks: SMART objectives, known instruments and codes, judgeable targets, citations."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from trellis.core.library import (
    MODALITIES,
    Template,
    TemplateTarget,
    check_library,
    check_template,
    parse_template,
)

from .helpers import INSTRUMENTS, complete_code, minimal, minimal_data

FILE = "worry-adult-cbt.yaml"
GOAL = "problems[0].goals[0]"
OBJECTIVE = f"{GOAL}.objectives[0]"


def check(template: Template) -> list[str]:
    return check_template(template, instruments=INSTRUMENTS, icd_exists=complete_code)


def edited(**changes: Any) -> dict[str, Any]:
    """The minimal template's data with the goal's and objective's fields changed."""
    data = minimal_data()
    goal = data["problems"][0]["goals"][0]
    for key, value in changes.items():
        where, _, field = key.partition("__")
        (goal if where == "goal" else goal["objectives"][0])[field] = value
    return data


def with_goal_target(**target: Any) -> Template:
    data = edited(goal__target=target)
    data["measures"].append({"instrument": "WHO-5", "every_weeks": 4})
    data["measures"].append({"instrument": "DASS-21", "every_weeks": 4})
    return parse_template(data, FILE)


def test_a_sound_template_has_no_problems() -> None:
    assert check(minimal()) == []


def test_objective_that_is_not_smart_says_what_is_missing_and_suggests() -> None:
    template = parse_template(edited(objective__statement="The client will feel better."), FILE)
    (problem,) = check(template)
    assert problem.startswith(
        f"{FILE}: {OBJECTIVE}.statement: not specific (names only a feeling or general state"
    )
    assert "not measurable (" in problem
    assert "not time-bound (no deadline or time frame)" in problem
    assert "suggestion: " in problem
    assert "add a deadline, e.g. 'within 12 weeks'" in problem


def test_objective_missing_only_a_deadline() -> None:
    statement = "The client will keep a worry log on at least 5 days a week."
    (problem,) = check(parse_template(edited(objective__statement=statement), FILE))
    assert problem.startswith(f"{FILE}: {OBJECTIVE}.statement: not time-bound (")
    assert "not specific" not in problem and "not measurable" not in problem


def test_unknown_instrument_in_measures_and_targets() -> None:
    data = minimal_data()
    data["measures"][0]["instrument"] = "GAD7"
    data["problems"][0]["goals"][0]["target"]["instrument"] = "GAD7"
    problems = check(parse_template(data, FILE))
    assert problems == [
        f"{FILE}: measures[0].instrument: unknown instrument 'GAD7' (instruments: "
        + ", ".join(sorted(INSTRUMENTS))
        + ")",
        f"{FILE}: {GOAL}.target.instrument: unknown instrument 'GAD7' (instruments: "
        + ", ".join(sorted(INSTRUMENTS))
        + ")",
    ]


def test_who5_cannot_aim_at_or_below() -> None:
    template = with_goal_target(instrument="WHO-5", kind="at_or_below", value=13)
    assert check(template) == [
        f"{FILE}: {GOAL}.target: On the WHO-5 higher scores are better: "
        "aim at or above a score instead."
    ]


def test_recovery_needs_a_caseness_cutoff() -> None:
    template = with_goal_target(instrument="WHO-5", kind="recovery")
    assert check(template) == [
        f"{FILE}: {GOAL}.target: The WHO-5 has no caseness cut-off, so recovery cannot be judged."
    ]


def test_score_target_must_lie_in_the_instrument_range() -> None:
    template = with_goal_target(instrument="GAD-7", kind="at_or_below", value=30)
    assert check(template) == [f"{FILE}: {GOAL}.target.value: 30 is outside the GAD-7 range 0-21"]


def test_a_fall_must_fit_in_the_range() -> None:
    template = with_goal_target(instrument="GAD-7", kind="down_by_points", value=25)
    assert check(template) == [
        f"{FILE}: {GOAL}.target.value: a fall of 25 points does not fit the GAD-7 range 0-21"
    ]


def test_subscale_must_exist_and_its_range_applies() -> None:
    missing = with_goal_target(instrument="DASS-21", kind="at_or_below", value=9, subscale="worry")
    assert check(missing) == [
        f"{FILE}: {GOAL}.target.subscale: DASS-21 has no subscale 'worry' "
        "(depression, anxiety, stress)"
    ]
    good = with_goal_target(instrument="DASS-21", kind="at_or_below", value=9, subscale="anxiety")
    assert check(good) == []
    too_high = with_goal_target(
        instrument="DASS-21", kind="at_or_below", value=50, subscale="anxiety"
    )
    assert check(too_high) == [
        f"{FILE}: {GOAL}.target.value: 50 is outside the DASS-21 anxiety range 0-42"
    ]


def test_a_target_instrument_must_be_scheduled() -> None:
    template = parse_template(
        edited(goal__target={"instrument": "PHQ-9", "kind": "reliable_improvement"}), FILE
    )
    assert check(template) == [
        f"{FILE}: {GOAL}.target.instrument: PHQ-9 is not among the template's measures, "
        "so the target could never be judged"
    ]


def test_every_intervention_must_cite_a_reference_of_the_template() -> None:
    template = replace(minimal(), references=())
    assert check(template) == [
        f"{FILE}: {OBJECTIVE}.interventions[0].source: 'nice-cg113' is not a reference of "
        "this template (references: none)",
        f"{FILE}: {OBJECTIVE}.interventions[1].source: 'nice-cg113' is not a reference of "
        "this template (references: none)",
    ]


def test_unknown_and_heading_icd_codes() -> None:
    data = minimal_data()
    data["icd10"] = ["F41.1", "F41.7", "F41"]
    problems = check(parse_template(data, FILE))
    assert problems == [
        f"{FILE}: icd10[1]: 'F41.7' is not a complete ICD-10-CM code of the shipped code set",
        f"{FILE}: icd10[2]: 'F41' is not a complete ICD-10-CM code of the shipped code set",
    ]


def test_rules_of_the_format_are_checked_again_for_templates_built_in_code() -> None:
    template = minimal()
    problem = template.problems[0]
    goal = problem.goals[0]
    objective = replace(
        goal.objectives[0],
        deadline="soonish",
        target=TemplateTarget("PSWQ", "down_by_points", None, None),
        interventions=(replace(goal.objectives[0].interventions[0], modality="hypnosis"),),
    )
    built = replace(
        template,
        source_file=None,
        modality="talk",
        problems=(
            replace(problem, icd10="F41.0", goals=(replace(goal, objectives=(objective,)),)),
        ),
    )
    found = check(built)
    assert (
        found[0] == f"worry-adult-cbt: modality: 'talk' is not a modality ({', '.join(MODALITIES)})"
    )
    assert found[1:] == [
        "worry-adult-cbt: problems[0].icd10: F41.0 is not among the template's codes",
        f"worry-adult-cbt: {OBJECTIVE}.deadline: Cannot read the deadline 'soonish': write it "
        "e.g. 'within 12 weeks', 'in 3 months', 'by session 8' or {'weeks': 12}.",
        f"worry-adult-cbt: {OBJECTIVE}.target: The “down by points” target on the PSWQ needs "
        "a number.",
        f"worry-adult-cbt: {OBJECTIVE}.interventions[0].modality: 'hypnosis' is not a modality "
        f"({', '.join(MODALITIES)})",
    ]


def test_check_library_collects_every_template_and_checks_keys() -> None:
    good = minimal()
    bad = replace(minimal(), id="other", source_file="other.yaml", references=())
    problems = check_library(
        {good.id: good, "renamed": bad}, instruments=INSTRUMENTS, icd_exists=complete_code
    )
    assert problems[0] == "other.yaml: id: 'other' is listed as 'renamed'"
    assert len(problems) == 3
    assert all(line.startswith("other.yaml: ") for line in problems)
