"""Two versions of a plan compared item by item, matched by lineage, with the changed words
marked. The word diff and the alignment are pure (``trellis.core.planning.diff``); this
module reads the plan trees and renders the marks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import attrgetter
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from trellis.accounts.dates import format_dates_in, format_day
from trellis.core.planning import describe_target, diff
from trellis.plans.forms import PLAN_LABELS, plan_field
from trellis.plans.models import (
    TreatmentPlan,
)
from trellis.plans.services import PLAN_FIELDS
from trellis.plans.targets import baseline_of, spec_of, target_scores


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """``core.planning.diff.word_diff``, marked safe for the page (it escapes every text)."""
    left, right = diff.word_diff(old, new)
    return mark_safe(left), mark_safe(right)  # noqa: S308 (escaped in the core)


@dataclass
class FieldDiff:
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new

    @cached_property
    def html(self) -> tuple[SafeString, SafeString]:
        if not self.changed:
            return escape(self.old), escape(self.new)
        return word_diff(self.old, self.new)

    @property
    def old_html(self) -> SafeString:
        return self.html[0]

    @property
    def new_html(self) -> SafeString:
        return self.html[1]


@dataclass
class Row:
    """One item of the tree, as it is in each version (None where it is not)."""

    kind: str
    depth: int
    state: str  # added | removed | changed | unchanged
    old: Any
    new: Any
    fields: list[FieldDiff]
    moved: bool = False

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class PlanComparison:
    old: TreatmentPlan
    new: TreatmentPlan
    plan_fields: list[FieldDiff]
    rows: list[Row] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = Counter(row.state for row in self.rows)
        return {state: counts.get(state, 0) for state in ("added", "removed", "changed")}

    @property
    def has_changes(self) -> bool:
        return bool(self.plan_fields) or any(row.state != "unchanged" for row in self.rows)


KIND_LABELS = {
    "problem": "Problem",
    "goal": "Goal",
    "objective": "Objective",
    "intervention": "Intervention",
    "target": "Measure-linked target",
}


def _text(value: object) -> str:
    """A value as the page shows it: a date in the practice's style (the comparison is
    only shown, never stored, so the style cannot change what was signed)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return format_day(value)
    return str(value)


def _plan_label(name: str) -> str:
    label = PLAN_LABELS.get(name) or plan_field(name).verbose_name
    return str(label).capitalize() if name not in PLAN_LABELS else str(label)


def _plan_value(plan: TreatmentPlan, name: str) -> str:
    """A plan field in words: a chosen answer (firearms access: "Not known yet") by its
    label, never the stored code."""
    value = getattr(plan, name)
    choices = dict(plan_field(name).choices or ())
    return str(choices.get(value, value)) if value and choices else _text(value)


def _item_values(kind: str, item: Any, baselines: dict[Any, str]) -> list[tuple[str, str]]:
    if kind == "problem":
        diagnosis = item.diagnosis.label if item.diagnosis else ""
        return [
            ("Problem", item.title),
            ("How it shows", item.behavioral_definition),
            ("Diagnosis", diagnosis),
        ]
    if kind in ("goal", "objective"):
        return [
            (KIND_LABELS[kind], item.statement),
            ("Target date", _text(item.target_date)),
            ("Status", item.get_status_display()),
        ]
    if kind == "intervention":
        return [
            ("Intervention", item.get_modality_display()),
            ("Description", item.description),
            ("Frequency", item.frequency),
            ("Delivered by", item.delivered_by),
        ]
    return [
        ("Target", format_dates_in(describe_target(spec_of(item)))),
        ("Baseline", baselines.get(item.pk, "")),
    ]


def _children(kind: str, item: Any) -> list[tuple[str, Sequence[Any]]]:
    if kind == "problem":
        return [("goal", list(item.goals.all()))]
    if kind == "goal":
        return [("target", list(item.targets.all())), ("objective", list(item.objectives.all()))]
    if kind == "objective":
        return [
            ("target", list(item.targets.all())),
            ("intervention", list(item.interventions.all())),
        ]
    return []


