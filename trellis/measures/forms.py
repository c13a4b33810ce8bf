"""Forms generated from an instrument's definition: one radio group per item."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from trellis.core.measures import AnswerError, Instrument, critical_answers
from trellis.forms import DateInput, textarea
from trellis.measures.models import AdministrationMode, CriticalAction


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def item_field_name(number: int) -> str:
    return f"item_{number}"


def unscored_field_name(question_id: str) -> str:
    return f"unscored_{question_id}"


def start_of_day(day: date) -> datetime:
    """A paper form's day as the moment it is stored at: the hour it was filled in is not
    known, so midnight local time, which keeps the day the same in every view."""
    return timezone.make_aware(datetime.combine(day, time(0, 0)))


def filled_on_field() -> forms.DateField:
    return forms.DateField(
        label="Day it was filled in",
        widget=DateInput(),
        help_text="The date on the paper form (the time is not asked).",
        error_messages={"required": "Give the day the form was filled in."},
    )


class AdministerForm(forms.Form):
    """Answers are optional field by field only where the manual allows prorating; scoring
    (in the service) is what finally accepts or refuses the whole set.

    In session it asks the date and time; for a paper form, only the day it was filled in.
    """

    administered_at = forms.DateTimeField(
        label="Given on", widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    mode = forms.ChoiceField(
        label="How", choices=AdministrationMode.choices, initial=AdministrationMode.IN_SESSION
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=textarea(2))

    def __init__(
        self, instrument: Instrument, *args: Any, paper: bool = False, **kwargs: Any
    ) -> None:
        if not paper:
            kwargs.setdefault("initial", {}).setdefault(
                "administered_at", timezone.localtime().replace(second=0, microsecond=0)
            )
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.paper = paper
        if paper:
            del self.fields["administered_at"], self.fields["mode"]
            self.fields["filled_on"] = filled_on_field()
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
        for question in instrument.unscored:
            self.fields[unscored_field_name(question.id)] = forms.TypedChoiceField(
                label=question.text,
                choices=[(str(o.value), o.text) for o in question.options],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def clean(self) -> dict[str, Any] | None:
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

    def unscored_fields(self) -> list[forms.BoundField]:
        return [self[unscored_field_name(q.id)] for q in self.instrument.unscored]

    def answers(self) -> list[int | None]:
        data = self.cleaned_data
        return [data.get(item_field_name(item.number)) for item in self.instrument.items]

    def unscored_answers(self) -> dict[str, int]:
        """The answers to the questions outside the score, leaving out those not answered."""
        data = self.cleaned_data
        found = {q.id: data.get(unscored_field_name(q.id)) for q in self.instrument.unscored}
        return {key: value for key, value in found.items() if value is not None}

    def given_at(self) -> datetime:
        if self.paper:
            return start_of_day(self.cleaned_data["filled_on"])
        administered: datetime = self.cleaned_data["administered_at"]
        return administered

    def given_mode(self) -> str:
        return AdministrationMode.PAPER if self.paper else self.cleaned_data["mode"]


class TotalOnlyForm(forms.Form):
    """A historical total whose answers are not known: the day, the total, the source."""

    filled_on = forms.DateField(
        label="Day of the score",
        widget=DateInput(),
        error_messages={"required": "Give the day the score was obtained."},
    )
    total = forms.FloatField(
        label="Total score", error_messages={"required": "Give the total score."}
    )
    notes = forms.CharField(
        label="Where the score comes from",
        widget=textarea(2),
        max_length=5000,
        help_text="e.g. the referral letter of 3 March, or the previous clinic's record.",
        error_messages={"required": "Say where the score comes from."},
    )

    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        low, high = f"{instrument.min_score:g}", f"{instrument.max_score:g}"
        total = self.fields["total"]
        total.help_text = f"The {instrument.id} runs from {low} to {high}."
        total.widget.attrs.update({"min": low, "max": high, "step": "any"})


class CriticalResponseForm(forms.Form):
    actions = forms.MultipleChoiceField(
        label="What was done (tick all that apply)",
        choices=CriticalAction.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one thing that was done."},
    )
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
