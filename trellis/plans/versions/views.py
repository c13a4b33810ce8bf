"""Pages for revising a plan into a new version, comparing versions, and the panel of a plan's
reviews, versions and signatures. Thin: access helper, service, render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.concurrency import StaleEditError
from trellis.plans import selectors
from trellis.plans.models import PlanStatus, TreatmentPlan
from trellis.plans.reviews.selectors import reviews_of
from trellis.plans.signing.selectors import signature_state
from trellis.plans.versions import drafts
from trellis.plans.versions.compare import changes_only, compare_versions, ordered
from trellis.plans.versions.selectors import plan_versions
from trellis.plans.versions.services import RevisionExistsError, plan_revise
from trellis.views import HtmxHttpRequest, posted_version, staff_view


@staff_view
@require_POST
def revise(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_get(actor, plan_id)
    try:
        draft = plan_revise(actor=actor, plan=plan)
    except RevisionExistsError as error:
        messages.info(request, " ".join(error.messages))
        return redirect("plans:detail", plan_id=error.draft.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans:detail", plan_id=plan.pk)
    messages.success(
        request,
        f"Version {draft.version_number} is a draft copy of version {plan.version_number}: "
        "edit it, then activate it.",
    )
    return redirect("plans:detail", plan_id=draft.pk)


@staff_view
@require_POST
def draft_delete(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_get(actor, plan_id)
    try:
        drafts.draft_delete(actor=actor, plan=plan, expected_version=posted_version(request))
    except (ValidationError, PermissionDenied, StaleEditError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return redirect("plans:detail", plan_id=plan.pk)
    messages.success(
        request, f"The draft “{plan.title}” (version {plan.version_number}) was deleted."
    )
    return redirect("pages:client", client_id=plan.client_id)


def _other_version(plan: TreatmentPlan, all_versions: list[TreatmentPlan]) -> Any:
    """By default, compare with the version before this one, else the one after."""
    if plan.previous_version_id:
        return plan.previous_version_id
    later = [v for v in all_versions if v.version_number > plan.version_number]
    return later[0].pk if later else None


@staff_view
def compare(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    all_versions = plan_versions(plan)
    other_id = request.GET.get("with") or _other_version(plan, all_versions)
    context: dict[str, Any] = {"plan": plan, "client": plan.client, "versions": all_versions}
    if other_id is None:
        return render(request, "plans/compare.html", context)
    other = selectors.plan_with_tree(actor, other_id)
    if other.lineage != plan.lineage or other.pk == plan.pk:
        raise Http404("Not a version of this plan")
    old, new = ordered(plan, other)
    comparison = compare_versions(old, new)
    only = request.GET.get("show") == "changes"
    context["comparison"] = comparison
    context["changes_only"] = only
    context["rows"] = changes_only(comparison.rows) if only else comparison.rows
    context["other"] = other
    return render(request, "plans/compare.html", context)


@staff_view
def history(request: HtmxHttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    """The plan page's panel of reviews, versions and signatures (a page without JS)."""
    plan = selectors.plan_get(actor, plan_id)
    all_versions = plan_versions(plan)
    context = {
        "plan": plan,
        "client": plan.client,
        "versions": all_versions,
        "open_revision": next(
            (v for v in all_versions if v.status == PlanStatus.DRAFT and v.pk != plan.pk), None
        ),
        "reviews": reviews_of(plan),
        "signatures": signature_state(plan),
    }
    template = "plans/version_panel.html" if request.htmx else "plans/version_history.html"
    return render(request, template, context)