class _Aligner:
    def __init__(self, baselines: dict[Any, str]) -> None:
        self.baselines = baselines
        self.rows: list[Row] = []

    def align(self, kind: str, olds: Sequence[Any], news: Sequence[Any], depth: int) -> None:
        """Line two sibling lists up by lineage (``core.planning.diff.align``)."""
        for step in diff.align([o.lineage for o in olds], [n.lineage for n in news]):
            old = None if step.old is None else olds[step.old]
            new = None if step.new is None else news[step.new]
            if step.kind == "kept":
                self.pair(kind, old, new, depth, moved=step.moved)
            elif step.kind == "removed":
                self.one_side(kind, old, "removed", depth)
            else:
                self.one_side(kind, new, "added", depth)

    def pair(self, kind: str, old: Any, new: Any, depth: int, moved: bool = False) -> None:
        olds = _item_values(kind, old, self.baselines)
        news = _item_values(kind, new, self.baselines)
        fields = [
            FieldDiff(label, a, b) for (label, a), (_, b) in zip(olds, news, strict=True) if a or b
        ]
        state = "changed" if moved or any(f.changed for f in fields) else "unchanged"
        self.rows.append(Row(kind, depth, state, old, new, fields, moved))
        for (child, old_children), (_, new_children) in zip(
            _children(kind, old), _children(kind, new), strict=True
        ):
            self.align(child, old_children, new_children, depth + 1)

    def one_side(self, kind: str, item: Any, state: str, depth: int) -> None:
        values = _item_values(kind, item, self.baselines)
        if state == "added":
            fields = [FieldDiff(label, "", text) for label, text in values if text]
            self.rows.append(Row(kind, depth, state, None, item, fields))
        else:
            fields = [FieldDiff(label, text, "") for label, text in values if text]
            self.rows.append(Row(kind, depth, state, item, None, fields))
        for child, children in _children(kind, item):
            for each in children:
                self.one_side(child, each, state, depth + 1)


def _baselines(*plans: TreatmentPlan) -> dict[Any, str]:
    """Each target's baseline and why, by target id, as the plan page says it (the rule of
    ``trellis.core.planning.baseline``, or the clinician's choice): one query of the
    client's scores for all the versions' targets."""
    targets = {
        plan.pk: [
            target
            for problem in plan.problems.all()
            for goal in problem.goals.all()
            for owner in (goal, *goal.objectives.all())
            for target in owner.targets.all()
        ]
        for plan in plans
    }
    everything = [t for found in targets.values() for t in found]
    if not everything:
        return {}
    scores = target_scores(plans[0], everything)
    texts = {}
    for plan in plans:
        for target in targets[plan.pk]:
            texts[target.pk] = baseline_of(target, plan.start_date, scores).reason
    return texts


def compare_versions(old: TreatmentPlan, new: TreatmentPlan) -> PlanComparison:
    """Two versions fetched with their trees (``plan_with_tree``), older first."""
    plan_fields = [
        FieldDiff(_plan_label(name), _plan_value(old, name), _plan_value(new, name))
        for name in PLAN_FIELDS
    ]
    comparison = PlanComparison(old, new, [f for f in plan_fields if f.changed])
    aligner = _Aligner(_baselines(old, new))
    aligner.align("problem", list(old.problems.all()), list(new.problems.all()), 0)
    comparison.rows = aligner.rows
    return comparison


def ordered(first: TreatmentPlan, second: TreatmentPlan) -> tuple[TreatmentPlan, TreatmentPlan]:
    """Older version first."""
    older, newer = sorted((first, second), key=attrgetter("version_number", "created_at"))
    return older, newer


def changes_only(rows: list[Row]) -> list[Row]:
    """The rows that changed, each with the unchanged items above it (its problem, goal...)
    kept for context, in tree order: for the Compare page's "changes only" view."""
    kept: list[Row] = []
    shown: set[int] = set()
    stack: list[tuple[int, Row]] = []  # (index, row) of the ancestors of the current row
    for index, row in enumerate(rows):
        while stack and stack[-1][1].depth >= row.depth:
            stack.pop()
        if row.state != "unchanged":
            for ancestor_index, ancestor in stack:
                if ancestor_index not in shown:
                    shown.add(ancestor_index)
                    kept.append(ancestor)
            shown.add(index)
            kept.append(row)
        stack.append((index, row))
    return kept
