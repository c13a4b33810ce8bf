"""Form pieces shared by the apps."""

from __future__ import annotations

from django import forms


class VersionedForm(forms.Form):
    """Carries the version of the row the editor started from (optimistic concurrency)."""

    # Not required here: without it the service refuses the edit and the page answers 400.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)  # type: ignore[arg-type]


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})
