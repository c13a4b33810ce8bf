"""SMART feedback in the plan editor: the analyzer's verdicts beside a goal or objective
as it is typed, and a measure-linked target read off the statement's own words."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.http import urlencode

from trellis.core.measures import builtin_instruments
from trellis.core.smart import SmartResult, Target, analyze, deadline_to_date, normalize_instrument
from trellis.plans.dates import deadline_anchor
from trellis.plans.models import Goal, Objective, TreatmentPlan

SESSION_INTERVAL_DAYS = 7
_BELOW = {"below", "under", "less than", "fewer than"}
_ABOVE = {"above", "over", "more than", "greater than"}
_AT_LEAST = {"at least", "or more", "or above", "minimum"}
_UP = re.compile(
    r"\b(?:increase|increases|raise|raises|gain|gains|up\s+by|rise|rises|higher)\b", re.I
)
_DOWN = re.compile(
    r"\b(?:reduc|decreas|lower|drop|declin|fall|falls|down\s+by|cut|improv)\w*", re.IGNORECASE
)


@dataclass(frozen=True)
class TargetSuggestion:
    """What a one-click target would be; ``data`` is what ``target_add`` takes.

    ``doubt`` says why the reading is not certain (no deadline, no direction...): then the
    target form opens prefilled for the clinician to check, instead of saving at once.
    """

    data: dict[str, Any]
    label: str
    doubt: str = ""

    @property
    def certain(self) -> bool:
        return not self.doubt

    def query(self) -> str:
        """The prefilled target form's query string."""
        values = {k: v for k, v in self.data.items() if v is not None}
        return urlencode(
            {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
        )


def target_date_from(statement: str, plan: TreatmentPlan) -> date | None:
    """The day the statement's own deadline falls on ("within 8 weeks", "by session 8"),
    counted from where this version's deadlines count from; None when it states none."""
    result = analyze(statement)
    if not result.deadline:
        return None
    return deadline_to_date(result.deadline, deadline_anchor(plan), SESSION_INTERVAL_DAYS)


def suggest_target(
    result: SmartResult, start: date, known: Collection[str] | None = None
) -> TargetSuggestion | None:
    """The target the words already state ("PHQ-9 below 10 within 12 weeks"), if any.

    ``known``: the instrument ids the practice can score; a measure outside them (the
    CAPS-5 when Trellis does not ship it) is counted by the analyzer but cannot be tracked.
    """
    if result.measure is None or (known is not None and result.measure not in known):
        return None
    kind, value, doubt = _reading(result)
    if kind is None:
        return None
    deadline = (
        deadline_to_date(result.deadline, start, SESSION_INTERVAL_DAYS) if result.deadline else None
    )
    if deadline is None and not doubt:
        doubt = "no deadline was read: add one"
    if len(set(_measures(result))) > 1 and not doubt:
        doubt = "the statement names more than one measure: check which one is meant"
    data = {"instrument_id": result.measure, "kind": kind, "value": value, "deadline": deadline}
    return TargetSuggestion(data, _label(result.measure, kind, value, deadline), doubt)


def _measures(result: SmartResult) -> list[str]:
    return [word for word in result.specific.evidence if normalize_instrument(word)]


def _reading(result: SmartResult) -> tuple[str | None, float | None, str]:
    """(kind, value, doubt) read from the statement's target and its words."""
    target = result.target
    lowered = result.text.lower()
    if target is None or not isinstance(target.value, int | float):
        if "reliabl" in lowered:
            return "reliable_improvement", None, ""
        if "recover" in lowered or "remission" in lowered:
            return "recovery", None, ""
        return None, None, ""
    value = float(target.value)
    comparison = (target.comparison or "").lower()
    if target.unit in ("percent", "points"):
        kind = "down_by_percent" if target.unit == "percent" else "down_by_points"
        if _UP.search(lowered):
            return kind, value, "the words ask for a rise; Trellis targets count a fall: check"
        if not _DOWN.search(lowered):
            return kind, value, "no direction was read (down or up): check"
        return kind, value, ""
    if target.unit != "score":
        return None, None, ""
    if comparison in _BELOW:
        return "at_or_below", value - 1, ""
    if comparison in _ABOVE:
        return "at_or_above", value + 1, ""
    if comparison in _AT_LEAST:
        return "at_or_above", value, ""
    if comparison == "at most" or (target.baseline is not None and _falls(target)):
        return "at_or_below", value, ""
    return "at_or_below", value, f"'{value:g}' has no 'below' or 'at most': check which way"


def _falls(target: Target) -> bool:
    start = target.baseline.value if target.baseline is not None else None
    return (
        isinstance(start, int | float)
        and isinstance(target.value, int | float)
        and (start > target.value)
    )


def _label(measure: str, kind: str, value: float | None, deadline: date | None) -> str:
    shown = "" if value is None else f"{value:g}"
    what = {
        "at_or_below": f"{measure} at or below {shown}",
        "at_or_above": f"{measure} at or above {shown}",
        "down_by_points": f"{measure} down by {shown} points",
        "down_by_percent": f"{measure} down by {shown}%",
        "reliable_improvement": f"reliable improvement on the {measure}",
        "recovery": f"recovery on the {measure}",
    }[kind]
    return what + (f" by {deadline.isoformat()}" if deadline else "")


def attach_suggestions(plan: TreatmentPlan, owners: Sequence[Goal | Objective]) -> None:
    """Offer a one-click target on goals and objectives whose words name one and that do
    not already track that measure: on the plan page and right after an htmx save.

    Only shipped instruments are offered here (no query per page); the target form lists
    the practice's own ones too."""
    known = builtin_instruments().keys()
    for owner in owners:
        tracked = {t.instrument_id for t in owner.targets.all()}
        suggestion = suggest_target(analyze(owner.statement), deadline_anchor(plan), known)
        if suggestion and suggestion.data["instrument_id"] not in tracked:
            owner.suggested_target = suggestion  # type: ignore[union-attr]


def enable_live_feedback(
    form: forms.BaseForm, *, kind: str, problem: str, codes: Sequence[str], start: date
) -> None:
    """Wire the statement field to the feedback endpoint (debounced, htmx)."""
    field = form.fields.get("statement")
    if field is None:
        return
    context = {
        "kind": kind,
        "problem": problem,
        "codes": ",".join(codes),
        "start": start.isoformat(),
    }
    field.widget.attrs.update(
        {
            "hx-post": reverse("plans:smart_feedback"),
            "hx-trigger": "load, input changed delay:350ms",
            "hx-target": "next .smart-feedback",
            "hx-swap": "innerHTML",
            "hx-include": "this",
            "hx-vals": json.dumps(context),
            "hx-sync": "this:replace",
        }
    )
    field.smart = True  # type: ignore[attr-defined]
    date_field = form.fields.get("target_date")
    if date_field is not None and not date_field.help_text:
        date_field.help_text = (
            "Filled in from a deadline in the words (e.g. 'within 12 weeks'), counted from "
            "the plan's start; change it if you mean another day."
        )


def feedback_context(data: Any) -> dict[str, Any]:
    """What the feedback partial shows for the posted statement and its context."""
    text = str(data.get("statement", ""))[:5000]
    if not text.strip():
        return {"empty": True}
    codes = [c for c in str(data.get("codes", "")).split(",") if c]
    result = analyze(text, problem=str(data.get("problem", "")) or None, diagnoses=codes)
    start = _date(data.get("start"))
    suggestion = suggest_target(result, start, builtin_instruments().keys()) if start else None
    criteria = [
        ("Specific", result.specific),
        ("Measurable", result.measurable),
        ("Achievable", result.achievable),
        ("Relevant", result.relevant),
        ("Time-bound", result.time_bound),
    ]
    deadline_date = (
        deadline_to_date(result.deadline, start, SESSION_INTERVAL_DAYS)
        if start and result.deadline
        else None
    )
    return {
        "result": result,
        "criteria": criteria,
        "suggestion": suggestion,
        "deadline_date": deadline_date,
        "kind": data.get("kind", ""),
    }


def _date(raw: object) -> date | None:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        return None
