"""The caseload dashboard page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from trellis.accounts.models import Role
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record, record_many_views
from trellis.core.progress import CODES, LABELS
from trellis.progress.dashboard import (
    attach_care_teams,
    build,
    clinicians_of,
    dashboard_settings,
    filter_rows,
)
from trellis.progress.models import CaseloadSettings
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
    attention = [row for row in rows if row.signals]
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
        "is_admin": actor.user.role == Role.ADMIN,
    }
    return render(request, "progress/dashboard.html", context)


class CaseloadSettingsForm(forms.ModelForm):
    class Meta:
        model = CaseloadSettings
        fields = (
            "review_warning_days",
            "no_improvement_weeks",
            "no_session_weeks",
            "plan_review_days",
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for name in ("no_improvement_weeks", "no_session_weeks"):
            if data.get(name) is not None and data[name] < 1:
                self.add_error(name, "At least 1 week.")
        return data


@staff_view
def caseload_settings(request: HttpRequest, actor: Actor) -> HttpResponse:
    """A practice admin sets the thresholds behind the dashboard's signals."""
    if actor.user.role != Role.ADMIN:
        raise PermissionDenied("Only a practice admin changes the caseload thresholds.")
    rules = dashboard_settings(actor.user.practice_id)
    row = CaseloadSettings.objects.filter(practice_id=actor.user.practice_id).first()
    initial = {
        "review_warning_days": rules.review_warning_days,
        "no_improvement_weeks": rules.no_improvement_weeks,
        "no_session_weeks": rules.no_session_weeks,
    }
    form = CaseloadSettingsForm(request.POST or None, instance=row, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.practice_id = actor.user.practice_id
            saved.updated_at = timezone.now()
            saved.save()
            record(
                actor, AuditAction.UPDATE, obj=saved, detail={"fields": sorted(form.changed_data)}
            )
        messages.success(request, "The caseload thresholds were saved.")
        return redirect("dashboard")
    return render(request, "progress/caseload_settings.html", {"form": form})
