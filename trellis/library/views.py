"""The template library: browse and search, preview, apply to a client, a practice's own."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.clients.models import Client
from trellis.clients.selectors import client_get
from trellis.core.library import order_for_client, rank_for_client, search_templates
from trellis.library import services
from trellis.library.forms import (
    AGE_LABELS,
    ApplyForm,
    LibrarySearchForm,
    NewTemplateTextForm,
    TemplateTextForm,
)
from trellis.library.from_plan import plan_as_template
from trellis.library.models import PracticeTemplate
from trellis.library.registry import Entry, template_get, templates_for
from trellis.lookup import get_or_404
from trellis.plans import selectors as plan_selectors
from trellis.views import add_service_errors, staff_view, submit_edit


def age_on(client: Client, on: date) -> int | None:
    """The client's age in whole years on a day, or None without a date of birth."""
    born = client.date_of_birth
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _client_context(actor: Actor, request: HttpRequest) -> Client | None:
    client_id = request.GET.get("client") or request.POST.get("client")
    return client_get(actor, client_id) if client_id else None


def _client_facts(client: Client) -> dict[str, Any]:
    """What the library's ranking reads about a client: active diagnoses (primary first),
    the presenting problem and the age today."""
    active = sorted(
        (d for d in client.diagnoses.all() if d.status == "active"), key=lambda d: not d.is_primary
    )
    return {
        "diagnoses": [d.code for d in active],
        "primary": next((d.code for d in active if d.is_primary), None),
        "presenting_problem": client.presenting_problem,
        "age": age_on(client, timezone.localdate()),
    }


def _suggestions(
    client: Client, entries: dict[str, Entry]
) -> list[tuple[Entry, float, tuple[str, ...]]]:
    by_template = {id(e.template): e for e in entries.values()}
    ranked = rank_for_client([e.template for e in entries.values()], **_client_facts(client))
    return [(by_template[id(t)], score, reasons) for t, score, reasons in ranked]


def _in_order(found: list[Entry], client: Client | None) -> list[Entry]:
    """The practice's own templates first, by title; for a client, best fit first."""
    if client is None:
        return sorted(found, key=lambda e: (not e.is_practice, e.template.title.lower()))
    by_template = {id(e.template): e for e in found}
    ordered = order_for_client([e.template for e in found], **_client_facts(client))
    return [by_template[id(t)] for t in ordered]


@staff_view
def library(request: HttpRequest, actor: Actor) -> HttpResponse:
    client = _client_context(actor, request)
    entries = templates_for(actor.user.practice_id)
    form = LibrarySearchForm(request.GET or None)
    found = list(entries.values())
    if form.is_valid():
        data = form.cleaned_data
        keep = {
            id(t)
            for t in search_templates(
                [e.template for e in found],
                query=data["q"],
                icd10=data["icd10"],
                modality=data["modality"],
                age_group=data["age_group"],
            )
        }
        found = [e for e in found if id(e.template) in keep]
    context = {
        "form": form,
        "entries": _in_order(found, client),
        "total": len(entries),
        "client": client,
        "suggestions": _suggestions(client, entries) if client else [],
        "age_labels": AGE_LABELS,
    }
    return render(request, "library/library.html", context)


@staff_view
def template_detail(request: HttpRequest, actor: Actor, key: str) -> HttpResponse:
    entry = template_get(actor.user.practice_id, key)
    context = {
        "entry": entry,
        "t": entry.template,
        "client": _client_context(actor, request),
        "age_labels": AGE_LABELS,
    }
    return render(request, "library/template_detail.html", context)


@staff_view
def template_apply(request: HttpRequest, actor: Actor, client_id: str, key: str) -> HttpResponse:
    client = client_get(actor, client_id)
    entry = template_get(actor.user.practice_id, key)
    initial = {"title": entry.template.title, "start_date": timezone.localdate()}
    form = ApplyForm(request.POST or None, initial=initial)
    keep = set(request.POST.getlist("keep")) if request.method == "POST" else None
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.template_apply(
                actor=actor,
                client=client,
                entry=entry,
                keep=keep,
                start_date=form.cleaned_data["start_date"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "The draft plan was made from the template: make it this client's own."
            )
            return redirect("plans:detail", plan_id=plan.pk)
    context = {
        "client": client,
        "entry": entry,
        "t": entry.template,
        "form": form,
        "keep": keep if keep is not None else services.all_keys(entry.template),
    }
    return render(request, "library/template_apply.html", context)


@require_POST
@staff_view
def template_copy(request: HttpRequest, actor: Actor, key: str) -> HttpResponse:
    entry = template_get(actor.user.practice_id, key)
    row = services.practice_template_copy(actor=actor, entry=entry)
    messages.success(request, "A copy was made for the practice: edit it below.")
    return redirect("library:edit", template_id=row.pk)


def _practice_row(actor: Actor, template_id: str) -> PracticeTemplate:
    rows = PracticeTemplate.objects.filter(practice_id=actor.practice_id, is_active=True)
    return get_or_404(rows, template_id)


def _as_text(content: dict[str, object]) -> str:
    return yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=88)


@staff_view
def template_edit(request: HttpRequest, actor: Actor, template_id: str) -> HttpResponse:
    row = _practice_row(actor, template_id)
    initial = {"content": _as_text(row.content), "version": row.version}
    form = TemplateTextForm(request.POST or None, initial=initial)
    edit = submit_edit(
        request,
        form,
        lambda data, version: services.practice_template_update(
            actor=actor, row=row, text=data["content"], expected_version=version
        ),
    )
    if edit.saved:
        messages.success(request, "The practice template was saved.")
        return redirect("library:detail", key=row.key)
    context = {"form": form, "row": row, "stale": edit.stale}
    return render(request, "library/template_edit.html", context, status=edit.status)


@require_POST
@staff_view
def template_archive(request: HttpRequest, actor: Actor, template_id: str) -> HttpResponse:
    row = _practice_row(actor, template_id)
    services.practice_template_archive(actor=actor, row=row)
    messages.success(request, f"“{row.title}” was removed from the practice's library.")
    return redirect("library:list")


@staff_view
def plan_save_as_template(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = plan_selectors.plan_with_tree(actor, plan_id)
    form = NewTemplateTextForm(request.POST or None, initial={"content": plan_as_template(plan)})
    if request.method == "POST" and form.is_valid():
        try:
            row = services.practice_template_save(
                actor=actor,
                text=form.cleaned_data["content"],
                based_on="a client's plan",
                from_plan=plan,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved as a practice template.")
            return redirect("library:detail", key=row.key)
    return render(request, "library/plan_as_template.html", {"form": form, "plan": plan})
