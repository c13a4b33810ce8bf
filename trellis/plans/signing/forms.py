"""The form for signing a version of a plan."""

from __future__ import annotations

from django import forms

from trellis.plans.models import SignatureRole


class SignForm(forms.Form):
    role = forms.ChoiceField(choices=SignatureRole.choices, widget=forms.HiddenInput)
    content_hash = forms.CharField(max_length=64, widget=forms.HiddenInput)
    signed_name = forms.CharField(
        label="Client's full name, typed by the client", max_length=200, required=False
    )
    in_person = forms.BooleanField(label="The client signed on this screen", required=False)
    attest = forms.BooleanField(required=False)
    password = forms.CharField(
        label="Your password", required=False, strip=False, widget=forms.PasswordInput
    )
