"""The library picker inside the plan editor: find a goal, objective or intervention in
the templates, ranked for the problem it goes under, and add it to the plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from trellis.audit.actor import Actor
from trellis.core.library import Template
from trellis.core.library.picker import PICKABLE, find_item, library_items, rank_items
from trellis.library import services
from trellis.library.registry import templates_for
from trellis.library.views import age_on
from trellis.plans import selectors as plan_selectors
from trellis.plans.items import ITEM_KINDS
from trellis.plans.models import Goal, Objective, Problem, TreatmentPlan
from trellis.views import HtmxHttpRequest, staff_view

SHOWN = 25  # results listed at once; the rest are reached by refining the search
_PARENT = {"goal": "problem", "objective": "goal", "intervention": "objective"}


def _parent(actor: Actor, kind: str, parent_id: str) -> tuple[Any, TreatmentPlan]:
    if kind not in PICKABLE:
        raise Http404("Only goals, objectives and interventions come from the library")
    parent = plan_selectors.plan_item_get(actor, ITEM_KINDS[_PARENT[kind]], parent_id)
    return parent, plan_selectors.plan_of(parent)


def _problem(parent: Problem | Goal | Objective) -> Problem:
    if isinstance(parent, Problem):
        return parent
    if isinstance(parent, Goal):
        return parent.problem
    return parent.goal.problem


def _context_for(parent: Problem | Goal | Objective) -> tuple[list[str], str]:
    """The diagnosis codes and words the results are ranked by: the problem's, and the
    statement of the goal or objective being added to."""
    problem = _problem(parent)
    codes = [problem.diagnosis.code] if problem.diagnosis_id and problem.diagnosis else []
    about = f"{problem.title} {problem.behavioral_definition}"
    if isinstance(parent, Goal | Objective):
        about += f" {parent.statement}"
    return codes, about


def _templates(actor: Actor) -> dict[str, Template]:
    return {e.template.id: e.template for e in templates_for(actor.user.practice_id).values()}


@staff_view
def pick(request: HtmxHttpRequest, actor: Actor, kind: str, parent_id: str) -> HttpResponse:
    """GET: the panel (or, with ``results``, only its list); POST: add the chosen item."""
    parent, plan = _parent(actor, kind, parent_id)
    templates = _templates(actor)
    if request.method == "POST":
        return _add(request, actor, kind, parent, plan, templates)
    query = request.GET.get("q", "")[:200]
    codes, about = _context_for(parent)
    ranked = rank_items(
        library_items(templates.values(), kind),
        query=query,
        codes=codes,
        about=about,
        age=age_on(plan.client, timezone.localdate()),
    )
    context = {
        "kind": kind,
        "parent": parent,
        "parent_kind": _PARENT[kind],
        "plan": plan,
        "query": query,
        "results": ranked[:SHOWN],
        "total": len(ranked),
        "templates": templates,
        "error": "",
    }
    if request.htmx and request.GET.get("results"):
        return render(request, "library/_picker_results.html", context)
    template = "library/_picker.html" if request.htmx else "library/picker_page.html"
    return render(request, template, context)


def _add(
    request: HtmxHttpRequest,
    actor: Actor,
    kind: str,
    parent: Any,
    plan: TreatmentPlan,
    templates: dict[str, Template],
) -> HttpResponse:
    item = find_item(templates, request.POST.get("item", ""))
    problem = ""
    if item is None or item.kind != kind:
        problem = f"That {kind} is no longer in the library: search again and pick another."
    else:
        try:
            row = services.library_item_add(
                actor=actor, parent=parent, template=templates[item.template_id], item=item
            )
        except ValidationError as error:
            problem = " ".join(error.messages)
    if problem:
        if request.htmx:
            return HttpResponse(problem, status=409, content_type="text/plain")
        messages.error(request, problem)
        return redirect(reverse("library:pick", args=[kind, parent.pk]))
    plan_url = reverse("plans:detail", args=[plan.pk])
    if not request.htmx:
        messages.success(request, f"The {kind} was added from the library.")
        return redirect(f"{plan_url}#{kind}-{row.pk}")
    tree = plan_selectors.plan_with_tree(actor, plan.pk)
    plan_selectors.attach_target_views(tree)
    context = {
        "kind": kind,
        "item": plan_selectors.find_in_tree(tree, kind, row.pk),
        "plan": tree,
        "parent": parent,
        "parent_kind": _PARENT[kind],
        "objective_statuses": [],
    }
    return render(request, "plans/_item_added.html", context)
