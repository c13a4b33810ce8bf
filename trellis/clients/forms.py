from __future__ import annotations

import re
from typing import Any

from django import forms

from trellis.accounts.models import User
from trellis.clients.models import (
    Client,
    Diagnosis,
    DiagnosisStatus,
    EmergencyContact,
    SexAtBirth,
)
from trellis.clients.services import CLIENT_FIELDS
from trellis.forms import DateInput, textarea


class ClientForm(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm[...] fails at run time
    """The client record. Required fields carry ``required`` and ``aria-required`` and
    their labels the ``required`` class (an asterisk; the form's legend says what it means)."""

    required_css_class = "required"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    sex_at_birth = forms.ChoiceField(
        label="Sex assigned at birth",
        choices=SexAtBirth.choices,
        required=False,
        initial=SexAtBirth.UNKNOWN,
        help_text="Optional. Only used where a screen's published cut-off differs by sex "
        "(AUDIT-C, AUDIT); when unknown, both cut-offs are shown and the score says so.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required and not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs["aria-required"] = "true"

    # A choice left empty stores its "not recorded" value, as the API's default does.
    UNRECORDED = {
        "education": "unknown",
        "relationship_status": "unknown",
        "suicidal_ideation": "not_assessed",
        "homicidal_ideation": "not_assessed",
        "self_harm_history": "not_assessed",
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, unrecorded in self.UNRECORDED.items():
            if name in cleaned and not cleaned[name]:
                cleaned[name] = unrecorded
        return cleaned

    def clean_sex_at_birth(self) -> str:
        """Left blank means not recorded, which is what "unknown" stores."""
        return self.cleaned_data.get("sex_at_birth") or SexAtBirth.UNKNOWN

    class Meta:
        model = Client
        fields: tuple[str, ...] = CLIENT_FIELDS
        widgets = {
            "date_of_birth": DateInput(),
            "first_session_date": DateInput(),
            "address": textarea(2),
            "current_medications": textarea(3),
            "family_psychiatric_history": textarea(),
            "risk_notes": textarea(3),
            "presenting_problem": textarea(4),
            "psychosocial_history": textarea(),
            "medical_history": textarea(),
            "substance_use_history": textarea(),
            "treatment_history": textarea(),
            "strengths": textarea(),
            "barriers": textarea(),
            "cultural_considerations": textarea(),
            "religious_considerations": textarea(),
        }
        help_texts = {
            "presenting_problem": "In the client's words where possible: what brings them now.",
            "cultural_considerations": "Identity, values, community and language needs that "
            "should shape care.",
            "family_psychiatric_history": "Mental illness, substance use or suicide in blood "
            "relatives, and who.",
            "suicidal_ideation": "As asked and answered at intake. A positive answer is "
            "shown at the top of the client's page; follow your practice's risk protocol.",
            "homicidal_ideation": "Thoughts of seriously harming someone else, at intake.",
            "risk_notes": "What was asked, what was said, protective factors, and what was "
            "done (e.g. safety plan started, supervisor consulted).",
        }


class NewClientForm(ClientForm):
    class Meta(ClientForm.Meta):
        fields = tuple(name for name in CLIENT_FIELDS if name != "status")


class CareTeamForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    primary = forms.ModelChoiceField(queryset=User.objects.none(), required=False)

    def __init__(self, *args: object, colleagues: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["members"].queryset = colleagues  # type: ignore[attr-defined]
        self.fields["primary"].queryset = colleagues  # type: ignore[attr-defined]


class EmergencyContactForm(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm[...] fails at run time
    class Meta:
        model = EmergencyContact
        fields = ("name", "relationship", "phone", "email", "may_discuss_care")


ONSET_HELP = (
    "As precisely as known: a date (2021-03-14), a month (March 2021), a year (2019 or "
    "about 2019) or words (childhood, after the accident)."
)


def onset_field() -> forms.CharField:
    return forms.CharField(label="Onset", required=False, max_length=100, help_text=ONSET_HELP)


class DiagnosisAddForm(forms.Form):
    code = forms.CharField(
        label="Diagnosis",
        max_length=300,
        help_text="Type a code or words (F41.1, 'generalized anxiety', 'worry') and pick one.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    status = forms.ChoiceField(choices=DiagnosisStatus.choices, initial=DiagnosisStatus.ACTIVE)
    is_primary = forms.BooleanField(required=False, label="Primary diagnosis")
    onset = onset_field()
    notes = forms.CharField(required=False, widget=textarea(2))

    def clean_code(self) -> str:
        # Accept "F41.1 Generalized anxiety disorder" picked from the list.
        typed: str = self.cleaned_data["code"].strip()
        code = typed.split(" ")[0].upper()
        if not _LOOKS_LIKE_A_CODE.match(code):
            raise forms.ValidationError(
                f"“{typed}” is not a code: pick one from the list, or type a code such as F41.1."
            )
        return code


# A letter then a digit (F41.1, Z63.0): anything else was typed as words.
_LOOKS_LIKE_A_CODE = re.compile(r"[A-Z][0-9]")


class DiagnosisEditForm(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm[...] fails at run time
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    onset = onset_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and "onset" not in self.initial:
            self.initial["onset"] = self.instance.onset_text

    class Meta:
        model = Diagnosis
        fields = ("status", "is_primary", "onset", "notes")
        widgets = {"notes": textarea(2)}
