"""Plan pages. The editor changes one item at a time (htmx) so typed text is never lost;
every endpoint also works as a plain form post for browsers without JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.clients.models import Diagnosis, DiagnosisStatus, EmergencyContact
from trellis.clients.selectors import client_get
from trellis.concurrency import StaleEditError, fingerprint
from trellis.plans import safety, selectors, services
from trellis.plans.dates import deadline_anchor
from trellis.plans.duplicate import plan_item_duplicate
from trellis.plans.forms import (
    CHOICE_FIELDS,
    PLAN_LABELS,
    SECTIONS,
    NewPlanForm,
    item_form,
    plan_field,
    plan_section_form,
)
from trellis.plans.items import ITEM_KINDS, ItemKind
from trellis.plans.models import ObjectiveStatus, TreatmentPlan
from trellis.plans.quality import plan_findings
from trellis.plans.smart import attach_suggestions, enable_live_feedback
from trellis.plans.targets import evaluate_all
from trellis.views import (
    HtmxHttpRequest,
    add_service_errors,
    posted_version,
    staff_view,
    submit_edit,
)


def _kind(name: str) -> ItemKind[Any]:
    if name not in ITEM_KINDS:
        raise Http404("No such kind of plan item")
    return ITEM_KINDS[name]


def _section(name: str) -> tuple[str, tuple[str, ...]]:
    if name not in SECTIONS:
        raise Http404("No such plan section")
    return SECTIONS[name]


def _plan_url(plan: TreatmentPlan, anchor: str = "") -> str:
    """The plan page; with an anchor (an item's or section's id) it opens at that place, so
    that after an edit the clinician is back where they were, not at the top."""
    url = reverse("plans:detail", kwargs={"plan_id": plan.pk})
    return f"{url}#{anchor}" if anchor else url


def _client_diagnoses(plan: TreatmentPlan) -> models.QuerySet[Diagnosis]:
    return Diagnosis.objects.filter(client_id=plan.client_id).order_by("-is_primary", "code")


def _linkable_diagnoses(plan: TreatmentPlan, item: Any = None) -> models.QuerySet[Diagnosis]:
    """What a problem may name: not a ruled-out diagnosis, unless it already does."""
    linked = getattr(item, "diagnosis_id", None)
    return _client_diagnoses(plan).exclude(
        models.Q(status=DiagnosisStatus.RULED_OUT) & ~models.Q(pk=linked)
    )


@staff_view
def plan_create(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    client = client_get(actor, client_id)
    form = NewPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=actor, client=client, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The draft plan was created. Add its first problem below.")
            return redirect(_plan_url(plan))
    return render(request, "plans/plan_new.html", {"form": form, "client": client})


@staff_view
def plan_detail(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    views = selectors.attach_target_views(plan)
    diagnoses = list(_client_diagnoses(plan))
    attach_suggestions(plan, selectors.goals_and_objectives(plan))
    context = {
        "plan": plan,
        "client": plan.client,
        "sections": _section_contexts(plan),
        "diagnoses": diagnoses,
        "findings": plan_findings(plan, diagnoses, views),
    }
    return render(request, "plans/plan_detail.html", context)


def _section_contexts(plan: TreatmentPlan) -> list[dict[str, Any]]:
    return [_section_context(plan, name) for name in SECTIONS]


def _section_context(
    plan: TreatmentPlan, name: str, form: Any = None, stale: str = ""
) -> dict[str, Any]:
    title, fields = SECTIONS[name]
    values = [
        (
            PLAN_LABELS.get(f) or str(plan_field(f).verbose_name).capitalize(),
            TreatmentPlan._meta.get_field(f).get_internal_type() == "DateField",
            _shown(plan, f),
        )
        for f in fields
    ]
    context = {
        "name": name,
        "title": title,
        "plan": plan,
        "values": values,
        "form": form,
        "stale": stale,
    }
    if name == "safety":
        context["last_review"] = safety.last_review(plan)
        context["can_review"] = plan.status in {"draft", "active"} and safety.has_content(plan)
        if form is not None:
            contacts = EmergencyContact.objects.filter(client_id=plan.client_id)
            context["contact_lines"] = [safety.contact_line(c) for c in contacts]
    return context


def _shown(plan: TreatmentPlan, name: str) -> Any:
    """A field's value as the page shows it: the words of a choice, not its stored key."""
    if name in CHOICE_FIELDS:
        return getattr(plan, f"get_{name}_display")() if getattr(plan, name) else ""
    return getattr(plan, name)


