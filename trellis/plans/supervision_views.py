"""A practice admin says whose plans need a supervisor's co-signature."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from trellis.accounts.models import Role, User
from trellis.audit.actor import Actor
from trellis.plans.models import SupervisionRequirement
from trellis.plans.signatures import cosign_requirement_set
from trellis.views import staff_view


@staff_view
def cosign_rules(request: HttpRequest, actor: Actor) -> HttpResponse:
    if actor.user.role != Role.ADMIN:
        raise PermissionDenied("Only a practice admin sets co-signature requirements.")
    staff = list(
        User.objects.filter(practice_id=actor.user.practice_id, is_active=True)
        .exclude(role=Role.ADMIN)
        .prefetch_related("supervisors")
        .order_by("full_name")
    )
    required = set(
        SupervisionRequirement.objects.filter(
            clinician__in=staff, requires_cosign=True
        ).values_list("clinician_id", flat=True)
    )
    if request.method == "POST":
        wanted = set(request.POST.getlist("requires_cosign"))
        with transaction.atomic():
            for person in staff:
                now = str(person.pk) in wanted
                if now != (person.pk in required):
                    cosign_requirement_set(actor=actor, clinician=person, requires_cosign=now)
        messages.success(request, "Co-signature requirements were saved.")
        return redirect("plans:cosign_rules")
    rows = [(person, person.pk in required, list(person.supervisors.all())) for person in staff]
    return render(request, "plans/cosign_rules.html", {"rows": rows})
