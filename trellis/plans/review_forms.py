"""Forms for reviewing a plan and for signing a version of it."""

from __future__ import annotations

from django import forms

from trellis.forms import DateInput, textarea
from trellis.plans.models import ReviewDecision, SignatureRole


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="Reviewed on", widget=DateInput())
    summary = forms.CharField(
        label="Progress since the last review",
        required=False,
        widget=textarea(8),
        help_text="Started from the evidence above; say what it means for this client.",
    )
    decision = forms.ChoiceField(
        choices=ReviewDecision.choices, widget=forms.RadioSelect, label="Decision"
    )
    what_changed = forms.CharField(
        label="What changes, and why", required=False, widget=textarea(3)
    )
    next_review_date = forms.DateField(
        label="Next review",
        required=False,
        widget=DateInput(),
        help_text="Continue, step up or down, transfer: the plan's next review date. "
        "Revise: the new version's review date. Not used on discharge.",
    )


class SignForm(forms.Form):
    role = forms.ChoiceField(choices=SignatureRole.choices, widget=forms.HiddenInput)
    content_hash = forms.CharField(max_length=64, widget=forms.HiddenInput)
    signed_name = forms.CharField(
        label="Client's full name, typed by the client", max_length=200, required=False
    )
    in_person = forms.BooleanField(label="The client signed on this screen", required=False)
