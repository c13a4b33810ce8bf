"""A practice admin says whose plans need a supervisor's co-signature."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from trellis.accounts.permissions import Permission, require
from trellis.audit.actor import Actor
from trellis.plans.signatures import cosign_requirements_save, practice_staff, requiring_cosign
from trellis.views import staff_view


@staff_view
def cosign_rules(request: HttpRequest, actor: Actor) -> HttpResponse:
    require(actor, Permission.SET_COSIGN_REQUIREMENTS)
    if request.method == "POST":
        cosign_requirements_save(
            actor=actor, requiring=set(request.POST.getlist("requires_cosign"))
        )
        messages.success(request, "Co-signature requirements were saved.")
        return redirect("plans:cosign_rules")
    staff = practice_staff(actor.user.practice_id)
    required = requiring_cosign(staff)
    rows = [(person, person.pk in required, list(person.supervisors.all())) for person in staff]
    return render(request, "plans/cosign_rules.html", {"rows": rows})
