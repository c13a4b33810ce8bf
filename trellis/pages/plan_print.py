"""The printed plan: the plan with its measure charts, the goals' progress ratings, the
practice's details and the electronic signatures; the client's name, date of birth and
the page number repeat on every printed page (``running_header``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.pages.print_charts import plan_measure_charts, plan_ratings_chart
from trellis.pages.running_header import client_line, css_string
from trellis.plans import selectors
from trellis.plans.safety import last_review
from trellis.plans.signing.selectors import signature_state
from trellis.plans.views import _client_diagnoses
from trellis.views import staff_view


@staff_view
def plan_print(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id, action=AuditAction.PRINT)
    measure_charts = plan_measure_charts(plan)
    context = {
        "plan": plan,
        "client": plan.client,
        "diagnoses": list(_client_diagnoses(plan).filter(status="active")),
        "team": list(plan.client.team_members.select_related("user")),
        "measure_charts": measure_charts,
        "ratings": plan_ratings_chart(plan),
        "signatures": signature_state(plan),
        "running_client": client_line(
            f"{plan.client.first_name} {plan.client.last_name}", plan.client.date_of_birth
        ),
        "running_practice": css_string(plan.client.practice.name),
        "safety_review": last_review(plan),
    }
    return render(request, "plans/plan_print.html", context)
