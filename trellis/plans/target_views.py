"""Adding, changing and removing a goal's or objective's measure-linked target."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.concurrency import StaleEditError
from trellis.measures.models import Administration
from trellis.measures.registry import instruments_for
from trellis.plans import selectors, services
from trellis.plans.items import GOAL, OBJECTIVE
from trellis.plans.models import MeasureTarget, TreatmentPlan
from trellis.plans.target_forms import TargetEditForm, TargetForm
from trellis.plans.targets import evaluate_all
from trellis.views import add_service_errors, posted_version, staff_view, submit_edit

OWNER_KINDS = {"goal": GOAL, "objective": OBJECTIVE}


def _plan_url(plan: TreatmentPlan) -> str:
    return reverse("plans:detail", kwargs={"plan_id": plan.pk})


def _owner_url(plan: TreatmentPlan, target: MeasureTarget) -> str:
    """The plan page at the goal or objective the target belongs to."""
    kind = "goal" if target.goal_id else "objective"
    return _plan_url(plan) + f"#{kind}-{target.owner.pk}"


def _form_kwargs(plan: TreatmentPlan) -> dict[str, object]:
    scores = (
        Administration.objects.scored()
        .filter(client_id=plan.client_id)
        .order_by("-administered_at")
    )
    return {"instruments": instruments_for(plan.client.practice_id), "scores": scores}


@staff_view
def target_add(request: HttpRequest, actor: Actor, kind: str, item_id: str) -> HttpResponse:
    if kind not in OWNER_KINDS:
        raise Http404("Targets belong to goals and objectives")
    owner = selectors.plan_item_get(actor, OWNER_KINDS[kind], item_id)
    plan = selectors.plan_of(owner)
    initial = {
        key: request.GET[key]
        for key in ("instrument_id", "kind", "value", "deadline", "subscale")
        if key in request.GET
    }
    if "deadline" not in initial and getattr(owner, "target_date", None):
        initial["deadline"] = owner.target_date  # type: ignore[union-attr]
    form = TargetForm(request.POST or None, initial=initial, **_form_kwargs(plan))  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            services.target_add(actor=actor, owner=owner, data=form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The target was added; its status follows the scores.")
            return redirect(_plan_url(plan) + f"#{kind}-{owner.pk}")  # type: ignore[attr-defined]
    context = {"form": form, "plan": plan, "owner": owner, "kind": kind}
    return render(request, "plans/target_form.html", context)


@staff_view
def target_edit(request: HttpRequest, actor: Actor, target_id: str) -> HttpResponse:
    target = selectors.target_get(actor, target_id)
    plan = selectors.plan_of(target.owner)
    initial = {
        "instrument_id": target.instrument_id,
        "subscale": target.subscale,
        "kind": target.kind,
        "value": target.value,
        "deadline": target.deadline,
        "baseline": target.baseline_id,
        "version": target.version,
    }
    form = TargetEditForm(request.POST or None, initial=initial, **_form_kwargs(plan))  # type: ignore[arg-type]
    edit = submit_edit(
        request,
        form,
        lambda data, version: services.target_update(
            actor=actor, target=target, data=data, expected_version=version
        ),
    )
    stale = edit.stale
    if edit.saved:
        messages.success(request, "The target was saved.")
        return redirect(_owner_url(plan, target))
    context = {
        "form": form,
        "plan": plan,
        "owner": target.owner,
        "target": target,
        "stale": stale,
        "view": evaluate_all(plan, [target])[target.pk],
    }
    status = 409 if stale else 200
    return render(request, "plans/target_form.html", context, status=status)


@require_POST
@staff_view
def target_remove(request: HttpRequest, actor: Actor, target_id: str) -> HttpResponse:
    target: MeasureTarget = selectors.target_get(actor, target_id)
    plan = selectors.plan_of(target.owner)
    try:
        services.target_remove(actor=actor, target=target, expected_version=posted_version(request))
    except StaleEditError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The target was removed.")
    return redirect(_owner_url(plan, target))
