"""The access log page: practice admins read who did what, and the read is logged too."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from trellis.accounts.models import User
from trellis.accounts.permissions import Permission, require
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.selectors import filtered_events
from trellis.audit.services import record
from trellis.forms import DateInput
from trellis.views import staff_view


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label="Who")
    client = forms.UUIDField(required=False, label="Client id")
    action = forms.ChoiceField(choices=[("", "Any"), *AuditAction.choices], required=False)
    since = forms.DateField(required=False, widget=DateInput(), label="From")
    until = forms.DateField(required=False, widget=DateInput(), label="To")


@staff_view
def audit_log(request: HttpRequest, actor: Actor) -> HttpResponse:
    require(actor, Permission.READ_ACCESS_LOG)
    form = AuditFilterForm(request.GET or None)
    form.fields["actor"].queryset = User.objects.filter(  # type: ignore[attr-defined]
        practice_id=actor.practice_id
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(filtered_events(actor.user, filters), 100).get_page(request.GET.get("page"))
    # Reading the access log is itself an access: the practice's log shows who looked.
    used = sorted(name for name, value in filters.items() if value not in (None, ""))
    record(
        actor,
        AuditAction.VIEW,
        object_type="auditlog",
        detail={"filters": used, "page": page.number},
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "audit/audit_log.html", context)
