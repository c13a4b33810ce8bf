"""What the analyzer returns: a verdict per criterion with its evidence, and the parts.

Verdicts are three-valued on purpose: ``None`` means "cannot tell from the words", which
the clinician must see as different from "no" (an unknown relevance is not a failure).
"""

from __future__ import annotations

from dataclasses import dataclass

from .numbers import Number

type JSON = str | int | float | bool | list[JSON] | dict[str, JSON] | None

CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")


@dataclass(frozen=True, slots=True)
class Verdict:
    """One criterion: met (True), not met (False) or unknown (None), and why."""

    value: bool | None
    evidence: tuple[str, ...] = ()
    reason: str = ""

    def as_dict(self) -> dict[str, JSON]:
        """The verdict, the words that support it and the reason, for the app and CLI."""
        return {"value": self.value, "evidence": list(self.evidence), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Target:
    """A target quantity: 60 percent, below 10 on a score, 2 per week, 7 to 8 hours."""

    value: Number | str
    unit: str
    comparison: str | None = None
    upper: Number | None = None
    baseline: Target | None = None

    def as_dict(self) -> dict[str, JSON]:
        """``{"value": 10, "unit": "score", "comparison": "below"}``; absent keys omitted."""
        out: dict[str, JSON] = {"value": self.value, "unit": self.unit}
        if self.comparison is not None:
            out["comparison"] = self.comparison
        if self.upper is not None:
            out["upper"] = self.upper
        if self.baseline is not None:
            out["from"] = self.baseline.as_dict()
        return out


@dataclass(frozen=True, slots=True)
class SmartResult:
    """The analysis of one goal or objective statement."""

    text: str
    specific: Verdict
    measurable: Verdict
    achievable: Verdict
    relevant: Verdict
    time_bound: Verdict
    measure: str | None = None
    target: Target | None = None
    deadline: str | None = None
    suggestions: tuple[str, ...] = ()
    rewrite: str | None = None  # the suggested wording alone, for "use this wording"

    @property
    def vague(self) -> bool:
        """Vague: names nothing concrete, counts nothing and sets no time."""
        return not (self.specific.value or self.measurable.value or self.time_bound.value)

    def as_dict(self) -> dict[str, JSON]:
        """The CLI's ``--json`` shape (issue 4), keys in this order."""
        return {
            "specific": self.specific.value,
            "measurable": self.measurable.value,
            "achievable": self.achievable.value,
            "relevant": self.relevant.value,
            "time_bound": self.time_bound.value,
            "vague": self.vague,
            "measure": self.measure,
            "target": None if self.target is None else self.target.as_dict(),
            "deadline": self.deadline,
            "suggestions": list(self.suggestions),
        }

    def explain(self) -> dict[str, JSON]:
        """Each criterion with its evidence and reason, for live feedback beside a field."""
        return {name: getattr(self, name).as_dict() for name in CRITERIA}
