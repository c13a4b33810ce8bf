"""Versions of a plan: revising copies a version into a new draft; two versions are
compared item by item, matched by lineage, with the changed words marked.

Every version of a plan shares the plan's ``lineage`` and each item keeps its own
``lineage`` from one version to the next, so an edited goal is the same goal in both.
Activating the new draft (``services.plan_activate``) supersedes the version in force,
which is kept as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import attrgetter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.concurrency import versioned_update
from trellis.core.planning import describe_target, diff
from trellis.measures.models import MeasureSchedule
from trellis.plans.forms import PLAN_LABELS
from trellis.plans.models import (
    Goal,
    Intervention,
    MeasureTarget,
    Objective,
    PlanStatus,
    Problem,
    TreatmentPlan,
)
from trellis.plans.selectors import _tree_prefetch
from trellis.plans.services import PLAN_FIELDS
from trellis.plans.targets import baseline_of, spec_of, target_scores

# Bookkeeping of a plan row that a new version starts afresh rather than copies.
NOT_COPIED = {
    "id",
    "previous_version_id",
    "version_number",
    "status",
    "created_by_id",
    "created_at",
    "updated_at",
    "updated_by_id",
    "activated_at",
    "closed_at",
    "signed_at",
    "version",
}


class RevisionExistsError(ValidationError):
    """A plan has at most one draft revision open at a time."""

    def __init__(self, draft: TreatmentPlan) -> None:
        super().__init__(
            f"Version {draft.version_number} of this plan is already a draft: "
            "continue it (or close it) rather than starting another."
        )
        self.draft = draft


def plan_tree(plan: TreatmentPlan) -> TreatmentPlan:
    """The same plan read afresh with its whole tree, for services. It takes the plan the
    caller already fetched through an access check (never a bare id), so it cannot be
    used to read a plan nobody checked; the service audits what it does."""
    return (
        TreatmentPlan.objects.select_related("client")
        .prefetch_related(_tree_prefetch())
        .get(pk=plan.pk)
    )


def plan_versions(plan: TreatmentPlan) -> list[TreatmentPlan]:
    """Every version of a plan, oldest first, with its number of signatures (one query)."""
    return list(
        TreatmentPlan.objects.filter(lineage=plan.lineage, client_id=plan.client_id)
        .select_related("created_by")
        .annotate(signature_count=Count("signatures"))
        .order_by("version_number")
    )


def open_revision(plan: TreatmentPlan) -> TreatmentPlan | None:
    """The draft version of this plan other than ``plan`` itself, if one is open."""
    return (
        TreatmentPlan.objects.filter(lineage=plan.lineage, status=PlanStatus.DRAFT)
        .exclude(pk=plan.pk)
        .first()
    )


# --- Revising ---------------------------------------------------------------------------


@transaction.atomic
def plan_revise(
    *, actor: Actor, plan: TreatmentPlan, review_date: date | None = None
) -> TreatmentPlan:
    """A new draft version: the plan's fields and its whole tree, targets included, each
    item keeping its lineage. The plan in force stays in force until the draft is
    activated; a signed draft that is revised is superseded at once."""
    signed = plan.check_signed(lock=True)
    source = plan_tree(plan)
    if not (source.status == PlanStatus.ACTIVE or (source.status == PlanStatus.DRAFT and signed)):
        raise ValidationError(
            "Only the plan in force, or a signed draft, is revised; an unsigned draft is "
            "edited directly."
        )
    draft = open_revision(source)
    if draft is not None:
        raise RevisionExistsError(draft)
    copy = _copy_plan(source, actor, review_date)
    counts = _copy_tree(source, copy)
    if source.status == PlanStatus.DRAFT:
        _supersede(actor, source)
    record(
        actor,
        AuditAction.CREATE,
        client=source.client,
        obj=copy,
        detail={
            "revised_from": str(source.pk),
            "version_number": copy.version_number,
            **counts,
        },
    )
    return copy


def _copy_plan(source: TreatmentPlan, actor: Actor, review_date: date | None) -> TreatmentPlan:
    values = {
        f.attname: getattr(source, f.attname)
        for f in TreatmentPlan._meta.concrete_fields
        if f.attname not in NOT_COPIED
    }
    latest = TreatmentPlan.objects.filter(lineage=source.lineage).aggregate(n=Max("version_number"))
    copy = TreatmentPlan(
        **values,
        previous_version=source,
        version_number=(latest["n"] or 0) + 1,
        status=PlanStatus.DRAFT,
        created_by=actor.user,
        updated_by=actor.user,
    )
    if review_date is not None:
        copy.review_date = review_date
    copy.save()
    return copy


def _clone[M: models.Model](item: M, **parents: Any) -> M:
    model = type(item)
    skip = {"id", "version", *parents}
    values = {
        f.attname: getattr(item, f.attname)
        for f in model._meta.concrete_fields
        if f.attname not in skip
    }
    return model(**values, **parents)


def _copy_tree(source: TreatmentPlan, copy: TreatmentPlan) -> dict[str, int]:
    """Copy every level with one INSERT each, whatever the size of the plan."""
    problems, goals, objectives, interventions, targets = [], [], [], [], []
    for problem in source.problems.all():
        new_problem = _clone(problem, plan_id=copy.pk)
        problems.append(new_problem)
        for goal in problem.goals.all():
            new_goal = _clone(goal, problem_id=new_problem.pk)
            goals.append(new_goal)
            targets += [
                _clone(t, goal_id=new_goal.pk, objective_id=None) for t in goal.targets.all()
            ]
            for objective in goal.objectives.all():
                new_objective = _clone(objective, goal_id=new_goal.pk)
                objectives.append(new_objective)
                targets += [
                    _clone(t, goal_id=None, objective_id=new_objective.pk)
                    for t in objective.targets.all()
                ]
                interventions += [
                    _clone(i, objective_id=new_objective.pk) for i in objective.interventions.all()
                ]
    Problem.objects.bulk_create(problems)
    Goal.objects.bulk_create(goals)
    Objective.objects.bulk_create(objectives)
    Intervention.objects.bulk_create(interventions)
    MeasureTarget.objects.bulk_create(targets)
    MeasureSchedule.objects.bulk_create(
        [
            MeasureSchedule(plan=copy, instrument_id=s.instrument_id, every_weeks=s.every_weeks)
            for s in MeasureSchedule.objects.filter(plan=source)
        ]
    )
    return {
        "problems": len(problems),
        "goals": len(goals),
        "objectives": len(objectives),
        "interventions": len(interventions),
        "targets": len(targets),
    }


def _supersede(actor: Actor, plan: TreatmentPlan) -> None:
    versioned_update(
        plan,
        {"status": PlanStatus.SUPERSEDED, "closed_at": timezone.now()},
        expected_version=plan.version,
    )
    record(
        actor,
        AuditAction.UPDATE,
        client=plan.client,
        obj=plan,
        detail={"status": "superseded", "by": "revision"},
    )


# --- Comparing --------------------------------------------------------------------------


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
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _plan_label(name: str) -> str:
    label = PLAN_LABELS.get(name) or TreatmentPlan._meta.get_field(name).verbose_name
    return str(label).capitalize() if name not in PLAN_LABELS else str(label)


def _item_values(kind: str, item: Any, baselines: dict[Any, str]) -> list[tuple[str, str]]:
    if kind == "problem":
        diagnosis = f"{item.diagnosis.code} {item.diagnosis.description}" if item.diagnosis else ""
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
        ("Target", describe_target(spec_of(item))),
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
        FieldDiff(_plan_label(name), _text(getattr(old, name)), _text(getattr(new, name)))
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
