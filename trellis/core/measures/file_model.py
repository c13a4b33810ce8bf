"""The instrument file format as pydantic models: what each block holds, and of what type.

These models are the file's structure (required and optional fields, unknown fields
refused, types, words from a fixed set, limits that need no other field) plus the rules
within one block (a band's max at or above its min). What needs the rest of the file
(the score range, the references, the subscales, the direction of the scale) is checked
by ``loader`` once the file has this shape. ``instrument_json_schema()`` publishes the
format for authors' editors (``trellis instruments --schema``).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import BeforeValidator, Field, PlainValidator, WithJsonSchema, model_validator

from trellis.core.filefields import (
    NUMBER_SCHEMA,
    FileModel,
    Number,
    Sources,
    Text,
    Whole,
    bounded,
    choice,
    enum_schema,
    kind,
    nested,
    number,
    pattern,
    refuse,
    whole,
)
from trellis.core.filefields import json_schema as _json_schema

HIGHER_IS = ("worse", "better")
SEXES = ("female", "male")
MISSING_RULES = ("reject", "prorate", "count_as")
PRORATE_SCOPES = ("total", "subscale")
BASES = ("published", "team_reading")
HigherIs = Annotated[
    Literal["worse", "better"], PlainValidator(choice(HIGHER_IS)), enum_schema(HIGHER_IS)
]
Sex = Annotated[Literal["female", "male"], PlainValidator(choice(SEXES)), enum_schema(SEXES)]
MissingKind = Annotated[
    Literal["reject", "prorate", "count_as"],
    PlainValidator(choice(MISSING_RULES)),
    enum_schema(MISSING_RULES),
]
ProrateScope = Annotated[
    Literal["total", "subscale"],
    PlainValidator(choice(PRORATE_SCOPES)),
    enum_schema(PRORATE_SCOPES),
]
Basis = Annotated[
    Literal["published", "team_reading"], PlainValidator(choice(BASES)), enum_schema(BASES)
]
Flag = Annotated[
    str,
    PlainValidator(
        pattern(
            r"[a-z0-9_]+",
            lambda _: "must be lower case letters, digits and underscores (e.g. item9_positive)",
        )
    ),
    WithJsonSchema({"type": "string", "pattern": "^[a-z0-9_]+$"}),
]
LoincCode = Annotated[
    str,
    PlainValidator(
        pattern(r"\d{1,7}-\d", lambda code: f"{code!r} is not a LOINC code (like 44261-6)")
    ),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,7}-\d$"}),
]
# An item number; whether the item exists is checked against the file's items.
ItemNumber = Annotated[
    int, PlainValidator(whole), WithJsonSchema({"type": "integer", "minimum": 1})
]
Year = Annotated[
    int,
    PlainValidator(bounded(whole, "must be a year such as 2001", low=1800, high=2100)),
    WithJsonSchema({"type": "integer", "minimum": 1800, "maximum": 2100}),
]
Age = Annotated[
    int,
    PlainValidator(bounded(whole, "must be an age in whole years, 0-130", low=0, high=130)),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": 130}),
]
Positive = Annotated[
    float,
    PlainValidator(bounded(number, "must be above 0", above=0)),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),
]
Proportion = Annotated[
    float,
    PlainValidator(bounded(number, "must be between 0 and 1", above=0, below=1)),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}),
]


def _pair(value: object) -> tuple[int | float, int | float]:
    """``[lowest, highest]``."""
    if not isinstance(value, list):
        refuse(f"must be a list, not {kind(value)}")
    if not value:
        refuse("must not be empty")
    if len(value) != 2:
        refuse("must be [lowest, highest]")
    low, high = (nested(index, number, entry) for index, entry in enumerate(value))
    return low, high


Range = Annotated[
    tuple[float, float],
    PlainValidator(_pair),
    WithJsonSchema(
        {
            "type": "array",
            "prefixItems": [NUMBER_SCHEMA, NUMBER_SCHEMA],
            "minItems": 2,
            "maxItems": 2,
        }
    ),
]


def _names_to_options(value: object) -> object:
    if not isinstance(value, dict):
        refuse("must map a name to a list of options")
    return value


class ReferenceEntry(FileModel):
    """One entry of ``references``: what every ``source:`` points into."""

    not_null = ("year",)

    id: Text
    citation: Text
    year: Year | None = None
    url: Text | None = None
    doi: Text | None = None
    note: Text | None = None


class OptionEntry(FileModel):
    """A response option: ``{value: 0, text: Not at all}``."""

    value: Whole
    text: Text
    note: Text | None = None


class Scoring(FileModel):
    """How answers become a score."""

    source: Sources
    higher_is: HigherIs
    options: Annotated[tuple[OptionEntry, ...], Field(min_length=1)]
    range: Range
    option_sets: Annotated[
        dict[Text, Annotated[tuple[OptionEntry, ...], Field(min_length=1)]],
        BeforeValidator(_names_to_options),
    ] = Field(default_factory=dict)
    reverse: tuple[ItemNumber, ...] = ()
    multiplier: Positive = 1
    note: Text | None = None


class ItemEntry(FileModel):
    """A question; ``options`` names an option set of ``scoring`` (default: its options)."""

    not_null = ("options",)

    text: Text
    options: Text | None = None
    note: Text | None = None


class UnscoredEntry(FileModel):
    """A question asked after the items and counted in no score (PHQ-9 / GAD-7 difficulty)."""

    id: Flag
    text: Text
    options: Annotated[tuple[OptionEntry, ...], Field(min_length=1)]
    source: Sources
    note: Text | None = None


class ConditionEntry(FileModel):
    """An item asked only after certain answers (ASQ item 5)."""

    item: ItemNumber
    asked_if_any: Annotated[tuple[ItemNumber, ...], Field(min_length=1)]
    at_least: Whole
    source: Sources
    note: Text | None = None


class BandEntry(FileModel):
    """A severity band, inclusive at both ends, with the manual's label."""

    min: Number
    max: Number
    label: Text
    source: Sources
    note: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.max < self.min:
            refuse("must be >= min", "max")
        return self


