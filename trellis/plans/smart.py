"""SMART feedback in the plan editor: the analyzer's verdicts beside a goal or objective
as it is typed, and a measure-linked target read off the statement's own words."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.urls import reverse

from trellis.core.smart import SmartResult, analyze, deadline_to_date
from trellis.plans.dates import deadline_anchor
from trellis.plans.models import Goal, Objective, TreatmentPlan

SESSION_INTERVAL_DAYS = 7
_BELOW = {"below", "under", "less than", "fewer than"}
_ABOVE = {"above", "over", "more than", "greater than"}
_AT_LEAST = {"at least", "or more", "or above", "minimum"}


@dataclass(frozen=True)
class TargetSuggestion:
    """What a one-click target would be; ``data`` is what ``target_add`` takes."""

    data: dict[str, Any]
    label: str


def suggest_target(result: SmartResult, start: date) -> TargetSuggestion | None:
    """The target the words already state ("PHQ-9 below 10 within 12 weeks"), if any."""
    if result.measure is None:
        return None
    kind, value = _kind_and_value(result)
    if kind is None:
        return None
    deadline = (
        deadline_to_date(result.deadline, start, SESSION_INTERVAL_DAYS) if result.deadline else None
    )
    data = {"instrument_id": result.measure, "kind": kind, "value": value, "deadline": deadline}
    return TargetSuggestion(data, _label(result.measure, kind, value, deadline))


def _kind_and_value(result: SmartResult) -> tuple[str | None, float | None]:
    target = result.target
    lowered = result.text.lower()
    if target is None or not isinstance(target.value, int | float):
        if "reliabl" in lowered:
            return "reliable_improvement", None
        if "recover" in lowered or "remission" in lowered:
            return "recovery", None
        return None, None
    value = float(target.value)
    comparison = (target.comparison or "").lower()
    if target.unit == "percent":
        return "down_by_percent", value
    if target.unit == "points":
        return "down_by_points", value
    if target.unit != "score":
        return None, None
    if comparison in _BELOW:
        return "at_or_below", value - 1
    if comparison in _ABOVE:
        return "at_or_above", value + 1
    if comparison in _AT_LEAST:
        return "at_or_above", value
    return "at_or_below", value


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
    not already track that measure."""
    for owner in owners:
        tracked = {t.instrument_id for t in owner.targets.all()}
        suggestion = suggest_target(analyze(owner.statement), deadline_anchor(plan))
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


def feedback_context(data: Any) -> dict[str, Any]:
    """What the feedback partial shows for the posted statement and its context."""
    text = str(data.get("statement", ""))[:5000]
    if not text.strip():
        return {"empty": True}
    codes = [c for c in str(data.get("codes", "")).split(",") if c]
    result = analyze(text, problem=str(data.get("problem", "")) or None, diagnoses=codes)
    start = _date(data.get("start"))
    suggestion = suggest_target(result, start) if start else None
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
