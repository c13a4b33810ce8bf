"""The step before a draft becomes the plan in force: what activating does, and the plan
check's findings still open, on a page of its own (it works without JavaScript). The
confirming form posts to ``plans:activate``, which calls the service."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from trellis.audit.actor import Actor
from trellis.plans import selectors
from trellis.plans.models import PlanStatus
from trellis.plans.quality import plan_findings
from trellis.plans.views import _client_diagnoses
from trellis.views import staff_view


@staff_view
@require_GET
def activate_confirm(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    if plan.status != PlanStatus.DRAFT:
        return redirect("plans:detail", plan_id=plan.pk)
    views = selectors.attach_target_views(plan)
    diagnoses = list(_client_diagnoses(plan))
    findings = plan_findings(plan, diagnoses, views)
    current = plan.client.plans.filter(status=PlanStatus.ACTIVE).exclude(pk=plan.pk).first()
    context = {"plan": plan, "client": plan.client, "findings": findings, "current": current}
    return render(request, "plans/activate_confirm.html", context)
