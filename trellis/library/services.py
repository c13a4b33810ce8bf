"""Writes of the library: applying a template to a client, and a practice's own templates."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client, Diagnosis, DiagnosisStatus
from trellis.concurrency import StaleEditError, require_version
from trellis.core.library import (
    Template,
    TemplateFileError,
    TemplateGoal,
    TemplateIntervention,
    TemplateObjective,
    TemplateTarget,
    parse_template_text,
    template_to_dict,
)
from trellis.core.library.picker import LibraryItem
from trellis.core.planning import resolve_deadline
from trellis.library.models import PracticeTemplate
from trellis.library.registry import Entry
from trellis.measures import services as measure_services
from trellis.measures.registry import instruments_for
from trellis.plans import services as plan_services
from trellis.plans.dates import check_dates
from trellis.plans.items import GOAL, INTERVENTION, OBJECTIVE, PROBLEM
from trellis.plans.models import Goal, Intervention, Objective, Problem, TreatmentPlan
from trellis.plans.selectors import plan_of

SESSION_INTERVAL_DAYS = 7


def problem_key(p: int) -> str:
    return f"p{p}"


def goal_key(p: int, g: int) -> str:
    return f"p{p}.g{g}"


def objective_key(p: int, g: int, o: int) -> str:
    return f"p{p}.g{g}.o{o}"


def all_keys(template: Template) -> set[str]:
    keys: set[str] = set()
    for p, problem in enumerate(template.problems):
        keys.add(problem_key(p))
        for g, goal in enumerate(problem.goals):
            keys.add(goal_key(p, g))
            keys.update(objective_key(p, g, o) for o in range(len(goal.objectives)))
    return keys


def consistent_keys(chosen: Collection[str]) -> set[str]:
    """The chosen keys whose parents are chosen too: an objective whose goal was unticked
    (or a goal whose problem was) is not added, whatever the form sent."""
    keys = set(chosen)
    return {k for k in keys if all(k[:i] in keys for i, c in enumerate(k) if c == ".")}


@dataclass
class _Context:
    actor: Actor
    plan: TreatmentPlan
    start: date
    diagnoses: dict[str, Diagnosis]


def _date(deadline: str | None, start: date) -> date | None:
    if not deadline:
        return None
    return resolve_deadline(deadline, start=start, session_interval_days=SESSION_INTERVAL_DAYS)


def _add_target(ctx: _Context, owner: Goal | Objective, target: TemplateTarget | None) -> None:
    if target is None:
        return
    plan_services.target_add(
        actor=ctx.actor,
        owner=owner,
        data={
            "instrument_id": target.instrument,
            "subscale": target.subscale or "",
            "kind": target.kind,
            "value": target.value,
            "deadline": _date(target.deadline, ctx.start),
            # No baseline is pinned: the rule (trellis.core.planning.baseline) chooses it
            # from the scores, and follows the start date if the clinician moves it.
        },
    )


@transaction.atomic
def template_apply(
    *,
    actor: Actor,
    client: Client,
    entry: Entry,
    keep: Collection[str] | None = None,
    start_date: date | None = None,
    title: str = "",
) -> TreatmentPlan:
    """A draft plan from a template: the chosen problems, goals and objectives, relative
    deadlines as dates from the start; each target's baseline is left to the rule."""
    template = entry.template
    chosen = all_keys(template) if keep is None else consistent_keys(keep)
    if not any(k.startswith("p") and "." not in k for k in chosen):
        raise ValidationError("Keep at least one problem of the template.")
    start = start_date or timezone.localdate()
    check_dates({"start_date": start})
    plan = plan_services.plan_create(
        actor=actor,
        client=client,
        data={
            "title": title or template.title,
            "start_date": start,
            "review_date": start + timedelta(days=template.review_interval_days),
            "expected_sessions": template.expected_sessions,
            "session_frequency": template.session_frequency[:100],
        },
    )
    ctx = _Context(
        actor,
        plan,
        start,
        {d.code: d for d in Diagnosis.objects.filter(client=client, status=DiagnosisStatus.ACTIVE)},
    )
    for p in range(len(template.problems)):
        if problem_key(p) in chosen:
            _add_problem(ctx, template, p, chosen)
    known = instruments_for(client.practice_id)
    for measure in template.measures:
        if measure.instrument in known:
            measure_services.schedule_set(
                actor=actor,
                plan=plan,
                instrument=known[measure.instrument],
                every_weeks=measure.every_weeks,
            )
    record(
        actor,
        AuditAction.CREATE,
        client=client,
        obj=plan,
        detail={"template": entry.key, "kept": len(chosen & all_keys(template))},
    )
    return plan


