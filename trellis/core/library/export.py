"""A template as JSON-ready data in the file's own shape, so it reads back unchanged."""

from __future__ import annotations

from .schema import (
    Reference,
    Template,
    TemplateGoal,
    TemplateIntervention,
    TemplateObjective,
    TemplateProblem,
    TemplateTarget,
)


def template_to_dict(template: Template) -> dict[str, object]:
    """The template with the keys of its file; optional fields left out when empty."""
    out: dict[str, object] = {
        "id": template.id,
        "title": template.title,
        "summary": template.summary,
        "age_group": template.age_group,
        "modality": template.modality,
        "icd10": list(template.icd10),
        "keywords": list(template.keywords),
        "review_interval_days": template.review_interval_days,
        "expected_sessions": template.expected_sessions,
        "session_frequency": template.session_frequency,
        "measures": [
            {"instrument": m.instrument, "every_weeks": m.every_weeks} for m in template.measures
        ],
    }
    if template.adaptations:
        out["adaptations"] = dict(template.adaptations)
    out["references"] = [_reference(reference) for reference in template.references]
    out["problems"] = [_problem(problem) for problem in template.problems]
    return out


def _reference(reference: Reference) -> dict[str, object]:
    out: dict[str, object] = {"id": reference.id, "citation": reference.citation}
    if reference.url is not None:
        out["url"] = reference.url
    return out


def _problem(problem: TemplateProblem) -> dict[str, object]:
    out: dict[str, object] = {
        "title": problem.title,
        "behavioral_definition": problem.behavioral_definition,
    }
    if problem.icd10 is not None:
        out["icd10"] = problem.icd10
    out["goals"] = [_goal(goal) for goal in problem.goals]
    return out


def _goal(goal: TemplateGoal) -> dict[str, object]:
    out: dict[str, object] = {"statement": goal.statement}
    if goal.target is not None:
        out["target"] = _target(goal.target)
    out["objectives"] = [_objective(objective) for objective in goal.objectives]
    return out


def _objective(objective: TemplateObjective) -> dict[str, object]:
    out: dict[str, object] = {"statement": objective.statement}
    if objective.deadline is not None:
        out["deadline"] = objective.deadline
    if objective.target is not None:
        out["target"] = _target(objective.target)
    out["interventions"] = [_intervention(item) for item in objective.interventions]
    return out


def _intervention(intervention: TemplateIntervention) -> dict[str, object]:
    out: dict[str, object] = {
        "modality": intervention.modality,
        "description": intervention.description,
        "frequency": intervention.frequency,
    }
    if intervention.delivered_by:
        out["delivered_by"] = intervention.delivered_by
    out["source"] = intervention.source
    return out


def _target(target: TemplateTarget) -> dict[str, object]:
    out: dict[str, object] = {"instrument": target.instrument, "kind": target.kind}
    if target.value is not None:
        out["value"] = target.value
    if target.deadline is not None:
        out["deadline"] = target.deadline
    if target.subscale is not None:
        out["subscale"] = target.subscale
    return out