Bands = Annotated[tuple[BandEntry, ...], Field(min_length=1)]


class SdEntry(FileModel):
    """The SD of baseline scores for the RCI; ``value: null`` when none is published."""

    value: Positive | None = None
    source: Sources
    note: Text | None = None


class ReliabilityEntry(FileModel):
    """The reliability (alpha or test-retest, as ``kind`` says) from the SD's sample."""

    value: Proportion | None = None
    kind: Text | None = None
    source: Sources
    note: Text | None = None


class PointsEntry(FileModel):
    """A published points threshold for reliable change."""

    points: Positive | None = None
    source: Sources
    note: Text | None = None


class CasenessEntry(FileModel):
    """The cut-off that defines a case; which side is checked against ``higher_is``."""

    not_null = ("at_least", "at_most")

    at_least: Number | None = None
    at_most: Number | None = None
    source: Sources
    note: Text | None = None


class GroupEntry(FileModel):
    """The mean and SD of one sample, and its size if known."""

    mean: Number
    sd: Positive
    n: Whole | None = None
    note: Text | None = None


class NormsEntry(FileModel):
    """Clinical and non-clinical means and SDs (Jacobson & Truax criterion c)."""

    clinical: GroupEntry
    nonclinical: GroupEntry
    source: Sources
    note: Text | None = None


def _source_text(value: tuple[str, ...]) -> str:
    """A ``source`` as the file wrote it: ``'a'`` or ``['a', 'b']``."""
    return repr(value[0]) if len(value) == 1 else repr(list(value))


