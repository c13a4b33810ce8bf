"""The form for recording a review of a plan."""

from __future__ import annotations

from django import forms

from trellis.forms import DateInput, textarea
from trellis.plans.models import ReviewDecision


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="Reviewed on", widget=DateInput())
    summary = forms.CharField(
        label="Progress since the last review",
        required=False,
        widget=textarea(8),
        help_text="Started from the evidence above; say what it means for this client.",
    )
    client_participated = forms.TypedChoiceField(
        label="Did the client take part in this review?",
        choices=[("yes", "Yes, the client took part"), ("no", "No, reviewed without the client")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
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
