from __future__ import annotations

from django import forms

from trellis.core.library import AGE_GROUPS, MODALITIES, MODALITY_LABELS
from trellis.forms import DateInput, VersionedForm

AGE_LABELS = {
    "child": "Child",
    "adolescent": "Adolescent",
    "adult": "Adult",
    "older_adult": "Older adult",
    "all": "Any age",
}


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    icd10 = forms.CharField(label="ICD-10-CM code", required=False, max_length=10)
    modality = forms.ChoiceField(
        required=False,
        choices=[("", "Any modality"), *[(m, MODALITY_LABELS[m]) for m in MODALITIES]],
    )
    age_group = forms.ChoiceField(
        label="Age group",
        required=False,
        choices=[("", "Any age group"), *[(a, AGE_LABELS.get(a, a)) for a in AGE_GROUPS]],
    )


class ApplyForm(forms.Form):
    title = forms.CharField(max_length=200)
    start_date = forms.DateField(widget=DateInput())


class TemplateTextForm(VersionedForm):
    content = forms.CharField(
        label="Template",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true", "class": "code"}),
        help_text="The format of trellis/data/templates/README.md. An error names the field.",
    )


class NewTemplateTextForm(forms.Form):
    content = forms.CharField(
        label="Template",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true", "class": "code"}),
        help_text="Read every line: remove anything that could identify the client.",
    )