@staff_view
def plan_section(
    request: HtmxHttpRequest, actor: Actor, plan_id: str, section: str
) -> HttpResponse:
    _, fields = _section(section)
    plan = selectors.plan_get(actor, plan_id)
    form_class = plan_section_form(section)
    if request.method != "POST":
        if request.GET.get("mode") == "view":
            return render(request, "plans/_section.html", {"s": _section_context(plan, section)})
        initial = {"fingerprint": fingerprint(plan, fields)}
        if "crisis_lines" in fields and not plan.crisis_lines.strip():
            initial["crisis_lines"] = safety.CRISIS_LINE_988
        form = form_class(instance=plan, initial=initial)
        return _render_section_form(request, plan, section, form)
    form = form_class(request.POST, instance=plan)
    # A section carries the fingerprint of the fields it showed instead of a version, so
    # two sections of one plan can be open at once.
    edit = submit_edit(
        request,
        form,
        lambda data, _version: services.plan_update(
            actor=actor, plan=plan, data=data, expected_fingerprint=data.get("fingerprint") or ""
        ),
        invalid_status=422,
    )
    if edit.saved:
        if not request.htmx:
            messages.success(request, "The plan was saved.")
            return redirect(_plan_url(plan, f"section-{section}"))
        fresh = selectors.plan_get(actor, plan_id, audit=False)
        return render(request, "plans/_section.html", {"s": _section_context(fresh, section)})
    return _render_section_form(request, plan, section, form, edit.stale, status=edit.status)


def _render_section_form(
    request: HtmxHttpRequest,
    plan: TreatmentPlan,
    section: str,
    form: Any,
    stale: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"s": _section_context(plan, section, form, stale)}
    template = "plans/_section.html" if request.htmx else "plans/section_page.html"
    return render(request, template, context, status=status)


