"""The form for a measure-linked target; choices come from the practice's instruments and
the client's own scores.

The measure chosen decides the rest of the form: the subscale is a list of that
instrument's subscales, and the baseline a list of the client's scores on it. When the
measure changes, the page asks for the form again (htmx) with the new measure, so both
lists follow it; a posted subscale or baseline of another measure is refused by name.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from trellis.core.measures import Instrument
from trellis.core.planning import BASELINE_WINDOW_DAYS
from trellis.forms import DateInput, VersionedForm
from trellis.measures.models import Administration
from trellis.plans.models import TargetKind

CHOOSE = "Choose a measure…"
TOTAL = "Total score"


def instrument_label(instrument: Instrument) -> str:
    """'PHQ-9 — Patient Health Questionnaire-9': the acronym and the name in full."""
    return f"{instrument.id} — {instrument.name}"


class TargetForm(forms.Form):
    instrument_id = forms.ChoiceField(
        label="Measure", error_messages={"required": "Choose the measure the target is on."}
    )
    subscale = forms.ChoiceField(
        label="Score",
        required=False,
        help_text="The total, or one of the measure's subscales (e.g. DASS-21 Depression).",
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
            "invalid_choice": "That score is not one of this client's valid scores on this "
            "measure: choose one from the list, or leave the baseline to the rule."
        },
    )

    def __init__(
        self,
        *args: Any,
        instruments: dict[str, Instrument],
        scores: QuerySet[Administration],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        ordered = sorted(instruments.values(), key=lambda i: i.id)
        cast(forms.ChoiceField, self.fields["instrument_id"]).choices = [("", CHOOSE)] + [
            (i.id, instrument_label(i)) for i in ordered
        ]
        self.instrument = instruments.get(self._chosen_id())
        self._subscale_choices(self.instrument)
        self._baseline_choices(scores, self.instrument)

    def _chosen_id(self) -> str:
        """The measure this form is about: as posted, else as first shown."""
        if self.is_bound:
            return str(self.data.get(self.add_prefix("instrument_id"), "") or "")
        return str(self.initial.get("instrument_id") or "")

    def _subscale_choices(self, instrument: Instrument | None) -> None:
        field = self.fields["subscale"]
        subscales = instrument.subscales if instrument is not None else ()
        field.choices = [("", TOTAL)] + [(s.id, s.name) for s in subscales]  # type: ignore[attr-defined]
        name = instrument.id if instrument is not None else "this measure"
        field.error_messages["invalid_choice"] = (
            f"{name} has no subscale %(value)s: choose the total or one of its subscales."
        )

    def _baseline_choices(
        self, scores: QuerySet[Administration], instrument: Instrument | None
    ) -> None:
        field = self.fields["baseline"]
        shown = scores.none() if instrument is None else scores.filter(instrument_id=instrument.id)
        field.queryset = shown  # type: ignore[attr-defined]
        field.label_from_instance = lambda a: (  # type: ignore[attr-defined]
            f"{a.instrument_id} {a.total_display}{' (total only)' if a.total_only else ''} on "
            f"{timezone.localdate(a.administered_at):%Y-%m-%d}"
        )


class TargetEditForm(TargetForm, VersionedForm):
    pass


def follow_measure(form: TargetForm, url: str) -> None:
    """Show the form again for the newly chosen measure (htmx), keeping what was typed; the
    version and the CSRF token stay out of the query string."""
    fields = ", ".join(f"#target-form [name={name}]" for name in ("kind", "value", "deadline"))
    form.fields["instrument_id"].widget.attrs.update(
        {
            "hx-get": url,
            "hx-trigger": "change",
            "hx-include": f"this, {fields}",
            "hx-select": "#target-form",
            "hx-target": "#target-form",
            "hx-swap": "outerHTML",
        }
    )
