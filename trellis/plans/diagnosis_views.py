"""The diagnosis-removal page action (the rule is ``trellis.plans.diagnoses``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.clients import selectors
from trellis.concurrency import StaleEditError
from trellis.plans import diagnoses
from trellis.views import posted_version, staff_view


@staff_view
@require_POST
def diagnosis_remove(request: HttpRequest, actor: Actor, diagnosis_id: str) -> HttpResponse:
    diagnosis = selectors.diagnosis_get(actor, diagnosis_id)
    try:
        diagnoses.diagnosis_remove(
            actor=actor, diagnosis=diagnosis, expected_version=posted_version(request)
        )
    except StaleEditError as error:
        messages.error(request, str(error))
    except ValidationError as error:  # a signed or kept plan names it
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The diagnosis was removed.")
    return redirect("pages:client", client_id=diagnosis.client_id)