class ChangeEntry(FileModel):
    """The statistics change is judged by; null means unknown."""

    sd: SdEntry | None = None
    reliability: ReliabilityEntry | None = None
    reliable_change: PointsEntry | None = None
    caseness: CasenessEntry | None = None
    norms: NormsEntry | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_basis(self) -> Self:
        """Reliable change rests on one basis, from one sample, so two verdicts never disagree.

        A points threshold beside an RCI lets the page show |RCI| > 1.96 next to "not
        reliable" (the PHQ-9 once did, 18 -> 13); an SD from one sample with an alpha from
        another gives an RCI that describes neither (Jacobson & Truax 1991 take both from the
        same data).
        """
        sd = self.sd.value if self.sd else None
        reliability = self.reliability.value if self.reliability else None
        points = self.reliable_change.points if self.reliable_change else None
        if points is not None and (sd is not None or reliability is not None):
            refuse(
                "give one basis for reliable change: a published points threshold, or an SD "
                "and a reliability for the RCI, not both (they can disagree on the same page)",
                "reliable_change",
            )
        if (sd is None) != (reliability is None):
            missing, other = ("reliability", "sd") if reliability is None else ("sd", "reliability")
            refuse(
                "the RCI needs both an sd and a reliability; give both or neither",
                missing if self.present(missing) else other,
            )
        sd_source = self.sd.source if self.sd else ()
        reliability_source = self.reliability.source if self.reliability else ()
        if sd is not None and reliability is not None and sd_source != reliability_source:
            refuse(
                "the SD and the reliability must come from one sample (the same source); "
                f"got {_source_text(sd_source)} and {_source_text(reliability_source)}",
                "reliability",
            )
        return self


class SubscaleEntry(FileModel):
    """A named subset of items scored on its own, with its own bands and change if published."""

    id: Text
    name: Text
    items: Annotated[tuple[ItemNumber, ...], Field(min_length=1)]
    bands: Bands = ()
    change: ChangeEntry | None = None
    source: Sources
    note: Text | None = None


class CriticalEntry(FileModel):
    """An answer that raises a flag whatever the total."""

    item: ItemNumber
    at_least: Whole
    flag: Flag
    source: Sources
    note: Text | None = None


class AppliesToEntry(FileModel):
    """Who a cut-off is for: ``{sex: female}``, ``{sex: male, min_age: 65}``, ``{max_age: 64}``.

    Ages are whole years on the day of the administration, inclusive at both ends.
    """

    not_null = ("sex", "min_age", "max_age")
    schema_rules: ClassVar[dict[str, Any]] = {"minProperties": 1}

    sex: Sex | None = None
    min_age: Age | None = None
    max_age: Age | None = None

    @model_validator(mode="before")
    @classmethod
    def _names_someone(cls, data: object) -> object:
        if all(value is None for value in cls.given(data).values()):
            refuse("must name a sex (female or male), a min_age or a max_age")
        return data

    @model_validator(mode="after")
    def _ages_in_order(self) -> Self:
        low, high = self.min_age, self.max_age
        if low is not None and high is not None and high < low:
            refuse(f"must be >= min_age ({low})", "max_age")
        return self


class CutoffEntry(FileModel):
    """A published cut-off on the total, with the population it was validated in."""

    not_null = ("flag", "applies_to")

    at_least: Number
    label: Text
    flag: Flag | None = None
    population: Text | None = None
    at_least_high: Number | None = None
    applies_to: AppliesToEntry | None = None
    source: Sources
    note: Text | None = None

    @model_validator(mode="after")
    def _range_in_order(self) -> Self:
        if self.at_least_high is not None and self.at_least_high < self.at_least:
            refuse("must be >= at_least", "at_least_high")
        return self


class ClusterEntry(FileModel):
    """At least ``at_least`` items of a subscale must count as symptoms."""

    subscale: Text
    at_least: Whole
    note: Text | None = None


class ClusterRuleEntry(FileModel):
    """A symptom-pattern rule read from the answers (the PCL-5's DSM-5 provisional rule)."""

    flag: Flag
    label: Text
    item_at_least: Whole
    clusters: Annotated[tuple[ClusterEntry, ...], Field(min_length=1)]
    source: Sources
    note: Text | None = None


class ScreenEntry(FileModel):
    """One step of a screener's rule; the last omits ``any_of`` (the "otherwise" result)."""

    not_null = ("any_of", "at_least")
    schema_rules: ClassVar[dict[str, Any]] = {"dependentRequired": {"any_of": ["at_least"]}}

    label: Text
    any_of: Annotated[tuple[ItemNumber, ...], Field(min_length=1)] | None = None
    at_least: Whole | None = None
    source: Sources
    note: Text | None = None

    @model_validator(mode="after")
    def _threshold_with_items(self) -> Self:
        if self.any_of is not None and self.at_least is None:
            refuse("is required with any_of", "at_least")
        return self


