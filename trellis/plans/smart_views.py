"""Plan editor helpers that read text, not records: live SMART feedback, the quality
panel, and turning a statement's own words into a measure-linked target."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.core.smart import analyze
from trellis.measures.registry import instruments_for
from trellis.plans import selectors, services
from trellis.plans.dates import deadline_anchor
from trellis.plans.items import GOAL, OBJECTIVE, ItemKind
from trellis.plans.models import Goal, Objective
from trellis.plans.quality import plan_findings
from trellis.plans.smart import feedback_context, suggest_target
from trellis.views import staff_view

OWNER_KINDS: dict[str, ItemKind[Goal | Objective]] = {"goal": GOAL, "objective": OBJECTIVE}


@require_POST
@staff_view
def smart_feedback(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Analyzes only the posted text and context: reads no client record, so no audit."""
    return render(request, "plans/_smart_feedback.html", feedback_context(request.POST))


@staff_view
def quality_panel(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    views = selectors.attach_target_views(plan)
    diagnoses = list(plan.client.diagnoses.all())
    context = {"plan": plan, "findings": plan_findings(plan, diagnoses, views)}
    return render(request, "plans/_quality_panel.html", context)


@require_POST
@staff_view
def target_from_text(request: HttpRequest, actor: Actor, kind: str, item_id: str) -> HttpResponse:
    """One click: the target the goal's or objective's words state becomes a tracked one."""
    if kind not in OWNER_KINDS:
        raise Http404("Targets belong to goals and objectives")
    owner = selectors.plan_item_get(actor, OWNER_KINDS[kind], item_id)
    plan = selectors.plan_of(owner)
    known = instruments_for(plan.client.practice_id)
    suggestion = suggest_target(analyze(owner.statement), deadline_anchor(plan), known)
    if suggestion is None:
        messages.error(request, "No measure and target were found in the words; add one here.")
        return redirect("plans:target_add", kind=kind, item_id=owner.pk)
    form_url = reverse("plans:target_add", kwargs={"kind": kind, "item_id": owner.pk})
    if not suggestion.certain:
        messages.info(request, f"Check this target before saving it: {suggestion.doubt}.")
        return redirect(f"{form_url}?{suggestion.query()}")
    try:
        services.target_add(actor=actor, owner=owner, data=suggestion.data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages) + " Adjust it here.")
        return redirect(f"{form_url}?{suggestion.query()}")
    messages.success(request, f"Now tracking {suggestion.label}.")
    return redirect(reverse("plans:detail", kwargs={"plan_id": plan.pk}) + f"#{kind}-{owner.pk}")
