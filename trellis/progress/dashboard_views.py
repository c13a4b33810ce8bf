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
    SORTS,
    attach_care_teams,
    build,
    caseload,
    clinicians_of,
    filter_rows,
    search_rows,
    sort_rows,
)
from trellis.progress.todos import todos_for
from trellis.views import staff_view

PAGE_SIZE = 100


@staff_view
def dashboard(request: HttpRequest, actor: Actor) -> HttpResponse:
    # A search is POSTed (names never sit in URLs); the other choices may come either way.
    asked = request.POST if request.method == "POST" else request.GET
    query = request.POST.get("q", "").strip()[:100] if request.method == "POST" else ""
    clinicians = clinicians_of(actor.user)
    allowed = {str(u.pk) for u in clinicians}
    chosen = asked.get("clinician", "")
    clinician_id = chosen if chosen in allowed else None
    data = build(actor, clinician_id=clinician_id)
    code = asked.get("signal", "")
    code = code if code in CODES else ""
    sort = asked.get("sort", "urgency")
    sort = sort if sort in SORTS else "urgency"
    rows = sort_rows(search_rows(filter_rows(data.rows, code), query), sort)
    attention = [row for row in rows if any(not s.positive for s in row.signals)]
    page = Paginator(rows, PAGE_SIZE).get_page(asked.get("page"))
    todos = todos_for(
        actor.user,
        caseload(actor.user, clinician_id=clinician_id).values("pk"),
        [(row.client, row.plan) for row in data.rows if row.plan],
    )
    shown = {row.client.pk: row.client for row in page}
    for item in (
        *todos.unsigned_notes.items,
        *todos.awaiting_signatures.items,
        *todos.drafts.items,
    ):
        shown.setdefault(item.client.pk, item.client)
    record_many_views(actor, shown.values(), object_type="dashboard")
    attach_care_teams(page.object_list)
    context = {
        "data": data,
        "page": page,
        "attention_count": len(attention),
        "signal": code,
        "query": query,
        "sort": sort,
        "sorts": SORTS.items(),
        "todos": todos,
        "signal_choices": [(c, LABELS[c], data.counts.get(c, 0)) for c in CODES],
        "clinicians": clinicians,
        "clinician": clinician_id,
        "can_change_settings": has(actor.user, Permission.CHANGE_PRACTICE_SETTINGS),
    }
    return render(request, "progress/dashboard.html", context)
