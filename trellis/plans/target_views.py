"""Adding, changing and removing a goal's or objective's measure-linked target."""

from __future__ import annotations

import re
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.concurrency import StaleEditError
from trellis.core.measures import Instrument
from trellis.core.smart import analyze
from trellis.core.smart.measures import find_instruments
from trellis.measures.models import Administration
from trellis.measures.registry import instruments_for
from trellis.plans import selectors, services
from trellis.plans.items import GOAL, OBJECTIVE, ItemKind
from trellis.plans.models import Goal, MeasureTarget, Objective, TreatmentPlan
from trellis.plans.smart import suggest_target
from trellis.plans.target_forms import TargetEditForm, TargetForm, follow_measure
from trellis.plans.targets import evaluate_all
from trellis.views import add_service_errors, posted_version, staff_view, submit_edit

OWNER_KINDS: dict[str, ItemKind[Goal | Objective]] = {"goal": GOAL, "objective": OBJECTIVE}
# What the form is shown again with when the measure changes (htmx), or from a link.
SHOWN_AGAIN = ("instrument_id", "subscale", "kind", "value", "deadline", "baseline")


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


def named_instrument(statement: str, instruments: dict[str, Instrument]) -> str | None:
    """The first instrument the goal's or objective's own words name that the practice
    has ("PHQ-9 below 10 by March" -> "PHQ-9"); None when it names none of them."""
    for mention in find_instruments(statement or ""):
        if mention.id in instruments:
            return mention.id
    return None


def named_subscale(statement: str, instrument: Instrument) -> str | None:
    """The one subscale of ``instrument`` the words name ("DASS-21 depression ..."), if
    exactly one is named."""
    named = [
        s.id
        for s in instrument.subscales
        if re.search(rf"\b{re.escape(s.name)}\b", statement, re.IGNORECASE)
    ]
    return named[0] if len(named) == 1 else None


def _add_initial(
    request: HttpRequest, owner: Goal | Objective, start: date, instruments: dict[str, Instrument]
) -> dict[str, object]:
    """What the add form opens with: what the link or the page asked for; else what the
    item's words say (the measure, a subscale, the kind and value the analyzer read) and
    the item's own target date. The clinician sees it all before saving."""
    initial: dict[str, object] = {k: request.GET[k] for k in SHOWN_AGAIN if k in request.GET}
    statement = str(owner.statement or "")
    if "instrument_id" not in initial:
        named = named_instrument(statement, instruments)
        if named is not None:
            initial["instrument_id"] = named
            initial.update(_read_target(statement, start, instruments[named]))
    target_date = getattr(owner, "target_date", None)  # goals may not have one (yet)
    if target_date and not request.GET.get("deadline"):
        initial["deadline"] = target_date  # the item's own date wins over a reading
    return initial


def _read_target(statement: str, start: date, instrument: Instrument) -> dict[str, object]:
    """The subscale, kind, value and deadline the words give for this instrument."""
    found: dict[str, object] = {}
    subscale = named_subscale(statement, instrument)
    if subscale is not None:
        found["subscale"] = subscale
    suggestion = suggest_target(analyze(statement), start)
    if suggestion is not None and suggestion.data["instrument_id"] == instrument.id:
        found["kind"] = suggestion.data["kind"]
        for key in ("value", "deadline"):
            if suggestion.data.get(key) is not None:
                found[key] = suggestion.data[key]
    return found


@staff_view
def target_add(request: HttpRequest, actor: Actor, kind: str, item_id: str) -> HttpResponse:
    if kind not in OWNER_KINDS:
        raise Http404("Targets belong to goals and objectives")
    owner = selectors.plan_item_get(actor, OWNER_KINDS[kind], item_id)
    plan = selectors.plan_of(owner)
    kwargs = _form_kwargs(plan)
    instruments: dict[str, Instrument] = kwargs["instruments"]  # type: ignore[assignment]
    initial = _add_initial(request, owner, plan.start_date, instruments)
    form = TargetForm(request.POST or None, initial=initial, **kwargs)  # type: ignore[arg-type]
    follow_measure(form, request.path)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_add(actor=actor, owner=owner, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The target was added; its status follows the scores.")
            return redirect(_plan_url(plan) + f"#{kind}-{owner.pk}")
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
    initial.update({k: request.GET[k] for k in SHOWN_AGAIN if k in request.GET})
    form = TargetEditForm(request.POST or None, initial=initial, **_form_kwargs(plan))  # type: ignore[arg-type]
    follow_measure(form, request.path)
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
