"""The template file format as pydantic models: what each part holds, and of what type.

These models are the file's structure (``trellis/data/templates/README.md``): required
and optional fields, unknown fields refused, types, words from a fixed set, limits and
the rules within one part (a target's value fits its kind). What needs the rest of the
file (a problem's code is one of the template's, a ``source:`` names one of its
references, nothing listed twice) is checked by ``loader``; what needs outside knowledge
(instruments, the ICD-10-CM code set, the SMART analyzer) by ``checks``.
``template_json_schema()`` publishes the format for authors' editors
(``trellis templates schema``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, PlainValidator, WithJsonSchema, model_validator

from trellis.core.filefields import (
    INTEGER_SCHEMA,
    TEXT_SCHEMA,
    FileModel,
    Number,
    bounded,
    choice,
    enum_schema,
    json_schema,
    pattern,
    refuse,
    text,
    whole,
)
from trellis.core.planning import parse_relative_deadline
from trellis.core.planning.targets import KINDS

from .schema import AGE_GROUPS, MODALITIES

VALUED_KINDS = ("at_or_below", "at_or_above", "down_by_points", "down_by_percent")
TEMPLATE_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ADAPTATION_KEY = r"[a-z][a-z0-9_]*"
# A category (F32), optionally a dot and one to four more characters (F32.A, F10.120).
ICD10_CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?"
# A template's deadlines are counted from a plan's start; none lies beyond five years.
_SOME_START = date(2000, 1, 1)
_LONGEST_DEADLINE = timedelta(days=5 * 365 + 2)


def _stripped(value: object) -> str:
    """Non-empty text, stripped (a YAML ``>`` block ends with a newline)."""
    return text(value).strip()


def deadline(value: object) -> str:
    """A relative deadline ("within 12 weeks", "by session 8") at most five years out."""
    written = _stripped(value)
    try:
        parsed = parse_relative_deadline(written)
    except ValueError as exc:
        refuse(str(exc))
    try:
        far = parsed.resolve(_SOME_START) > _SOME_START + _LONGEST_DEADLINE
    except ValueError:  # past the calendar
        far = True
    if far:
        refuse(f"{written!r} is more than five years from the plan's start")
    return written


def _schema_pattern(regex: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": f"^{regex}$"})


def _names_to_texts(value: object) -> object:
    if not isinstance(value, Mapping):
        refuse("must map a name (child_teen, cultural...) to a text")
    return value


Text = Annotated[str, PlainValidator(_stripped), WithJsonSchema(TEXT_SCHEMA)]
Deadline = Annotated[
    str,
    PlainValidator(deadline),
    WithJsonSchema(
        {
            **TEXT_SCHEMA,
            "description": "Relative to the plan's start: within N days|weeks|months, "
            "in N weeks, by session N, by the Nth session.",
        }
    ),
]
TemplateId = Annotated[
    str,
    PlainValidator(
        pattern(
            TEMPLATE_ID,
            lambda _: "must be lower-case letters and digits joined by hyphens (gad-adult-cbt)",
        )
    ),
    _schema_pattern(TEMPLATE_ID),
]
Icd10 = Annotated[
    str,
    PlainValidator(
        pattern(
            ICD10_CODE, lambda code: f"{code!r} is not written as an ICD-10-CM code (F41.1, F43.10)"
        )
    ),
    _schema_pattern(ICD10_CODE),
]


def _adaptation_name(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(ADAPTATION_KEY, value):
        refuse("must be named in lower case with underscores (child_teen, cultural)")
    return value


AdaptationName = Annotated[str, PlainValidator(_adaptation_name), _schema_pattern(ADAPTATION_KEY)]
AgeGroup = Annotated[str, PlainValidator(choice(AGE_GROUPS)), enum_schema(AGE_GROUPS)]
Modality = Annotated[str, PlainValidator(choice(MODALITIES)), enum_schema(MODALITIES)]
Kind = Annotated[str, PlainValidator(choice(KINDS)), enum_schema(KINDS)]
Sessions = Annotated[
    int,
    PlainValidator(bounded(whole, "must be a whole number from 1", low=1)),
    WithJsonSchema({**INTEGER_SCHEMA, "minimum": 1}),
]
Weeks = Annotated[
    int,
    PlainValidator(bounded(whole, "must be a whole number of weeks from 1 to 52", low=1, high=52)),
    WithJsonSchema({**INTEGER_SCHEMA, "minimum": 1, "maximum": 52}),
]


class MeasureEntry(FileModel):
    """An instrument to give, and how often: ``{instrument: GAD-7, every_weeks: 2}``."""

    instrument: Text
    every_weeks: Weeks


class ReferenceEntry(FileModel):
    """What the interventions rest on; every ``source:`` names one of these."""

    id: Text
    citation: Text
    url: Text | None = None


class TargetEntry(FileModel):
    """``{instrument: GAD-7, kind: at_or_below, value: 9, deadline: within 16 weeks}``."""

    instrument: Text
    kind: Kind
    value: Number | None = None
    deadline: Deadline | None = None
    subscale: Text | None = None

    @model_validator(mode="after")
    def _value_fits_the_kind(self) -> Self:
        """Values no instrument could make sense of; ranges are checked with the instrument."""
        if self.value is None:
            if self.kind in VALUED_KINDS:
                refuse(f"is required when kind is {self.kind}", "value")
            return self
        if self.kind not in VALUED_KINDS:
            refuse(f"is not used when kind is {self.kind}", "value")
        if self.kind == "down_by_percent" and not 0 < self.value <= 100:
            refuse("must be a percentage above 0 and at most 100", "value")
        if self.kind == "down_by_points" and self.value <= 0:
            refuse("must be above 0 (the points the score should fall by)", "value")
        return self


class InterventionEntry(FileModel):
    """What the clinician does, how often, and the reference (by id) it rests on."""

    modality: Modality
    description: Text
    frequency: Text
    source: Text
    delivered_by: Text | None = None


class ObjectiveEntry(FileModel):
    """A short-term, SMART step toward a goal."""

    statement: Text
    deadline: Deadline
    interventions: Annotated[tuple[InterventionEntry, ...], Field(min_length=1)]
    target: TargetEntry | None = None


class GoalEntry(FileModel):
    """A long-term goal for a problem."""

    statement: Text
    objectives: Annotated[tuple[ObjectiveEntry, ...], Field(min_length=1)]
    target: TargetEntry | None = None


class ProblemEntry(FileModel):
    """A problem as it shows in a person's life, optionally tied to one of the codes."""

    title: Text
    behavioral_definition: Text
    goals: Annotated[tuple[GoalEntry, ...], Field(min_length=1)]
    icd10: Icd10 | None = None