@staff_view
@require_POST
def plan_activate(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    return _change_status(request, actor, plan_id, services.plan_activate, "active")


@staff_view
@require_POST
def plan_close(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    return _change_status(request, actor, plan_id, services.plan_close, "closed")


def _change_status(
    request: HttpRequest, actor: Actor, plan_id: str, change: Any, becomes: str
) -> HttpResponse:
    """Activate or close: the version seen is required (400 without it), a stale one is
    refused with a message, and the plan page says what happened."""
    plan = selectors.plan_get(actor, plan_id)
    try:
        change(actor=actor, plan=plan, expected_version=posted_version(request))
    except StaleEditError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The plan is now {becomes}.")
    return redirect(_plan_url(plan))


def _item_context(
    kind: ItemKind[Any], item: Any, plan: TreatmentPlan, form: Any = None, stale: str = ""
) -> dict[str, Any]:
    return {
        "kind": kind.name,
        "item": item,
        "plan": plan,
        "form": form,
        "stale": stale,
        "objective_statuses": ObjectiveStatus.choices,
    }


@staff_view
def item_view(request: HttpRequest, actor: Actor, kind: str, item_id: str) -> HttpResponse:
    item_kind = _kind(kind)
    item = selectors.plan_item_get(actor, item_kind, item_id)
    plan = selectors.plan_of(item)
    return render(request, "plans/_item_body.html", _item_context(item_kind, item, plan))


@staff_view
def item_edit(request: HtmxHttpRequest, actor: Actor, kind: str, item_id: str) -> HttpResponse:
    item_kind = _kind(kind)
    item = selectors.plan_item_get(actor, item_kind, item_id)
    plan = selectors.plan_of(item)
    form_class = item_form(item_kind, _linkable_diagnoses(plan, item))
    if request.method != "POST":
        form = form_class(instance=item, initial={"version": item.version})
        return _render_item_form(request, item_kind, item, plan, form)
    form = form_class(request.POST, instance=item)
    edit = submit_edit(
        request,
        form,
        lambda data, version: services.plan_item_update(
            actor=actor, item=item, data=data, expected_version=version
        ),
        invalid_status=422,
    )
    if edit.saved:
        if not request.htmx:
            return redirect(_plan_url(plan, f"{kind}-{item.pk}"))
        fresh = selectors.plan_item_get(actor, item_kind, item_id, audit=False)
        context = _item_context(item_kind, fresh, plan)
        if kind in ("goal", "objective"):  # the one-click target, without a reload
            _with_targets(plan, fresh)
            context["refresh_targets"] = True
        return render(request, "plans/_item_body.html", context)
    return _render_item_form(request, item_kind, item, plan, form, edit.stale, status=edit.status)


def _with_targets(plan: TreatmentPlan, owner: Any) -> None:
    """An edited goal's or objective's targets and one-click suggestion, for the htmx
    reply that redraws its targets block (out of band) beside the saved words."""
    targets = list(owner.targets.all())
    views = evaluate_all(plan, targets)
    owner.target_views = [views[t.pk] for t in targets]
    attach_suggestions(plan, [owner])


def _render_item_form(
    request: HtmxHttpRequest,
    kind: ItemKind[Any],
    item: Any,
    plan: TreatmentPlan,
    form: Any,
    stale: str = "",
    status: int = 200,
) -> HttpResponse:
    context = _item_context(kind, item, plan, form, stale)
    _live_feedback(form, kind.name, item, plan)
    template = "plans/_item_form.html" if request.htmx else "plans/item_page.html"
    return render(request, template, context, status=status)


def _parent(actor: Actor, kind: ItemKind[Any], parent_id: str) -> tuple[Any, TreatmentPlan]:
    if kind.parent_field == "plan":
        plan = selectors.plan_get(actor, parent_id)
        return plan, plan
    parent_kind = ITEM_KINDS[kind.parent_field]
    parent = selectors.plan_item_get(actor, parent_kind, parent_id)
    return parent, selectors.plan_of(parent)


@staff_view
def item_add(request: HtmxHttpRequest, actor: Actor, kind: str, parent_id: str) -> HttpResponse:
    item_kind = _kind(kind)
    parent, plan = _parent(actor, item_kind, parent_id)
    form_class = item_form(item_kind, _linkable_diagnoses(plan))
    context = {"kind": kind, "parent": parent, "plan": plan, "parent_kind": item_kind.parent_field}
    if request.method != "POST":
        if request.GET.get("mode") == "button":
            return render(request, "plans/_add_button.html", context)
        return _render_add_form(request, context, form_class())
    form = form_class(request.POST)
    if form.is_valid():
        try:
            item = services.plan_item_add(
                actor=actor, kind=item_kind, parent=parent, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not request.htmx:
                return redirect(_plan_url(plan, f"{kind}-{item.pk}"))
            if kind in ("goal", "objective"):
                attach_suggestions(plan, [item])
            context.update(_item_context(item_kind, item, plan))
            return render(request, "plans/_item_added.html", context)
    return _render_add_form(request, context, form, status=422)


def _problem_of(kind: str, item: Any, parent: Any) -> Any:
    if kind == "goal":
        return item.problem if item is not None else parent
    return (item.goal if item is not None else parent).problem


def _live_feedback(
    form: Any, kind: str, item: Any, plan: TreatmentPlan, parent: Any = None
) -> None:
    """SMART feedback beside goal and objective statements, with the plan's context."""
    if kind not in ("goal", "objective"):
        return
    problem = _problem_of(kind, item, parent)
    codes = _client_diagnoses(plan).filter(status="active").values_list("code", flat=True)
    enable_live_feedback(
        form,
        kind=kind,
        problem=f"{problem.title}. {problem.behavioral_definition}",
        codes=list(codes),
        start=deadline_anchor(plan),
    )


def _render_add_form(
    request: HtmxHttpRequest, context: dict[str, Any], form: Any, status: int = 200
) -> HttpResponse:
    context = {**context, "form": form}
    _live_feedback(form, context["kind"], None, context["plan"], parent=context["parent"])
    template = "plans/_add_form.html" if request.htmx else "plans/item_page.html"
    return render(request, template, context, status=status)


@staff_view
@require_POST
def item_remove(request: HtmxHttpRequest, actor: Actor, kind: str, item_id: str) -> HttpResponse:
    item_kind = _kind(kind)
    item = selectors.plan_item_get(actor, item_kind, item_id)
    plan = selectors.plan_of(item)
    try:
        services.plan_item_remove(actor=actor, item=item, expected_version=posted_version(request))
    except (StaleEditError, ValidationError) as error:
        message = str(error) if isinstance(error, StaleEditError) else " ".join(error.messages)
        if request.htmx:
            return HttpResponse(message, status=409, content_type="text/plain")
        messages.error(request, message)
        return redirect(_plan_url(plan, f"{kind}-{item.pk}"))
    if request.htmx:
        return HttpResponse("")
    return redirect(_plan_url(plan, _parent_anchor(item_kind, item)))


def _parent_anchor(kind: ItemKind[Any], item: Any) -> str:
    """Where the page opens once an item is removed: the item it belonged to."""
    if kind.parent_field == "plan":
        return f"plan-{item.plan_id}-children"
    return f"{kind.parent_field}-{getattr(item, kind.parent_field + '_id')}"


@staff_view
@require_POST
def item_move(
    request: HtmxHttpRequest, actor: Actor, kind: str, item_id: str, direction: str
) -> HttpResponse:
    item_kind = _kind(kind)
    if direction not in {"up", "down"}:
        raise Http404("No such direction")
    item = selectors.plan_item_get(actor, item_kind, item_id)
    plan = selectors.plan_of(item)
    try:
        moved = services.plan_item_move(actor=actor, item=item, direction=direction)  # type: ignore[arg-type]
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain")
        messages.error(request, " ".join(error.messages))
        moved = False
    if request.htmx:
        return HttpResponse("moved" if moved else "unchanged", content_type="text/plain")
    return redirect(_plan_url(plan, f"{kind}-{item.pk}"))


@staff_view
@require_POST
def item_duplicate(request: HtmxHttpRequest, actor: Actor, kind: str, item_id: str) -> HttpResponse:
    """Copy an item and its subtree just below it; htmx gets the copy to put in place."""
    item_kind = _kind(kind)
    item = selectors.plan_item_get(actor, item_kind, item_id)
    plan = selectors.plan_of(item)
    try:
        copy = plan_item_duplicate(actor=actor, item=item)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain")
        messages.error(request, " ".join(error.messages))
        return redirect(_plan_url(plan))
    if not request.htmx:
        messages.success(request, f"The {kind} was duplicated: the copy is just below it.")
        return redirect(f"{_plan_url(plan)}#{kind}-{copy.pk}")
    tree = selectors.plan_with_tree(actor, plan.pk)
    selectors.attach_target_views(tree)
    context = _item_context(item_kind, selectors.find_in_tree(tree, kind, copy.pk), tree)
    return render(request, "plans/_item.html", context)


@staff_view
@require_POST
def safety_reviewed(request: HtmxHttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    """ "Reviewed with the client today" on the safety plan."""
    plan = selectors.plan_get(actor, plan_id)
    try:
        safety.safety_plan_reviewed(actor=actor, plan=plan)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain")
        messages.error(request, " ".join(error.messages))
        return redirect(_plan_url(plan))
    if request.htmx:
        return render(request, "plans/_section.html", {"s": _section_context(plan, "safety")})
    messages.success(request, "Recorded: the safety plan was reviewed with the client today.")
    return redirect(f"{_plan_url(plan)}#section-safety")
