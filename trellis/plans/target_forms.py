"""The form for a measure-linked target; choices come from the practice's instruments and
the client's own scores."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from trellis.core.measures import Instrument
from trellis.core.planning import BASELINE_WINDOW_DAYS
from trellis.forms import DateInput, VersionedForm
from trellis.measures.models import Administration
from trellis.plans.models import TargetKind


class TargetForm(forms.Form):
    instrument_id = forms.ChoiceField(label="Measure")
    subscale = forms.CharField(
        label="Subscale (optional)",
        required=False,
        max_length=60,
        help_text="For instruments with subscales, e.g. DASS-21 'depression'.",
    )
    kind = forms.ChoiceField(label="Target", choices=TargetKind.choices)
    value = forms.FloatField(
        label="Score, points or percent",
        required=False,
        help_text="The score to reach, or how many points / what percent down. "
        "Not used for reliable improvement or recovery.",
    )
    deadline = forms.DateField(label="Deadline", required=False, widget=DateInput())
    baseline = forms.ModelChoiceField(
        label="Baseline",
        queryset=Administration.objects.none(),
        required=False,
        empty_label=f"The rule: the latest score within {BASELINE_WINDOW_DAYS} days before "
        "the plan's start, else the first after it",
        help_text="Or choose one of this client's scores on the target's measure.",
        error_messages={
            "invalid_choice": "That score is not one of this client's valid scores: choose "
            "one from the list, or leave the baseline to the rule."
        },
    )

    def __init__(
        self,
        *args: Any,
        instruments: dict[str, Instrument],
        scores: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument_id"].choices = [
            (i.id, f"{i.id} — {i.name}") for i in sorted(instruments.values(), key=lambda i: i.id)
        ]
        baseline = self.fields["baseline"]
        baseline.queryset = scores  # type: ignore[attr-defined]
        baseline.label_from_instance = lambda a: (  # type: ignore[attr-defined]
            f"{a.instrument_id} {a.total_display} on "
            f"{timezone.localdate(a.administered_at):%Y-%m-%d}"
        )


class TargetEditForm(TargetForm, VersionedForm):
    pass
