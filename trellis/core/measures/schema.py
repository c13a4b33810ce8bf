"""What an instrument is, as plain immutable data.

Instruments are loaded from files (see ``loader``) or FHIR Questionnaires (see ``fhir``)
and never change afterwards, so every class here is a frozen dataclass. Derived facts
that scoring needs on every call (allowed values, score range) are computed once here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

MissingKind = Literal["reject", "prorate", "count_as"]
ProrateScope = Literal["total", "subscale"]
CutoffSex = Literal["female", "male"]
# Sex assigned at birth as a client record holds it; only female and male have cut-offs.
RecordedSex = Literal["female", "male", "intersex", "unknown"]


@dataclass(frozen=True, slots=True)
class Reference:
    """A published source that a number in the instrument file cites."""

    id: str
    citation: str
    url: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Licence:
    """The terms under which the instrument may be used, and what that claim rests on."""

    status: str
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Loinc:
    """LOINC codes for the panel and the total score; None where LOINC has none we could verify."""

    panel: str | None = None
    total: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Option:
    """One response option: what the respondent sees and the value the manual gives it."""

    value: int
    text: str


@dataclass(frozen=True, slots=True)
class Condition:
    """True when any of ``items`` (1-based) was answered with at least ``at_least``."""

    items: tuple[int, ...]
    at_least: int

    def holds(self, raw: list[int | None]) -> bool:
        """Whether the condition is met by raw (not reverse-scored) answers."""
        for number in self.items:
            value = raw[number - 1]
            if value is not None and value >= self.at_least:
                return True
        return False


@dataclass(frozen=True, slots=True)
class Item:
    """One question. ``number`` is 1-based, as in every manual."""

    number: int
    text: str
    options: tuple[Option, ...]
    reverse: bool = False
    asked_if: Condition | None = None
    values: frozenset[int] = field(init=False)
    lowest: int = field(init=False)
    highest: int = field(init=False)

    def __post_init__(self) -> None:
        values = [option.value for option in self.options]
        object.__setattr__(self, "values", frozenset(values))
        object.__setattr__(self, "lowest", min(values))
        object.__setattr__(self, "highest", max(values))

    def scored(self, value: int) -> int:
        """The value as it counts toward the score: reverse-scored items are mirrored."""
        return self.lowest + self.highest - value if self.reverse else value


@dataclass(frozen=True, slots=True)
class UnscoredItem:
    """A question the manual asks but counts in no score, such as the PHQ-9's and GAD-7's
    "how difficult have these problems made it..." (a rating of functional impairment).

    Its answer is kept beside the item answers, keyed by ``id``, and never enters the total.
    """

    id: str
    text: str
    options: tuple[Option, ...]

    def option(self, value: int) -> Option | None:
        """The option with this value, or None if the value is not one of them."""
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True, slots=True)
class Band:
    """A severity band, inclusive at both ends, with the manual's own label."""

    min: float
    max: float
    label: str


@dataclass(frozen=True, slots=True)
class CriticalItem:
    """An item whose answer must be flagged whatever the total (e.g. PHQ-9 item 9)."""

    item: int
    at_least: int
    flag: str


@dataclass(frozen=True, slots=True)
class AppliesTo:
    """Who a cut-off was published for: a sex and/or an age range (inclusive, in years).

    AUDIT-C is positive at 3 for women but 4 for men (Bradley 2007); applying the wrong
    one misses hazardous drinking or over-calls it, so the file says which is which.
    """

    sex: CutoffSex | None = None
    min_age: int | None = None
    max_age: int | None = None

    def describe(self) -> str:
        """Plain words for messages and the instrument page ("women", "men aged 65+")."""
        who = {"female": "women", "male": "men", None: "people"}[self.sex]
        if self.min_age is not None and self.max_age is not None:
            return f"{who} aged {self.min_age} to {self.max_age}"
        if self.min_age is not None:
            return f"{who} aged {self.min_age} or over"
        if self.max_age is not None:
            return f"{who} under {self.max_age + 1}"
        return who


@dataclass(frozen=True, slots=True)
class Cutoff:
    """A published cut-off on the total; raises ``flag`` (if any) at or above ``at_least``.

    ``at_least_high`` records a cut-off the manual gives as a range (PCL-5: 31-33).
    ``applies_to`` None means the cut-off holds for everyone the instrument is for.
    """

    at_least: float
    label: str
    flag: str | None = None
    population: str | None = None
    at_least_high: float | None = None
    applies_to: AppliesTo | None = None


@dataclass(frozen=True, slots=True)
class Respondent:
    """What scoring may know about the person who answered, on the day they answered.

    Both facts are optional: None (or sex "unknown") means the record does not say, and
    scoring then shows every cut-off that might apply and says what is missing.
    """

    sex: RecordedSex | None = None
    age: int | None = None


@dataclass(frozen=True, slots=True)
class ClusterCount:
    """At least ``at_least`` of ``items`` (1-based) must count as symptoms."""

    name: str
    items: tuple[int, ...]
    at_least: int


