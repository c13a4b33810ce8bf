"""The mental status exam: what the clinician observed in the session, domain by domain.

Offered open on a client's first note (the intake session) and folded away, optional, on
later ones. Stored on the note (``ProgressNote.mental_status``) as ``{domain: choice}``
plus ``notes``, so signing the note signs the exam with it. A domain left empty was not
assessed. The choices are this project's own plain descriptions of what is commonly
observed in each domain; anything finer goes in the notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError

from trellis.forms import textarea
from trellis.progress.models import ProgressNote

MAX_NOTES = 5000


@dataclass(frozen=True)
class Domain:
    key: str
    label: str
    choices: tuple[tuple[str, str], ...]


DOMAINS: tuple[Domain, ...] = (
    Domain(
        "appearance",
        "Appearance",
        (
            ("groomed", "Well kept, dressed for the setting"),
            ("casual", "Casually kept"),
            ("unkempt", "Unkempt or dishevelled"),
            ("unusual", "Unusual dress or grooming (describe in the notes)"),
        ),
    ),
    Domain(
        "behaviour",
        "Behaviour",
        (
            ("cooperative", "Cooperative and engaged"),
            ("guarded", "Guarded or wary"),
            ("restless", "Restless or agitated"),
            ("slowed", "Slowed movements"),
            ("withdrawn", "Withdrawn, little engagement"),
        ),
    ),
    Domain(
        "speech",
        "Speech",
        (
            ("normal", "Ordinary rate, volume and rhythm"),
            ("pressured", "Fast or pressured"),
            ("slow", "Slow or sparse"),
            ("soft", "Quiet"),
            ("loud", "Loud"),
            ("slurred", "Slurred or hard to follow"),
        ),
    ),
    Domain(
        "mood",
        "Mood (as the client describes it)",
        (
            ("even", "Even, 'okay'"),
            ("low", "Low or sad"),
            ("anxious", "Anxious or worried"),
            ("irritable", "Irritable or angry"),
            ("elevated", "High or elated"),
        ),
    ),
    Domain(
        "affect",
        "Affect (as observed)",
        (
            ("full", "Full range, fits the mood"),
            ("restricted", "Narrowed range"),
            ("flat", "Flat or blunted"),
            ("labile", "Shifting quickly"),
            ("incongruent", "At odds with what is being said"),
        ),
    ),
    Domain(
        "thought_process",
        "Thought process",
        (
            ("linear", "Clear and goal-directed"),
            ("circumstantial", "Roundabout, reaches the point late or not at all"),
            ("racing", "Racing, jumping between ideas"),
            ("loose", "Loosely connected, hard to follow"),
            ("slowed", "Slowed or with long pauses"),
        ),
    ),
    Domain(
        "thought_content",
        "Thought content",
        (
            ("unremarkable", "Nothing of concern"),
            ("ruminative", "Preoccupied or ruminating"),
            ("intrusive", "Intrusive or obsessive thoughts"),
            ("delusional", "Fixed false beliefs"),
            ("harm", "Thoughts of harming self or others (record in the risk assessment)"),
        ),
    ),
    Domain(
        "perception",
        "Perception",
        (
            ("none", "No hallucinations reported or observed"),
            ("auditory", "Hears things others do not"),
            ("visual", "Sees things others do not"),
            ("other", "Other disturbance (describe in the notes)"),
        ),
    ),
    Domain(
        "cognition",
        "Cognition and orientation",
        (
            ("oriented", "Alert; knows who, where and when"),
            ("partly", "Partly oriented"),
            ("attention", "Attention or memory noticeably impaired"),
            ("clouded", "Drowsy or confused"),
        ),
    ),
    Domain("insight", "Insight", (("good", "Good"), ("partial", "Partial"), ("poor", "Poor"))),
    Domain("judgment", "Judgment", (("good", "Good"), ("fair", "Fair"), ("poor", "Poor"))),
)
BY_KEY = {domain.key: domain for domain in DOMAINS}


def clean_mental_status(value: Mapping[str, Any] | None) -> dict[str, str]:
    """The exam as stored: known domains with one of their choices, and notes; empty
    entries dropped. Raises ValidationError naming the domain that is wrong."""
    if not value:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError({"mental_status": "The mental status exam must be a mapping."})
    cleaned: dict[str, str] = {}
    for key, choice in value.items():
        if choice in (None, ""):
            continue
        if key == "notes":
            text = str(choice).strip()
            if len(text) > MAX_NOTES:
                raise ValidationError(
                    {"mental_status": f"Mental status notes: at most {MAX_NOTES} characters."}
                )
            if text:
                cleaned["notes"] = text
            continue
        domain = BY_KEY.get(key)
        if domain is None:
            raise ValidationError({"mental_status": f"No mental status domain called {key!r}."})
        if choice not in dict(domain.choices):
            known = ", ".join(c for c, _ in domain.choices)
            raise ValidationError({"mental_status": f"{domain.label}: choose one of {known}."})
        cleaned[key] = str(choice)
    return cleaned


def mental_status_content(value: Mapping[str, str]) -> dict[str, Any]:
    """The exam as a note reads it: each assessed domain in order, with its words."""
    found = [
        {
            "domain": d.key,
            "label": d.label,
            "value": value[d.key],
            "text": dict(d.choices)[value[d.key]],
        }
        for d in DOMAINS
        if d.key in value
    ]
    return {"domains": found, "notes": value.get("notes", "")}


class MentalStatusForm(forms.Form):
    """One select per domain ("not assessed" empty) and the notes; use with prefix "mse"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "mse")
        super().__init__(*args, **kwargs)
        for domain in DOMAINS:
            self.fields[domain.key] = forms.ChoiceField(
                label=domain.label,
                required=False,
                choices=[("", "— not assessed —"), *domain.choices],
            )
        self.fields["notes"] = forms.CharField(
            label="Mental status notes",
            required=False,
            max_length=MAX_NOTES,
            widget=textarea(2),
            help_text="Anything the choices do not say, in your own words.",
        )

    def mental_status(self) -> dict[str, str]:
        """The cleaned exam, or ValidationError on ``mental_status`` saying which domain
        is wrong (the page shows it and keeps what was typed)."""
        if not self.is_valid():
            wrong = "; ".join(
                f"{self.fields[name].label}: {' '.join(map(str, errors))}"
                for name, errors in self.errors.items()
            )
            raise ValidationError({"mental_status": f"Mental status exam: {wrong}"})
        return clean_mental_status(self.cleaned_data)


def offered_open(client_id: UUID, note: ProgressNote | None = None) -> bool:
    """Whether the exam opens by itself: on the client's first note (no other note yet),
    or on a draft that already holds one. One query at most."""
    if note is not None and note.mental_status:
        return True
    others = ProgressNote.objects.filter(client_id=client_id)
    if note is not None:
        others = others.exclude(pk=note.pk)
    return not others.exists()
