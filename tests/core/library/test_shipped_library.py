"""The shipped library: at least 30 templates, every required topic, and no check problems.

This fails until the template files are all written; its messages say what is missing.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from trellis.core.library import (
    builtin_templates,
    check_library,
    parse_template,
    template_to_dict,
)

from .helpers import INSTRUMENTS, complete_code

TEMPLATES = builtin_templates()

# Each topic the issue names, and the shipped template that covers it.
TOPICS: dict[str, str] = {
    "generalized anxiety": "gad-adult-cbt",
    "panic disorder": "panic-disorder-cbt",
    "social anxiety": "social-anxiety-cbt",
    "specific phobia": "specific-phobia-exposure",
    "major depression": "mdd-adult-cbt-ba",
    "persistent depressive disorder": "persistent-depressive-disorder",
    "bipolar disorder (adjunctive therapy)": "bipolar-adjunctive",
    "PTSD": "ptsd-trauma-focused",
    "complex trauma": "complex-trauma-phased",
    "OCD": "ocd-erp",
    "emotion dysregulation and self-harm (DBT)": "dbt-emotion-dysregulation",
    "suicidal ideation (safety planning focus)": "suicidal-ideation-safety",
    "alcohol use": "alcohol-use-mi-cbt",
    "other substance use": "substance-use-cbt",
    "adult ADHD": "adult-adhd-cbt",
    "child ADHD (parent training)": "child-adhd-parent-training",
    "oppositional behavior in children": "oppositional-behavior-pmt",
    "adolescent depression": "adolescent-depression",
    "adolescent anxiety": "adolescent-anxiety-cbt",
    "insomnia (CBT-I)": "insomnia-cbti",
    "prolonged grief": "prolonged-grief",
    "anger": "anger-management",
    "binge eating": "binge-eating-cbt",
    "anorexia nervosa (adjunctive)": "anorexia-adjunctive",
    "body image": "body-image-cbt",
    "adjustment disorder": "adjustment-disorder",
    "couples distress": "couples-distress",
    "family conflict": "family-conflict",
    "psychosis (CBTp, adjunctive)": "psychosis-cbtp-adjunctive",
    "chronic pain with depression": "chronic-pain-depression",
}


def test_the_library_has_at_least_30_templates() -> None:
    assert len(TEMPLATES) >= 30, f"only {len(TEMPLATES)} templates: {sorted(TEMPLATES)}"


def test_the_library_passes_every_check() -> None:
    problems = check_library(TEMPLATES, instruments=INSTRUMENTS, icd_exists=complete_code)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_required_topic_has_a_template(topic: str) -> None:
    assert TOPICS[topic] in TEMPLATES, f"no template for {topic}"


def test_children_and_adolescents_have_templates() -> None:
    groups = {template.age_group for template in TEMPLATES.values()}
    assert {"child", "adolescent"} & groups, f"age groups covered: {sorted(groups)}"


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
def test_every_shipped_template_round_trips(template_id: str) -> None:
    template = TEMPLATES[template_id]
    again = parse_template(template_to_dict(template), "copy.yaml")
    assert again == replace(template, source_file="copy.yaml")