MISSING_USES = {"reject": (), "prorate": ("max_missing", "per"), "count_as": ("value", "items")}


class MissingEntry(FileModel):
    """The manual's rule for unanswered items: reject, prorate or count as a value."""

    not_null = ("source", "max_missing", "per", "value", "items")

    rule: MissingKind
    source: Sources | None = None
    max_missing: Whole | None = None
    per: ProrateScope | None = None
    value: Whole | None = None
    items: Annotated[tuple[ItemNumber, ...], Field(min_length=1)] | None = None
    # "team_reading": the team's reading of a secondary source, not the manual's words.
    basis: Basis = "published"
    note: Text | None = None

    @model_validator(mode="after")
    def _fields_of_the_rule(self) -> Self:
        for key in ("max_missing", "per", "value", "items"):
            if self.present(key) and key not in MISSING_USES[self.rule]:
                refuse(f"is not used when rule is {self.rule}", key)
        if self.rule == "reject":
            return self
        if self.source is None:
            refuse(f"is required: a {self.rule} rule must cite the manual", "source")
        for key in MISSING_USES[self.rule]:
            if key != "per" and getattr(self, key) is None:
                refuse(f"is required when rule is {self.rule}", key)
        return self


class LicenceEntry(FileModel):
    """What the instrument's use rests on: status, the terms, and where they are stated."""

    status: Text
    text: Text
    source: Sources
    note: Text | None = None


class LoincEntry(FileModel):
    """LOINC codes, or null with a note saying why none is given."""

    not_null = ("source",)

    panel: LoincCode | None = None
    total: LoincCode | None = None
    source: Sources | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _cited(self) -> Self:
        if (self.panel or self.total) and self.source is None:
            refuse("is required when a LOINC code is given", "source")
        return self


class InstrumentFile(FileModel):
    """A whole instrument file (``trellis/data/instruments/*.yaml``)."""

    id: Text
    name: Text
    construct_: Text | None = Field(None, alias="construct")
    instructions: Text | None = None
    notes: Text | None = None
    references: Annotated[tuple[ReferenceEntry, ...], Field(min_length=1)]
    licence: LicenceEntry
    loinc: LoincEntry = LoincEntry()
    scoring: Scoring
    items: Annotated[tuple[ItemEntry, ...], Field(min_length=1)]
    unscored: Annotated[tuple[UnscoredEntry, ...], Field(min_length=1)] = ()
    # A list left out is empty; written, it must hold something (``critical: []`` is a slip).
    bands: Bands = ()
    subscales: Annotated[tuple[SubscaleEntry, ...], Field(min_length=1)] = ()
    critical: Annotated[tuple[CriticalEntry, ...], Field(min_length=1)] = ()
    cutoffs: Annotated[tuple[CutoffEntry, ...], Field(min_length=1)] = ()
    cluster_rules: Annotated[tuple[ClusterRuleEntry, ...], Field(min_length=1)] = ()
    screen: Annotated[tuple[ScreenEntry, ...], Field(min_length=1)] = ()
    conditional: Annotated[tuple[ConditionEntry, ...], Field(min_length=1)] = ()
    missing: MissingEntry = MissingEntry(rule="reject")
    change: ChangeEntry | None = None

    @model_validator(mode="after")
    def _bands_or_screen(self) -> Self:
        if self.bands and self.screen:
            refuse("an instrument has either severity bands or screen rules, not both", "screen")
        return self


def instrument_json_schema() -> dict[str, Any]:
    """The instrument file format as a JSON Schema (2020-12) for authors' editors."""
    return _json_schema(
        InstrumentFile,
        "Trellis instrument file",
        "A standardized measure for Trellis (trellis/data/instruments/*.yaml). Every number "
        "must sit in a block whose `source:` names an entry of `references`; those rules, "
        "and the ones that compare fields (bands cover the score range, cut-offs lie inside "
        "it), are checked by `trellis instruments --check`.",
    )
