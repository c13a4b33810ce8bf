"""A small valid template to start each test from, and the shipped code set and instruments."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from trellis.core.icd10 import lookup
from trellis.core.library import Template, parse_template_text
from trellis.core.measures import builtin_instruments

INSTRUMENTS = builtin_instruments()

MINIMAL = """\
id: worry-adult-cbt
title: Worry (adult) — CBT
summary: >
  For adults whose worry is hard to control. Worry logs, worry time and
  experiments with uncertainty.
age_group: adult
modality: cbt
icd10: [F41.1]
keywords: [worry, anxiety, rumination]
review_interval_days: 90
expected_sessions: 12
session_frequency: Weekly, 50 minutes
measures:
  - {instrument: GAD-7, every_weeks: 2}
  - {instrument: PSWQ, every_weeks: 4}
adaptations:
  cultural: Ask how worry is spoken of in the client's family.
references:
  - id: nice-cg113
    citation: NICE. Generalised anxiety disorder and panic disorder in adults (CG113).
    url: https://www.nice.org.uk/guidance/cg113
problems:
  - title: Persistent, hard-to-control worry
    behavioral_definition: Worries most days about several things and cannot stop.
    icd10: F41.1
    goals:
      - statement: Worry takes up less of the day.
        target: {instrument: GAD-7, kind: at_or_below, value: 9, deadline: within 12 weeks}
        objectives:
          - statement: >-
              Within 4 weeks, the client will keep a worry log on at least 5 days a week.
            deadline: within 4 weeks
            target: {instrument: PSWQ, kind: down_by_points, value: 10}
            interventions:
              - modality: cbt
                description: Teach the worry log and review it each session.
                frequency: Weekly
                delivered_by: Therapist
                source: nice-cg113
              - modality: psychoeducation
                description: Explain the worry cycle.
                frequency: Once
                source: nice-cg113
"""


def minimal_data() -> dict[str, Any]:
    """The minimal template as decoded data, a fresh copy each time to edit."""
    return copy.deepcopy(_MINIMAL_DATA)


def minimal() -> Template:
    return parse_template_text(MINIMAL, "worry-adult-cbt.yaml")


def complete_code(code: str) -> bool:
    """A code of the shipped set that can be recorded on a diagnosis (not a heading)."""
    found = lookup(code)
    return found is not None and found.billable


_MINIMAL_DATA: dict[str, Any] = yaml.safe_load(MINIMAL)