@dataclass(frozen=True, slots=True)
class ClusterRule:
    """A symptom-pattern rule read from the answers, not the total (PCL-5's DSM-5 rule).

    An item counts as a symptom when its raw answer is at least ``item_at_least``; the rule
    holds when every cluster has enough symptoms. Unanswered items never count, so a form
    scored with missing answers can miss the pattern but never invent it.
    """

    flag: str
    label: str
    item_at_least: int
    clusters: tuple[ClusterCount, ...]

    def holds(self, raw: Sequence[int | None]) -> bool:
        """Whether every cluster reaches its count of symptoms."""
        return all(
            sum(
                1
                for n in cluster.items
                if (value := raw[n - 1]) is not None and value >= self.item_at_least
            )
            >= cluster.at_least
            for cluster in self.clusters
        )


@dataclass(frozen=True, slots=True)
class ScreenRule:
    """One step of a screener's decision rule; ``condition`` None means "otherwise"."""

    label: str
    condition: Condition | None


@dataclass(frozen=True, slots=True)
class MissingRule:
    """What the manual says about unanswered items: reject, prorate, or count as a value."""

    kind: MissingKind = "reject"
    max_missing: int = 0
    per: ProrateScope = "total"
    value: int | None = None
    items: tuple[int, ...] = ()
    # "team_reading": the rule is the team's reading of a secondary source, not the manual's
    # words, and the instrument page says so.
    basis: Literal["published", "team_reading"] = "published"


@dataclass(frozen=True, slots=True)
class Norms:
    """Published clinical and non-clinical means and SDs (Jacobson & Truax criterion c)."""

    clinical_mean: float
    clinical_sd: float
    nonclinical_mean: float
    nonclinical_sd: float

    @property
    def criterion_c(self) -> float:
        """The point between the two distributions weighted by their SDs (JT 1991, eq. 3)."""
        weight = self.clinical_sd + self.nonclinical_sd
        return (
            self.clinical_sd * self.nonclinical_mean + self.nonclinical_sd * self.clinical_mean
        ) / weight


@dataclass(frozen=True, slots=True)
class ChangeStats:
    """The published statistics change is judged by; any of them may be unknown (None)."""

    sd: float | None = None
    reliability: float | None = None
    reliable_change_points: float | None = None
    caseness_at_least: float | None = None
    caseness_at_most: float | None = None
    norms: Norms | None = None

    @property
    def se_diff(self) -> float | None:
        """Standard error of the difference, SD1 * sqrt(2) * sqrt(1 - r) (JT 1991)."""
        if self.sd is None or self.reliability is None:
            return None
        return self.sd * math.sqrt(2) * math.sqrt(1 - self.reliability)

    @property
    def has_caseness(self) -> bool:
        """Whether the instrument defines a clinical case at all."""
        return self.caseness_at_least is not None or self.caseness_at_most is not None

    def is_case(self, value: float) -> bool:
        """Whether a score meets caseness (at or beyond the clinical cut-off)."""
        if self.caseness_at_least is not None:
            return value >= self.caseness_at_least
        if self.caseness_at_most is not None:
            return value <= self.caseness_at_most
        return False


NO_CHANGE_STATS = ChangeStats()


@dataclass(frozen=True, slots=True)
class Subscale:
    """A named subset of items scored on its own (DASS-21 depression, PCL-5 cluster B...)."""

    id: str
    name: str
    items: tuple[int, ...]
    bands: tuple[Band, ...] = ()
    change: ChangeStats = NO_CHANGE_STATS


@dataclass(frozen=True, slots=True)
class Instrument:
    """A standardized measure, complete enough to score and judge change without a manual."""

    id: str
    name: str
    items: tuple[Item, ...]
    multiplier: float = 1
    higher_is_better: bool = False
    bands: tuple[Band, ...] = ()
    subscales: tuple[Subscale, ...] = ()
    critical: tuple[CriticalItem, ...] = ()
    cutoffs: tuple[Cutoff, ...] = ()
    cluster_rules: tuple[ClusterRule, ...] = ()
    screen: tuple[ScreenRule, ...] = ()
    missing: MissingRule = MissingRule()
    change: ChangeStats = NO_CHANGE_STATS
    licence: Licence | None = None
    loinc: Loinc = Loinc()
    references: tuple[Reference, ...] = ()
    instructions: str | None = None
    source_file: str | None = None
    unscored: tuple[UnscoredItem, ...] = ()
    min_score: float = field(init=False)
    max_score: float = field(init=False)

    def __post_init__(self) -> None:
        low, high = self.range_of(tuple(item.number for item in self.items))
        object.__setattr__(self, "min_score", low)
        object.__setattr__(self, "max_score", high)

    def range_of(self, numbers: tuple[int, ...]) -> tuple[float, float]:
        """Lowest and highest possible score over the given items, multiplier applied."""
        low = sum(self.items[n - 1].lowest for n in numbers)
        high = sum(self.items[n - 1].highest for n in numbers)
        return low * self.multiplier, high * self.multiplier

    def subscale(self, subscale_id: str) -> Subscale:
        """The subscale with this id; KeyError names the ones that exist."""
        for subscale in self.subscales:
            if subscale.id == subscale_id:
                return subscale
        known = ", ".join(s.id for s in self.subscales) or "none"
        raise KeyError(f"{self.id} has no subscale {subscale_id!r} (subscales: {known})")