def _add_problem(ctx: _Context, template: Template, p: int, chosen: set[str]) -> None:
    problem = template.problems[p]
    diagnosis = ctx.diagnoses.get(problem.icd10 or "")
    row = plan_services.plan_item_add(
        actor=ctx.actor,
        kind=PROBLEM,
        parent=ctx.plan,
        data={
            "title": problem.title[:200],
            "behavioral_definition": problem.behavioral_definition,
            "diagnosis": diagnosis,
        },
    )
    for g, goal in enumerate(problem.goals):
        if goal_key(p, g) not in chosen:
            continue
        kept = [o for i, o in enumerate(goal.objectives) if objective_key(p, g, i) in chosen]
        goal_row = plan_services.plan_item_add(
            actor=ctx.actor,
            kind=GOAL,
            parent=row,
            data={"statement": goal.statement, "target_date": _goal_date(ctx, goal, kept)},
        )
        _add_target(ctx, goal_row, goal.target)
        for o, objective in enumerate(goal.objectives):
            if objective_key(p, g, o) in chosen:
                _add_objective(ctx, goal_row, objective)


def _goal_date(ctx: _Context, goal: TemplateGoal, kept: list[TemplateObjective]) -> date | None:
    """The goal's own target deadline if it has one, else when its last kept objective is
    due: a template's goals carry no date of their own."""
    if goal.target is not None and goal.target.deadline:
        return _date(goal.target.deadline, ctx.start)
    dates = [d for d in (_date(o.deadline, ctx.start) for o in kept) if d is not None]
    return max(dates, default=None)


def _add_objective(ctx: _Context, goal: Goal, objective: TemplateObjective) -> Objective:
    row = plan_services.plan_item_add(
        actor=ctx.actor,
        kind=OBJECTIVE,
        parent=goal,
        data={
            "statement": objective.statement,
            "target_date": _date(objective.deadline, ctx.start),
        },
    )
    _add_target(ctx, row, objective.target)
    for intervention in objective.interventions:
        _add_intervention(ctx, row, intervention)
    return row


def _add_intervention(
    ctx: _Context, objective: Objective, intervention: TemplateIntervention
) -> Intervention:
    return plan_services.plan_item_add(
        actor=ctx.actor,
        kind=INTERVENTION,
        parent=objective,
        data={
            "modality": intervention.modality,
            "description": intervention.description,
            "frequency": intervention.frequency[:100],
            "delivered_by": intervention.delivered_by[:200],
        },
    )


def _validated(text: str, file: str) -> Template:
    try:
        return parse_template_text(text, file)
    except TemplateFileError as error:
        raise ValidationError({"content": str(error)}) from error


@transaction.atomic
def practice_template_copy(*, actor: Actor, entry: Entry) -> PracticeTemplate:
    """A practice's own editable copy of a shipped (or another practice) template."""
    if actor.user.practice_id is None:
        raise ValidationError("Only staff of a practice keep templates.")
    content = template_to_dict(entry.template)
    title = f"{entry.template.title} (practice copy)"[:200]
    content["title"] = title
    row = PracticeTemplate.objects.create(
        practice_id=actor.user.practice_id,
        title=title,
        content=content,
        based_on=entry.key,
        created_by=actor.user,
    )
    record(actor, AuditAction.CREATE, obj=row, detail={"copied_from": entry.key})
    return row


