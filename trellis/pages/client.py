"""The client overview: the record with its plans, open critical items and what needs
attention, composed from clients, measures, plans and progress."""

from __future__ import annotations

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.clients import selectors, services
from trellis.clients.forms import EmergencyContactForm
from trellis.clients.models import Client
from trellis.measures.forms import CriticalResponseForm
from trellis.measures.selectors import open_critical_items
from trellis.plans.safety import current_safety_plan, last_review
from trellis.plans.selectors import plans_of_client
from trellis.plans.versions.selectors import grouped_by_plan
from trellis.progress.dashboard import client_signals
from trellis.views import staff_view


def _overview(
    request: HttpRequest, client: Client, contact_form: BaseForm | None = None, status: int = 200
) -> HttpResponse:
    """The page, the same whether shown plainly or again with a contact form's errors."""
    plans = plans_of_client(client)
    safety_plan = current_safety_plan(plans)
    context = {
        "client": client,
        "plan_groups": grouped_by_plan(plans),
        "safety_plan": safety_plan,
        "safety_review": last_review(safety_plan) if safety_plan else None,
        "contact_form": contact_form or EmergencyContactForm(),
        "critical": open_critical_items([client]).get(client.pk, []),
        "signals": client_signals(client),
        "response_form": CriticalResponseForm(),
    }
    return render(request, "clients/client_detail.html", context, status=status)


@staff_view
def client_detail(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    return _overview(request, selectors.client_detail(actor, client_id))


@staff_view
@require_POST
def contact_add(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    client = selectors.client_detail(actor, client_id)
    form = EmergencyContactForm(request.POST)
    if form.is_valid():
        services.emergency_contact_add(actor=actor, client=client, data=form.cleaned_data)
        messages.success(request, "The emergency contact was added.")
        return redirect("pages:client", client_id=client.pk)
    # Shown again with everything the overview carries, the risk banner included.
    return _overview(request, client, form, status=400)
