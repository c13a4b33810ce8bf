"""The practice admin's view of the background jobs: what failed and why, what waits for
another attempt, and whether a worker is running at all."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trellis.accounts.permissions import Permission, require
from trellis.audit.actor import Actor
from trellis.jobs.selectors import jobs_overview
from trellis.jobs.services import retry_now
from trellis.views import staff_view


@staff_view
def jobs(request: HttpRequest, actor: Actor) -> HttpResponse:
    require(actor, Permission.MANAGE_JOBS)
    overview = jobs_overview(actor.user.practice_id)
    return render(request, "practice/jobs.html", {"overview": overview})


@require_POST
@staff_view
def job_retry(request: HttpRequest, actor: Actor, job_id: str) -> HttpResponse:
    require(actor, Permission.MANAGE_JOBS)
    try:
        retry_now(actor.user.practice_id, str(job_id))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The job will be tried again within a minute.")
    return redirect("pages:jobs")
