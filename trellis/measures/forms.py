"""Forms generated from an instrument's definition: one radio group per item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from trellis.core.measures import AnswerError, Instrument, critical_answers
from trellis.forms import textarea
from trellis.measures.models import AdministrationMode, CriticalAction


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def item_field_name(number: int) -> str:
    return f"item_{number}"


class AdministerForm(forms.Form):
    """Answers are optional field by field only where the manual allows prorating; scoring
    (in the service) is what finally accepts or refuses the whole set."""

    administered_at = forms.DateTimeField(
        label="Given on", widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    mode = forms.ChoiceField(
        label="How", choices=AdministrationMode.choices, initial=AdministrationMode.IN_SESSION
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=textarea(2))

    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault(
            "administered_at", timezone.localtime().replace(second=0, microsecond=0)
        )
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        # Blank items reach the service where the manual allows prorating, and wherever
        # a critical item exists: a positive risk answer is kept even if others are blank.
        may_skip = instrument.missing.kind != "reject" or bool(instrument.critical)
        for item in instrument.items:
            self.fields[item_field_name(item.number)] = forms.TypedChoiceField(
                label=f"{item.number}. {item.text}",
                choices=[(str(o.value), o.text) for o in item.options],
                coerce=int,
                empty_value=None,
                required=not may_skip and item.asked_if is None,
                widget=forms.RadioSelect,
                error_messages={"required": f"Item {item.number} needs an answer."},
            )

    def clean(self) -> dict[str, Any]:
        """Name each blank item, as a required field would, unless a positive critical
        answer is among those given: then the service keeps it without a total."""
        data = super().clean()
        if self.instrument.missing.kind != "reject" or not self.instrument.critical:
            return data
        answers = self.answers()
        try:
            critical = critical_answers(self.instrument, answers)
        except AnswerError:
            critical = ()
        if not critical:
            for item in self.instrument.items:
                if item.asked_if is None and answers[item.number - 1] is None:
                    name = item_field_name(item.number)
                    if name not in self.errors:
                        self.add_error(name, f"Item {item.number} needs an answer.")
        return data

    def item_fields(self) -> list[forms.BoundField]:
        return [self[item_field_name(item.number)] for item in self.instrument.items]

    def answers(self) -> list[int | None]:
        data = self.cleaned_data
        return [data.get(item_field_name(item.number)) for item in self.instrument.items]


class CriticalResponseForm(forms.Form):
    action = forms.ChoiceField(label="What was done", choices=CriticalAction.choices)
    note = forms.CharField(label="Note", widget=textarea(3), max_length=5000)


class VoidForm(forms.Form):
    reason = forms.CharField(label="Why it was entered in error", max_length=300)


class InstrumentUploadForm(forms.Form):
    file = forms.FileField(
        label="Instrument file",
        help_text="A Trellis instrument file (.yaml) or a FHIR R4 Questionnaire (.json) whose "
        "answer options carry scores (itemWeight or ordinalValue).",
    )

    MAX_BYTES = 512 * 1024
    source = ""

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 512 KB.")
        try:
            self.source = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(f"{upload.name}: is not UTF-8 text.") from None
        return upload
