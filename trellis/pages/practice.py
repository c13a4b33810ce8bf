"""The practice admin's one settings page: the practice's own rules, and a link to every
other practice-wide setting (co-signatures, instruments, templates, the access log)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from trellis.accounts.forms import PracticeSettingsForm
from trellis.accounts.models import PracticeSettings
from trellis.accounts.permissions import Permission, require
from trellis.accounts.services import practice_settings_save
from trellis.audit.actor import Actor
from trellis.progress.dashboard import dashboard_settings
from trellis.views import add_service_errors, staff_view


@staff_view
def practice_settings(request: HttpRequest, actor: Actor) -> HttpResponse:
    require(actor, Permission.CHANGE_PRACTICE_SETTINGS)
    practice_id = actor.practice_id
    row = PracticeSettings.objects.filter(practice_id=practice_id).first()
    rules = dashboard_settings(practice_id)
    practice = actor.user.practice  # there is one: actor.practice_id refused otherwise
    initial = {
        "review_warning_days": rules.review_warning_days,
        "no_improvement_weeks": rules.no_improvement_weeks,
        "no_session_weeks": rules.no_session_weeks,
        "address": practice.address if practice else "",
        "phone": practice.phone if practice else "",
    }
    form = PracticeSettingsForm(request.POST or None, instance=row, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            practice_settings_save(actor=actor, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The practice settings were saved.")
            return redirect("pages:practice_settings")
    return render(request, "practice/settings.html", {"form": form})