@transaction.atomic
def practice_template_update(
    *, actor: Actor, row: PracticeTemplate, text: str, expected_version: int | None
) -> Template:
    """Replace the template with edited text, only if it still parses and nobody saved since."""
    expected_version = require_version(expected_version)
    template = _validated(text, f"{row.title} (practice template)")
    content = template_to_dict(template)
    content["id"] = row.key
    updated = PracticeTemplate.objects.filter(pk=row.pk, version=expected_version).update(
        content=content,
        title=template.title[:200],
        updated_at=timezone.now(),
        version=expected_version + 1,
    )
    if not updated:
        raise StaleEditError(row, None)
    record(
        actor,
        AuditAction.UPDATE,
        obj=row,
        detail={"fields": ["content", "title"], "version": expected_version + 1},
    )
    return template


@transaction.atomic
def practice_template_archive(*, actor: Actor, row: PracticeTemplate) -> None:
    """Remove from the practice's library; the row is kept for plans that were made from it."""
    archived = PracticeTemplate.objects.filter(pk=row.pk, is_active=True).update(
        is_active=False, updated_at=timezone.now()
    )
    if archived:
        record(actor, AuditAction.DELETE, obj=row, detail={"archived": True})


@transaction.atomic
def practice_template_save(
    *, actor: Actor, text: str, based_on: str = "", from_plan: Any = None
) -> PracticeTemplate:
    """Save reviewed template text (e.g. made from a finished plan) as a new practice template.

    ``from_plan``, when given, is the client's plan it was made from: the audit row names
    that client, since the text was drawn from their record (names are scrubbed first)."""
    if actor.user.practice_id is None:
        raise ValidationError("Only staff of a practice keep templates.")
    template = _validated(text, "new practice template")
    row = PracticeTemplate.objects.create(
        practice_id=actor.user.practice_id,
        title=template.title[:200],
        content=template_to_dict(template),
        based_on=based_on,
        created_by=actor.user,
    )
    PracticeTemplate.objects.filter(pk=row.pk).update(content={**row.content, "id": row.key})
    row.refresh_from_db()
    detail = {"based_on": based_on} if from_plan is None else {"from_plan": str(from_plan.pk)}
    client = None if from_plan is None else from_plan.client
    record(actor, AuditAction.CREATE, client=client, obj=row, detail=detail)
    return row


@transaction.atomic
def library_item_add(
    *, actor: Actor, parent: Any, template: Template, item: LibraryItem
) -> Problem | Goal | Objective | Intervention:
    """Add one goal (with its objectives, interventions and targets), objective (with its
    interventions and target) or intervention from the library under ``parent``, through
    the plan's own services (each write audited); deadlines count from the plan's start."""
    expected = {"goal": Problem, "objective": Goal, "intervention": Objective}[item.kind]
    if not isinstance(parent, expected):
        raise ValidationError(f"A {item.kind} from the library goes under a {expected.__name__}.")
    plan = plan_of(parent)
    ctx = _Context(actor, plan, plan.start_date, {})
    problem = template.problems[item.path[0]]
    goal = problem.goals[item.path[1]]
    if item.kind == "goal":
        row = plan_services.plan_item_add(
            actor=actor,
            kind=GOAL,
            parent=parent,
            data={
                "statement": goal.statement,
                "target_date": _goal_date(ctx, goal, list(goal.objectives)),
            },
        )
        _add_target(ctx, row, goal.target)
        for objective in goal.objectives:
            _add_objective(ctx, row, objective)
        return row
    objective = goal.objectives[item.path[2]]
    if item.kind == "objective":
        return _add_objective(ctx, cast(Goal, parent), objective)  # checked against expected
    return _add_intervention(ctx, cast(Objective, parent), objective.interventions[item.path[3]])
