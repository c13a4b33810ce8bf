"""The caseload dashboard page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from trellis.accounts.permissions import Permission, has
from trellis.audit.actor import Actor
from trellis.audit.services import record_many_views
from trellis.core.progress import CODES, LABELS
from trellis.progress.dashboard import (
    attach_care_teams,
    build,
    clinicians_of,
    filter_rows,
)
from trellis.views import staff_view

PAGE_SIZE = 100


@staff_view
def dashboard(request: HttpRequest, actor: Actor) -> HttpResponse:
    clinicians = clinicians_of(actor.user)
    allowed = {str(u.pk) for u in clinicians}
    chosen = request.GET.get("clinician", "")
    clinician_id = chosen if chosen in allowed else None
    data = build(actor, clinician_id=clinician_id)
    code = request.GET.get("signal", "")
    code = code if code in CODES else ""
    rows = filter_rows(data.rows, code)
    attention = [row for row in rows if any(not s.positive for s in row.signals)]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    record_many_views(actor, [row.client for row in page], object_type="dashboard")
    attach_care_teams(page.object_list)
    context = {
        "data": data,
        "page": page,
        "attention_count": len(attention),
        "signal": code,
        "signal_choices": [(c, LABELS[c], data.counts.get(c, 0)) for c in CODES],
        "clinicians": clinicians,
        "clinician": clinician_id,
        "can_change_settings": has(actor.user, Permission.CHANGE_PRACTICE_SETTINGS),
    }
    return render(request, "progress/dashboard.html", context)
