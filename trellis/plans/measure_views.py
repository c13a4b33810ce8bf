"""The measures page and the measure schedule: a client's scores judged within their plans.

The page composes measures (scores, critical items, the instruments to give) with the
plan (targets, episodes, schedule), so it lives here, above both.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.clients.selectors import client_get, visible_clients
from trellis.lookup import get_or_404
from trellis.measures import services
from trellis.measures.forms import CriticalResponseForm
from trellis.measures.models import MeasureSchedule
from trellis.measures.registry import instrument_get, instruments_for
from trellis.measures.selectors import open_critical_items
from trellis.plans import measure_history
from trellis.plans.measure_charts import instrument_charts
from trellis.plans.paired import paired_course
from trellis.plans.selectors import plan_get
from trellis.views import staff_view


def _measures_url(client_id: object) -> str:
    return reverse("plans:measures", kwargs={"client_id": client_id})


@staff_view
def client_measures(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    client = client_get(actor, client_id)
    histories = measure_history.measure_histories(actor, client)
    plan, schedule = measure_history.schedule_of(client, histories)
    targets = measure_history.plan_target_views(plan, histories)
    instruments = sorted(instruments_for(client.practice_id).values(), key=lambda i: i.id)
    context = {
        "plan": plan,
        "schedule": schedule,
        "client": client,
        "charts": instrument_charts(
            histories, targets, plan_start=plan.start_date if plan is not None else None
        ),
        "paired": paired_course(histories),
        "critical": open_critical_items([client]).get(client.pk, []),
        "response_form": CriticalResponseForm(),
        "instruments": instruments,
        "names": {i.id: i.name for i in instruments},
    }
    return render(request, "measures/client_measures.html", context)


@require_POST
@staff_view
def schedule_set(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = plan_get(actor, plan_id)
    raw = request.POST.get("every_weeks", "")
    try:
        instrument = instrument_get(plan.client.practice_id, request.POST.get("instrument", ""))
        services.schedule_set(
            actor=actor,
            plan=plan,
            instrument=instrument,
            every_weeks=int(raw) if raw.isdigit() else 0,
        )
    except Http404:
        messages.error(request, "Choose one of the practice's instruments.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{instrument.id} is now due every {raw} weeks.")
    return redirect(_measures_url(plan.client_id))


@require_POST
@staff_view
def schedule_remove(request: HttpRequest, actor: Actor, schedule_id: str) -> HttpResponse:
    rows = MeasureSchedule.objects.select_related("plan__client").filter(
        plan__client__in=visible_clients(actor.user)
    )
    row = get_or_404(rows, schedule_id)
    services.schedule_remove(actor=actor, row=row)
    messages.success(request, f"{row.instrument_id} is no longer scheduled.")
    return redirect(_measures_url(row.plan.client_id))