class TemplateFile(FileModel):
    """A whole template file (``trellis/data/templates/*.yaml``)."""

    id: TemplateId
    title: Text
    summary: Text
    age_group: AgeGroup
    modality: Modality
    icd10: Annotated[tuple[Icd10, ...], Field(min_length=1)]
    keywords: Annotated[tuple[Text, ...], Field(min_length=1)]
    review_interval_days: Sessions
    expected_sessions: Sessions
    session_frequency: Text
    measures: tuple[MeasureEntry, ...]
    adaptations: Annotated[dict[AdaptationName, Text], BeforeValidator(_names_to_texts)] = Field(
        default_factory=dict
    )
    references: Annotated[tuple[ReferenceEntry, ...], Field(min_length=1)]
    problems: Annotated[tuple[ProblemEntry, ...], Field(min_length=1)]


def template_json_schema() -> dict[str, Any]:
    """The template file format as a JSON Schema (2020-12) for authors' editors."""
    return json_schema(
        TemplateFile,
        "Trellis plan template",
        "An evidence-based treatment-plan template (trellis/data/templates/*.yaml). The "
        "rules that compare fields (a problem's code is one of the template's, every "
        "`source:` names one of its references) and those that need the instruments, the "
        "ICD-10-CM code set and the SMART analyzer are checked by `trellis templates check`.",
    )
