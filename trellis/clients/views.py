"""Client pages: thin — scoped selector, then service, then render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.clients import selectors, services
from trellis.clients.codeset import code_table
from trellis.clients.forms import (
    CareTeamForm,
    ClientForm,
    DiagnosisAddForm,
    DiagnosisEditForm,
    NewClientForm,
)
from trellis.clients.models import ClientStatus, EmergencyContact
from trellis.core.icd10_search import SearchResult
from trellis.core.icd10_search import search as search_codes
from trellis.lookup import get_or_404
from trellis.views import HtmxHttpRequest, add_service_errors, staff_view, submit_edit


@staff_view
def client_list(request: HtmxHttpRequest, actor: Actor) -> HttpResponse:
    # Searches are POSTed so that names never sit in URLs or access logs.
    query = request.POST.get("q", "").strip()[:100] if request.method == "POST" else ""
    status = request.POST.get("status", ClientStatus.ACTIVE)
    if status not in (*ClientStatus.values, ""):
        status = ClientStatus.ACTIVE
    clients = selectors.client_list(actor, query=query, status=status)
    context = {"clients": clients, "query": query, "status": status}
    template = "clients/_client_rows.html" if request.htmx else "clients/client_list.html"
    return render(request, template, context)


@staff_view
def client_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = NewClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client = services.client_create(actor=actor, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{client.display_name} was added.")
            return redirect("pages:client", client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "creating": True})


@staff_view
def client_edit(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    client = selectors.client_get(actor, client_id)
    initial = {"version": client.version}
    form = ClientForm(request.POST or None, instance=client, initial=initial)
    edit = submit_edit(
        request,
        form,
        lambda data, version: services.client_update(
            actor=actor, client=client, data=data, expected_version=version
        ),
    )
    if edit.saved:
        messages.success(request, "The client record was saved.")
        return redirect("pages:client", client_id=client.pk)
    context = {"form": form, "client": client, "stale": edit.stale}
    return render(request, "clients/client_form.html", context, status=edit.status)


@staff_view
def care_team_edit(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    client = selectors.client_detail(actor, client_id)
    colleagues = selectors.assignable_clinicians(actor.user)
    current = [m.user for m in client.team]  # type: ignore[attr-defined]
    primary = next((m.user for m in client.team if m.is_primary), None)  # type: ignore[attr-defined]
    form = CareTeamForm(
        request.POST or None,
        colleagues=colleagues,
        initial={"members": current, "primary": primary},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.client_set_care_team(
                actor=actor,
                client=client,
                members=list(form.cleaned_data["members"]),
                primary=form.cleaned_data["primary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The care team was saved.")
            return redirect("pages:client", client_id=client.pk)
    return render(request, "clients/care_team_form.html", {"form": form, "client": client})


@staff_view
@require_POST
def contact_remove(request: HttpRequest, actor: Actor, contact_id: str) -> HttpResponse:
    scoped = EmergencyContact.objects.select_related("client").filter(
        client__in=selectors.visible_clients(actor.user)
    )
    contact = get_or_404(scoped, contact_id)
    services.emergency_contact_remove(actor=actor, contact=contact)
    messages.success(request, "The emergency contact was removed.")
    return redirect("pages:client", client_id=contact.client_id)


@staff_view
def diagnosis_add(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    client = selectors.client_get(actor, client_id)
    form = DiagnosisAddForm(_with_picked_code(request.POST) if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            diagnosis = services.diagnosis_add(actor=actor, client=client, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{diagnosis.label} was recorded.")
            if request.POST.get("then") == "another":
                return redirect("clients:diagnosis_add", client_id=client.pk)
            return redirect("pages:client", client_id=client.pk)
    context = {"form": form, "client": client, "suggestions": _suggestions(form)}
    return render(request, "clients/diagnosis_form.html", context)


def _with_picked_code(posted: QueryDict) -> QueryDict:
    """Without JavaScript, words typed as the code come back as buttons, one per code."""
    pick = posted.get("pick")
    if not pick:
        return posted
    data = posted.copy()
    data["code"] = pick
    return data


def _suggestions(form: DiagnosisAddForm) -> SearchResult | None:
    """Codes for words typed where a code was expected: the no-JavaScript combobox."""
    typed = form.data.get("code", "") if form.is_bound else ""
    if not form.errors.get("code") or not str(typed).strip():
        return None
    return search_codes(str(typed)[:80], limit=10, table=code_table())


@staff_view
def diagnosis_edit(request: HttpRequest, actor: Actor, diagnosis_id: str) -> HttpResponse:
    diagnosis = selectors.diagnosis_get(actor, diagnosis_id)
    form = DiagnosisEditForm(
        request.POST or None, instance=diagnosis, initial={"version": diagnosis.version}
    )
    edit = submit_edit(
        request,
        form,
        lambda data, version: services.diagnosis_update(
            actor=actor, diagnosis=diagnosis, data=data, expected_version=version
        ),
    )
    if edit.saved:
        messages.success(request, "The diagnosis was saved.")
        return redirect("pages:client", client_id=diagnosis.client_id)
    context = {
        "form": form,
        "client": diagnosis.client,
        "diagnosis": diagnosis,
        "stale": edit.stale,
    }
    return render(request, "clients/diagnosis_form.html", context, status=edit.status)


@staff_view
def icd10_search(request: HtmxHttpRequest, actor: Actor) -> HttpResponse:
    """Code set lookup: no client data here, so a GET query is fine."""
    query = (request.GET.get("q") or request.GET.get("code") or "")[:80]
    result = search_codes(query, limit=25, table=code_table()) if query.strip() else None
    if request.htmx:
        return render(request, "clients/_icd10_options.html", {"result": result})
    matches = result.matches if result else ()
    data = [{"code": c.code, "description": c.description, "billable": c.billable} for c in matches]
    total = result.total if result else 0
    partial = result.partial if result else False
    return JsonResponse({"results": data, "total": total, "partial": partial})
