"""The shipped library: at least 30 templates, every required topic, and no check problems.

This fails until the template files are all written; its messages say what is missing.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from trellis.core.library import (
    Template,
    builtin_templates,
    check_library,
    parse_template,
    template_to_dict,
)

from .helpers import INSTRUMENTS, complete_code

TEMPLATES = builtin_templates()

# Each topic the library must cover, by the ICD-10-CM codes (or their starts) that mean it.
TOPICS: dict[str, tuple[str, ...]] = {
    "depression": ("F32", "F33"),
    "generalized anxiety": ("F41.1",),
    "panic": ("F41.0",),
    "social anxiety": ("F40.1",),
    "posttraumatic stress": ("F43.1",),
    "obsessive-compulsive disorder": ("F42",),
    "adjustment": ("F43.2",),
    "prolonged grief": ("F43.81",),
    "bipolar disorder": ("F31",),
    "alcohol use": ("F10",),
    "other substance use": ("F11", "F12", "F13", "F14", "F15", "F16", "F19"),
    "insomnia": ("F51.0",),
    "eating disorders": ("F50",),
    "ADHD": ("F90",),
    "borderline personality / emotion dysregulation": ("F60.3",),
    "disruptive behavior in children": ("F91",),
}


def test_the_library_has_at_least_30_templates() -> None:
    assert len(TEMPLATES) >= 30, f"only {len(TEMPLATES)} templates: {sorted(TEMPLATES)}"


def test_the_library_passes_every_check() -> None:
    problems = check_library(TEMPLATES, instruments=INSTRUMENTS, icd_exists=complete_code)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_required_topic_has_a_template(topic: str) -> None:
    starts = TOPICS[topic]
    covering = [t.id for t in TEMPLATES.values() if any(_codes_start(t, s) for s in starts)]
    assert covering, f"no template for {topic} (codes starting {', '.join(starts)})"


def test_children_and_adolescents_have_templates() -> None:
    groups = {template.age_group for template in TEMPLATES.values()}
    assert {"child", "adolescent"} & groups, f"age groups covered: {sorted(groups)}"


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
def test_every_shipped_template_round_trips(template_id: str) -> None:
    template = TEMPLATES[template_id]
    again = parse_template(template_to_dict(template), "copy.yaml")
    assert again == replace(template, source_file="copy.yaml")


def _codes_start(template: Template, start: str) -> bool:
    return any(code.startswith(start) for code in template.icd10)
