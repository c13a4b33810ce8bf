from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.db.models import QuerySet

from trellis.clients.models import Diagnosis
from trellis.forms import DateInput, textarea
from trellis.plans.items import ItemKind
from trellis.plans.models import MeansAccess, TreatmentPlan

SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "overview": (
        "Overview",
        ("title", "start_date", "review_date", "expected_sessions", "session_frequency"),
    ),
    "supports": (
        "Strengths, barriers and supports",
        ("strengths", "barriers", "family_involvement", "referrals"),
    ),
    "safety": (
        "Crisis and safety plan",
        (
            "warning_signs",
            "coping_strategies",
            "distraction_people_places",
            "support_contacts",
            "professional_contacts",
            "crisis_lines",
            "firearms_access",
            "firearms_plan",
            "medication_access",
            "medication_plan",
            "environment_safety",
            "reasons_for_living",
        ),
    ),
}

PLAN_LABELS = {
    "family_involvement": "Family and social support involvement",
    "referrals": "Referrals and collaborative care",
    "warning_signs": "Warning signs that a crisis may be building",
    "coping_strategies": "Things I can do on my own to cope",
    "distraction_people_places": "People and places that help take my mind off things",
    "support_contacts": "People I can ask for help",
    "professional_contacts": "Professionals and agencies I can contact",
    "crisis_lines": "Crisis lines (e.g. call or text 988 in the U.S.)",
    "environment_safety": "Other means, and making my surroundings safer",
    "firearms_access": "Can the client get to a firearm?",
    "firearms_plan": "Firearms: the plan (stored locked, away or with someone else)",
    "medication_access": "Can the client get to medication in dangerous amounts?",
    "medication_plan": "Medication: the plan (limited supply, held by someone else)",
    "reasons_for_living": "What matters most to me and is worth living for",
    "expected_sessions": "Expected number of sessions",
}


def plan_field(name: str) -> models.Field[Any, Any]:
    """A column of the plan by name (a reverse relation is no column: TypeError)."""
    field = TreatmentPlan._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{name} is not a column of a treatment plan")
    return field


# Plan fields answered from a short list (a select, not a text box).
CHOICE_FIELDS = frozenset({"firearms_access", "medication_access"})

ITEM_WIDGETS = {
    "behavioral_definition": textarea(3),
    "statement": textarea(2),
    "description": textarea(2),
    "target_date": DateInput(),
}


def plan_section_form(section: str) -> type[forms.ModelForm[TreatmentPlan]]:
    fields = SECTIONS[section][1]
    widgets: dict[str, forms.Widget] = {
        name: (DateInput() if name.endswith("_date") else textarea(3))
        for name in fields
        if name not in {"title", "expected_sessions", "session_frequency", *CHOICE_FIELDS}
    }
    attrs: dict[str, forms.Field] = {
        "fingerprint": forms.CharField(widget=forms.HiddenInput, required=False)
    }
    for name in CHOICE_FIELDS & set(fields):
        attrs[name] = forms.ChoiceField(
            label=PLAN_LABELS[name],
            choices=[("", "Not asked yet"), *MeansAccess.choices],
            required=False,
        )
    meta = type(
        "Meta",
        (),
        {"model": TreatmentPlan, "fields": fields, "widgets": widgets, "labels": PLAN_LABELS},
    )
    form = type(f"{section.title()}Form", (forms.ModelForm,), {"Meta": meta, **attrs})
    return cast("type[forms.ModelForm[TreatmentPlan]]", form)


class NewPlanForm(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm[...] fails at run time
    class Meta:
        model = TreatmentPlan
        fields = ("title", "start_date", "review_date", "expected_sessions", "session_frequency")
        widgets = {"start_date": DateInput(), "review_date": DateInput()}
        labels = PLAN_LABELS
        help_texts = {"review_date": "Leave empty for the default: 90 days after the start."}


def item_form(
    kind: ItemKind[Any], diagnoses: QuerySet[Diagnosis] | None = None
) -> type[forms.ModelForm[Any]]:
    widgets = {name: ITEM_WIDGETS[name] for name in kind.fields if name in ITEM_WIDGETS}
    meta = type("Meta", (), {"model": kind.model, "fields": kind.fields, "widgets": widgets})
    attrs: dict[str, object] = {
        "Meta": meta,
        "version": forms.IntegerField(widget=forms.HiddenInput, required=False),
    }
    if "diagnosis" in kind.fields:
        attrs["diagnosis"] = forms.ModelChoiceField(
            queryset=diagnoses if diagnoses is not None else Diagnosis.objects.none(),
            required=False,
            label="Linked diagnosis",
        )
    form = cast(
        "type[forms.ModelForm[Any]]", type(f"{kind.name.title()}Form", (forms.ModelForm,), attrs)
    )
    if "status" in kind.fields:
        # Left out, a new item starts "not started" and an edited one keeps its status.
        form.base_fields["status"].required = False
    return form
