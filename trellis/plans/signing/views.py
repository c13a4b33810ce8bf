"""Pages for signing a version of a plan, and for the practice admin's co-signature rules.
Thin: access helper, service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from trellis.accounts.permissions import Permission, require
from trellis.audit.actor import Actor
from trellis.plans import selectors
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.forms import SignForm
from trellis.plans.signing.selectors import (
    practice_staff,
    requiring_cosign,
    roles_open_to,
    signature_state,
)
from trellis.plans.signing.services import cosign_requirements_save, plan_sign
from trellis.views import add_service_errors, staff_view


@staff_view
def sign(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    digest = plan_hash(plan)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_sign(
                actor=actor,
                plan=plan,
                role=data["role"],
                expected_hash=data["content_hash"],
                password=data.get("password") or "",
                attested=bool(data.get("attest")),
                signed_name=data.get("signed_name") or "",
                in_person=bool(data.get("in_person")),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Signed. This version can no longer be changed.")
            return redirect("plans:sign", plan_id=plan.pk)
    selectors.attach_target_views(plan)
    state = signature_state(plan)
    context = {
        "plan": plan,
        "client": plan.client,
        "form": form,
        "content_hash": digest,
        "signatures": state,
        "roles": roles_open_to(actor.user, plan, state),
        "posted_role": form.data.get("role") if form.is_bound else None,
    }
    return render(request, "plans/sign_form.html", context, status=422 if form.errors else 200)


@staff_view
def cosign_rules(request: HttpRequest, actor: Actor) -> HttpResponse:
    require(actor, Permission.SET_COSIGN_REQUIREMENTS)
    if request.method == "POST":
        cosign_requirements_save(
            actor=actor, requiring=set(request.POST.getlist("requires_cosign"))
        )
        messages.success(request, "Co-signature requirements were saved.")
        return redirect("plans:cosign_rules")
    staff = practice_staff(actor.practice_id)
    required = requiring_cosign(staff)
    rows = [(person, person.pk in required, list(person.supervisors.all())) for person in staff]
    return render(request, "plans/cosign_rules.html", {"rows": rows})
